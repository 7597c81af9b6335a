using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BankOffice.E2E.Tests.Periods;

[Collection(AppCollection.Name)]
public sealed class PeriodCloseJourneyTests(AppFixture app)
{
    private const string Admin = "admin@bankoffice.local";

    [Fact]
    public async Task Admin_ClosesTheOldestEndedOpenPeriod_ProgressReaches100AndThePeriodIsClosed()
    {
        var period = await OldestEndedOpenPeriodAsync();
        var page = await app.NewPageAsync();
        await page.SignInAsync(Admin, app.DemoPassword);

        await page.GotoInteractiveAsync("/periods");
        var row = page.TestId($"period-row-{period}");
        await Expect(row.Locator("[data-testid='period-status']")).ToHaveTextAsync("OPEN");
        await Expect(row.Locator("[data-testid='period-close']")).ToBeEnabledAsync();
        await page.ClickUntilAtAsync(row.Locator("[data-testid='period-close']"), new Regex($"/periods/{period}/close$"));
        await page.WaitForInteractiveAsync();

        // The cut-off defaults to the period's last day at 23:59:59; the approver is recorded with the close.
        var lastDay = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1);
        await Expect(page.TestId("close-cutoff")).ToHaveValueAsync($"{lastDay:yyyy-MM-dd}T23:59:59");
        await page.TestId("close-approved-by").FillAsync("manager@bankoffice.local");
        await page.TestId("close-start").ClickAsync();

        // The page follows the run live (no reload) until it has finished.
        var bar = page.TestId("close-progress-bar");
        await Expect(bar).ToBeVisibleAsync();
        await Expect(page.TestId("close-run-status")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 120_000 });
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.TestId("close-succeeded")).ToContainTextAsync("The period is closed.");
        await Expect(page.TestId("close-summary")).ToBeVisibleAsync();
        await Expect(page.TestId("close-step-FINALIZE").Locator("[data-testid='close-step-status']")).ToHaveTextAsync("DONE");
        await Expect(page.TestId("close-period-status")).ToHaveTextAsync("CLOSED");

        await page.ClickUntilAtAsync(page.TestId("close-back"), new Regex("/periods$"));
        await page.WaitForInteractiveAsync();
        row = page.TestId($"period-row-{period}");
        await Expect(row.Locator("[data-testid='period-status']")).ToHaveTextAsync("CLOSED");
        await Expect(row.Locator("[data-testid='period-closed-by']")).ToHaveTextAsync(Admin);
        await Expect(row.Locator("[data-testid='period-last-run']")).ToHaveTextAsync("SUCCEEDED");
    }

    /// <summary>GET /periods (newest first) as the admin: the last OPEN one whose end date is before today.</summary>
    private async Task<string> OldestEndedOpenPeriodAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.ApiUrl + "/api/v1/") };
        using var login = await http.PostAsJsonAsync("auth/login", new { email = Admin, password = app.DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var periods = await http.GetFromJsonAsync<JsonElement>("periods");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var candidates = periods.EnumerateArray()
            .Where(p => p.GetProperty("status").GetString() == "OPEN" && DateOnly.Parse(p.GetProperty("endDate").GetString()!, CultureInfo.InvariantCulture) < today)
            .Select(p => p.GetProperty("period").GetString()!)
            .ToList();
        candidates.Should().NotBeEmpty("the demo data has postings in months before this one");
        return candidates[^1];
    }
}
