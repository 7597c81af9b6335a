using System.Net;
using System.Text.Json;

namespace BankOffice.Api.Tests;

/// <summary>Reads an error answer and checks it is RFC 9457 ProblemDetails with our extensions.</summary>
public static class ProblemAssertions
{
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("code").GetString().Should().Be(code, body);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
        problem.TryGetProperty("timestamp", out _).Should().BeTrue("every problem carries a timestamp");
        return problem;
    }
}
