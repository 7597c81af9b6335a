using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BankOffice.E2E.Tests.Collections;

[Collection(AppCollection.Name)]
public sealed class CollectionsJourneyTests(AppFixture app)
{
    [Fact]
    public async Task Collector_LogsPromiseToPayForACustomerInTheirQueue_CaseAndQueueRowShowPromised()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("collector@bankoffice.local", app.DemoPassword);

        // A collector's queue opens on their own cases; the demo seed gives collector@ five, none promised yet.
        await page.GotoInteractiveAsync("/collections");
        var rows = page.TestId("queue-grid").Locator("tr[data-testid^='queue-row-']");
        await Expect(rows.First).ToBeVisibleAsync();
        var candidate = rows.Filter(new() { Has = page.Locator("[data-testid='queue-status']").Filter(new() { HasNotText = "PROMISED" }) }).First;
        await Expect(candidate).ToBeVisibleAsync();
        var customerId = (await candidate.GetAttributeAsync("data-testid"))!["queue-row-".Length..];
        await Expect(candidate.Locator("[data-testid='queue-assigned']")).ToHaveTextAsync("collector@bankoffice.local");

        await candidate.Locator("[data-testid='queue-customer']").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/collections/{customerId}$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.TestId("case-status")).Not.ToHaveTextAsync("PROMISED");

        // A call in which the customer promises to pay a small part in a few days.
        var promiseDate = DateOnly.FromDateTime(DateTime.Today).AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.TestId("case-log-activity").ClickAsync();
        await page.TestId("activity-type").SelectOptionAsync("PHONE_CALL");
        await page.TestId("activity-outcome").SelectOptionAsync("PROMISE_TO_PAY");
        await page.TestId("activity-promise-date").FillAsync(promiseDate);
        await page.TestId("activity-promise-amount").FillAsync("150.00");
        await page.TestId("activity-notes").FillAsync("E2E: will pay part by the end of the week.");
        await page.TestId("activity-save").ClickAsync();

        await Expect(page.TestId("case-status")).ToHaveTextAsync("PROMISED");
        await Expect(page.TestId("case-promise")).ToContainTextAsync(promiseDate);
        await Expect(page.TestId("case-promise")).ToContainTextAsync("150.00");

        await page.GotoInteractiveAsync("/collections");
        var row = page.TestId($"queue-row-{customerId}");
        await Expect(row.Locator("[data-testid='queue-status']")).ToHaveTextAsync("PROMISED");
    }

    [Fact]
    public async Task SecondCreditOfficer_SeesTheSeededLimitIncreaseAwaitingApproval_AndApprovesIt()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("credit2@bankoffice.local", app.DemoPassword);

        // The demo seed: credit@ asked for an increase above the second-approval threshold, and the teller submitted an application.
        await page.GotoInteractiveAsync("/credit/inbox");
        var change = page.TestId("pending-change").Filter(new() { Has = page.Locator("[data-testid='pending-requested-by']", new() { HasTextString = "credit@bankoffice.local" }) }).First;
        await Expect(change).ToBeVisibleAsync();
        var approvalId = (await change.Locator("[data-testid='pending-approval-id']").InnerTextAsync()).Trim();
        approvalId.Should().MatchRegex("^APR-[0-9]{4}-[0-9]{4}$");
        await Expect(page.TestId("inbox-applications").Locator("[data-testid='application-link']").First).ToBeVisibleAsync();

        await change.Locator("[data-testid='pending-approve']").ClickAsync();
        await Expect(page.TestId("pending-result")).ToContainTextAsync(approvalId);
        await Expect(page.TestId("pending-result")).ToContainTextAsync("Applied");
        await Expect(page.Locator("[data-testid='pending-approval-id']", new() { HasTextString = approvalId })).ToHaveCountAsync(0);
    }
}
