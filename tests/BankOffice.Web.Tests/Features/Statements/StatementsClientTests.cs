using System.Net;
using BankOffice.Core.Statements;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BankOffice.Web.Tests.Features.Statements;

public sealed class StatementsClientTests
{
    private const string RunJson = """{"id":"0193a000-0000-7000-8000-0000000000a1","period":"2026-10","status":"{0}","trigger":"CLOSE","formats":["pdf"],"requestedBy":"admin@bankoffice.local","createdAt":"2026-11-03T09:00:00Z","startedAt":null,"finishedAt":null,"total":120,"processed":{1},"failed":0,"percent":{2},"attempts":1,"message":null}""";

    [Fact]
    public async Task GetSummaryAsync_Range_AsksForJsonHeaderOnlyWithTheDates()
    {
        HttpRequestMessage? sent = null;
        var client = Client(request =>
        {
            sent = request;
            return FakeHttpHandler.Json(HttpStatusCode.OK, """{"kind":"ACCOUNT","customerId":"C000001","customerName":"Ayşe Yılmaz","accountNumber":"ACC-1","iban":"TR33","currency":"TRY","statementPeriod":{"from":"2026-10-01","to":"2026-10-31"},"openingBalance":100.5,"transactions":[],"totalDebits":20,"totalCredits":0,"closingBalance":80.5,"lineCount":3,"generatedAt":"2026-11-20T10:00:00Z"}""");
        });

        var summary = await client.GetSummaryAsync(new StatementRequest("ACC-1", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)));

        sent!.RequestUri!.PathAndQuery.Should().Be("/api/v1/accounts/ACC-1/statement?format=json&fromDate=2026-10-01&toDate=2026-10-31&includeDetails=false");
        summary.ClosingBalance.Should().Be(80.5m);
        summary.StatementPeriod.To.Should().Be(new DateOnly(2026, 10, 31));
        summary.LineCount.Should().Be(3);
    }

    [Fact]
    public async Task WatchRunAsync_PassingServerError_KeepsPollingUntilTheRunHasFinished()
    {
        var answers = new Queue<HttpResponseMessage>(
        [
            FakeHttpHandler.Json(HttpStatusCode.OK, Run("QUEUED", 0, 0)),
            FakeHttpHandler.Json(HttpStatusCode.ServiceUnavailable, """{"title":"Service unavailable","status":503,"code":"API_UNAVAILABLE"}""", "application/problem+json"),
            FakeHttpHandler.Json(HttpStatusCode.OK, Run("RUNNING", 60, 50)),
            FakeHttpHandler.Json(HttpStatusCode.OK, Run("COMPLETED", 120, 100)),
            FakeHttpHandler.Json(HttpStatusCode.OK, Run("COMPLETED", 120, 100)),
        ]);
        var client = Client(_ => answers.Dequeue());

        var seen = new List<(StatementRunStatus, int)>();
        await foreach (var run in client.WatchRunAsync(FakeStatementsClient.RunId))
        {
            seen.Add((run.Status, run.Processed));
        }

        // Four polls: the 503 is skipped, and the watch stops at the first finished answer.
        seen.Should().Equal((StatementRunStatus.QUEUED, 0), (StatementRunStatus.RUNNING, 60), (StatementRunStatus.COMPLETED, 120));
        answers.Should().HaveCount(1);
    }

    [Fact]
    public async Task WatchRunAsync_RunGone_Throws()
    {
        var client = Client(_ => FakeHttpHandler.Json(HttpStatusCode.NotFound, """{"title":"Not found","status":404,"code":"STATEMENT_RUN_NOT_FOUND"}""", "application/problem+json"));

        var act = async () =>
        {
            await foreach (var _ in client.WatchRunAsync(FakeStatementsClient.RunId))
            {
            }
        };

        (await act.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be("STATEMENT_RUN_NOT_FOUND");
    }

    private static string Run(string status, int processed, int percent) =>
        RunJson.Replace("{0}", status, StringComparison.Ordinal).Replace("{1}", processed.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{2}", percent.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static StatementsClient Client(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        new(new FakeHttpClientFactory(new FakeHttpHandler(r => Task.FromResult(respond(r)))).CreateClient("x"), new StaticToken("tok"), NullLogger<StatementsClient>.Instance)
        {
            PollInterval = TimeSpan.FromMilliseconds(5),
        };

    private sealed class StaticToken(string? token) : IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken ct = default) => Task.FromResult(token);
    }
}
