using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace BankOffice.Api.Tests.Statements.Documents;

/// <summary>Reads a PDF the way an auditor's tools do: poppler's pdftotext and pdfinfo.</summary>
public sealed partial class PdfText : IDisposable
{
    private readonly string _path;

    private PdfText(string path) => _path = path;

    public static async Task<PdfText> OpenAsync(byte[] pdf)
    {
        Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
        var path = Path.Combine(Path.GetTempPath(), $"bankoffice-test-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        return new PdfText(path);
    }

    public async Task<int> PageCountAsync()
    {
        var info = await RunAsync("pdfinfo", _path);
        return int.Parse(PagesLine().Match(info).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The text with its layout (columns stay on one line); one page when <paramref name="page"/> is given.</summary>
    public Task<string> TextAsync(int? page = null) =>
        page is null ? RunAsync("pdftotext", "-layout", _path, "-") : RunAsync("pdftotext", "-layout", "-f", $"{page}", "-l", $"{page}", _path, "-");

    public void Dispose() => File.Delete(_path);

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, $"{tool} failed: {await error}");
        return await output;
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();
}
