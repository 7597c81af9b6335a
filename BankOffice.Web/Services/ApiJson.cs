using System.Text.Json;
using System.Text.Json.Serialization;

namespace BankOffice.Web.Services;

/// <summary>JSON options of the API's wire format: camelCase, enums as strings.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
