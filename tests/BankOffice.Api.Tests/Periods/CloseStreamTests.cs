using System.Text.Json;
using BankOffice.Core.Accounts;
using BankOffice.Core.Periods;

namespace BankOffice.Api.Tests.Periods;

/// <summary>The close's progress as server-sent events, for a screen to follow without polling.</summary>
public sealed class CloseStreamTests(PausedCloseApiFactory factory) : PeriodTestBase<PausedCloseApiFactory>(factory)
{
    [Fact]
    public async Task Stream_WhileTheCloseRuns_SendsEachChangeAndEndsWithTheFinishedRun()
    {
        SetToday(new DateOnly(2026, 10, 2));
        var savings = await OpenAccountAsync(AccountType.SAVINGS);
        await MoveAsync("deposit", savings.AccountNumber, 1_000m, new DateOnly(2026, 9, 10));
        var run = await StartCloseAsync("2026-09");

        // The interest batch's pause keeps the run going for a few seconds; the stream must end by itself after it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var response = await Manager.GetAsync($"{PeriodsPath}/close-runs/{run.Id}/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var body = await response.Content.ReadAsStringAsync(timeout.Token);

        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events.Should().OnlyContain(e => e.StartsWith("data: ", StringComparison.Ordinal) && !e.Contains('\n'), "each event is one data line and a blank line");
        var runs = events.Select(e => JsonSerializer.Deserialize<CloseRunDto>(e["data: ".Length..], ApiFactory.Json)!).ToList();
        runs.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(r => r.Id == run.Id);
        runs.Take(runs.Count - 1).Should().OnlyContain(r => r.Status == CloseRunStatus.RUNNING);
        runs.Select(r => r.Progress).Should().BeInAscendingOrder();
        var last = runs[^1];
        (last.Status, last.Progress, last.Summary!.InterestAccounts).Should().Be((CloseRunStatus.SUCCEEDED, 100, 1));
        // Sent only when something changed.
        events.Should().OnlyHaveUniqueItems();
    }
}
