using System.Text.Json;
using BankOffice.Hosting;
using Microsoft.Extensions.Configuration;

namespace BankOffice.Web.Tests.Services;

public sealed class SharedSettingsTests
{
    private static JsonElement SharedFile() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, SharedSettings.FileName))).RootElement;

    [Fact]
    public void AddSharedSettings_OnNet9ConfigurationManager_ReadsTheSharedFile()
    {
        // .NET 9's ConfigurationManager did not reload on Sources.Insert; the Web host runs on .NET 9.
        var configuration = new ConfigurationManager();

        configuration.AddSharedSettings();

        configuration["Api:BaseUrl"].Should().Be(SharedFile().GetProperty("Api").GetProperty("BaseUrl").GetString()).And.NotBeNullOrEmpty();
        configuration["Logging:LogLevel:Microsoft.AspNetCore"].Should().Be("Warning");
    }

    [Fact]
    public void AddSharedSettings_HostSourcesAlreadyPresent_StillOverrideTheSharedFile()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hosts:WebUrl"] = "http://127.0.0.1:6000" });

        configuration.AddSharedSettings();

        configuration["Hosts:WebUrl"].Should().Be("http://127.0.0.1:6000");
        configuration["Hosts:ApiUrl"].Should().Be(SharedFile().GetProperty("Hosts").GetProperty("ApiUrl").GetString());
    }
}
