using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace BankOffice.Hosting;

/// <summary>
/// Shared by both hosts (the Web project compiles this same file): puts the repository's root
/// appsettings.json, copied next to the binaries as appsettings.shared.json, under every other
/// configuration source, so the host's own appsettings, environment variables and arguments win.
/// </summary>
public static class SharedSettings
{
    public const string FileName = "appsettings.shared.json";

    public static void AddSharedSettings(this IConfigurationBuilder configuration)
    {
        // Re-adding every source in order rebuilds the providers on .NET 9 as on .NET 10;
        // Sources.Insert(0, ...) does not reload them on .NET 9's ConfigurationManager.
        var existing = configuration.Sources.ToList();
        configuration.Sources.Clear();
        configuration.AddJsonFile(new PhysicalFileProvider(AppContext.BaseDirectory), FileName, optional: true, reloadOnChange: false);
        foreach (var source in existing)
        {
            configuration.Sources.Add(source);
        }
    }
}
