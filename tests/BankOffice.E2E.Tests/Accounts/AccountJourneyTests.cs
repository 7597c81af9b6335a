using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BankOffice.E2E.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class AccountJourneyTests(AppFixture app)
{
    [Fact]
    public async Task Teller_OpensAccountForCustomer_FindsItInTheList()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("teller@bankoffice.local", app.DemoPassword);

        // Demo customer C000003 is the business "Güneş Tekstil A.Ş.".
        await page.GotoInteractiveAsync("/customers/C000003");
        await page.TestId("customer-open-account").ClickAsync();
        await page.WaitForURLAsync(new Regex("/accounts/new\\?customerId=C000003$"));
        await page.WaitForInteractiveAsync();
        await page.TestId("account-type").GetByText("SAVINGS", new() { Exact = true }).ClickAsync();
        await page.TestId("account-currency").GetByText("GBP", new() { Exact = true }).ClickAsync();
        await page.TestId("open-account-submit").ClickAsync();

        await page.WaitForURLAsync(new Regex("/accounts/ACC-[0-9a-f-]{36}$"));
        var accountNumber = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Expect(page.TestId("account-number")).ToContainTextAsync(accountNumber);
        await Expect(page.TestId("account-holder-name")).ToContainTextAsync("Güneş Tekstil A.Ş.");

        await page.GotoInteractiveAsync("/accounts");
        // The list loads on arrival, before any search: the demo bank has 50 accounts, newest first.
        await Expect(page.TestId("accounts-grid").Locator("[data-testid='account-link']")).ToHaveCountAsync(20);
        await Expect(page.TestId("accounts-grid").Locator("[data-testid='account-link']").First).ToHaveTextAsync(accountNumber);
        await page.TestId("account-search").FillAsync(accountNumber);
        await page.TestId("account-search-button").ClickAsync();
        var grid = page.TestId("accounts-grid");
        await Expect(grid.Locator("[data-testid='account-link']")).ToHaveCountAsync(1);
        await Expect(grid.Locator("[data-testid='account-link']")).ToHaveTextAsync(accountNumber);
        await Expect(grid).ToContainTextAsync("GBP");
        await Expect(grid).ToContainTextAsync("SAVINGS");
    }

    [Fact]
    public async Task Customer_SignsIn_SeesOnlyOwnAccounts()
    {
        var page = await app.NewPageAsync();
        // Demo customer01 is C000001, Ayşe Yılmaz, who holds three accounts.
        await page.SignInAsync("customer01@bankoffice.local", app.DemoPassword);

        var cards = page.TestId("my-account-card");
        await Expect(cards).ToHaveCountAsync(3);

        await page.GotoInteractiveAsync("/accounts");
        var links = page.TestId("accounts-grid").Locator("[data-testid='account-link']");
        await Expect(links).ToHaveCountAsync(3);
        await Expect(page.TestId("accounts-grid")).Not.ToContainTextAsync("Mehmet Öztürk");
        foreach (var holder in await page.TestId("accounts-grid").Locator("tbody tr").AllInnerTextsAsync())
        {
            holder.Should().Contain("Ayşe Yılmaz");
        }

        // Another customer's account by URL: a readable refusal, not their data.
        await page.GotoInteractiveAsync("/customers/C000002");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You are not allowed to do this.");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Mehmet Öztürk");
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsReadableError()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.TestId("login-email").FillAsync("teller@bankoffice.local");
        await page.TestId("login-password").FillAsync("Wrong!Pass2026");
        await page.TestId("login-submit").ClickAsync();

        await Expect(page.TestId("login-error")).ToContainTextAsync("The email or password is wrong.");
        page.Url.Should().Contain("/account/login");
    }
}
