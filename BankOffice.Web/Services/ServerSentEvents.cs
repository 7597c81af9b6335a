using System.Runtime.CompilerServices;
using System.Text;

namespace BankOffice.Web.Services;

/// <summary>
/// Reads a <c>text/event-stream</c> body (the WHATWG server-sent events format): yields the data of
/// each event, its <c>data:</c> lines joined by a line feed, once the blank line that ends it arrives.
/// </summary>
public static class ServerSentEvents
{
    public const string ContentType = "text/event-stream";

    public static async IAsyncEnumerable<string> ReadDataAsync(Stream body, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return data.ToString();
                }

                data.Clear();
                hasData = false;
                continue;
            }

            // Lines starting with a colon are comments (servers send them as keep-alives); event, id and retry are not used here.
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon == 0 || !line.AsSpan(0, colon < 0 ? line.Length : colon).SequenceEqual("data"))
            {
                continue;
            }

            var value = colon < 0 ? ReadOnlySpan<char>.Empty : line.AsSpan(colon + 1);
            if (value.StartsWith(" "))
            {
                value = value[1..];
            }

            if (hasData)
            {
                data.Append('\n');
            }

            data.Append(value);
            hasData = true;
        }

        // The format drops an event the stream ended in the middle of: it was never complete.
    }
}
