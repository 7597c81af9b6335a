using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace BankOffice.Api.Infrastructure;

public static class SharedSettings
{
    public const string FileName = "appsettings.shared.json";

    /// <summary>
    /// Puts the repository's root appsettings.json (copied next to the binaries) under every other
    /// source, so the host's own appsettings, environment variables and arguments override it.
    /// </summary>
    public static void AddSharedSettings(this IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = FileName,
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
}
