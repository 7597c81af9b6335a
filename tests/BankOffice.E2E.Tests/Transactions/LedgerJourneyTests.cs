using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BankOffice.E2E.Tests.Transactions;

[Collection(AppCollection.Name)]
public sealed class LedgerJourneyTests(AppFixture app)
{
    [Fact]
    public async Task Teller_DepositsIntoDemoAccount_BalanceRisesByExactlyThatAmount()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("teller@bankoffice.local", app.DemoPassword);

        // Demo customer C000001 has no suspended account; take the first of theirs.
        await page.GotoInteractiveAsync("/accounts?customerId=C000001");
        var link = page.TestId("accounts-grid").Locator("[data-testid='account-link']").First;
        await Expect(link).ToBeVisibleAsync();
        var accountNumber = (await link.InnerTextAsync()).Trim();

        await page.GotoInteractiveAsync($"/accounts/{accountNumber}");
        var before = await BalanceAsync(page);
        await page.TestId("account-deposit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/transactions/deposit\\?account="));
        await page.WaitForInteractiveAsync();
        await Expect(page.TestId("cash-account-info")).ToBeVisibleAsync();
        await page.TestId("amount-input").FillAsync("123.45");
        await page.TestId("cash-continue").ClickAsync();
        await Expect(page.TestId("confirm-account")).ToContainTextAsync(accountNumber);
        await Expect(page.TestId("confirm-amount")).ToContainTextAsync("123.45");
        await page.TestId("confirm-submit").ClickAsync();
        await Expect(page.TestId("posting-result")).ToContainTextAsync("Deposit: done");

        await page.GotoInteractiveAsync($"/accounts/{accountNumber}");
        (await BalanceAsync(page)).Should().Be(before + 123.45m);
        await Expect(page.TestId("ledger-grid")).ToContainTextAsync("DEPOSIT");
    }

    [Fact]
    public async Task Customer_TransfersBetweenOwnAccountsOfOneCurrency_BothBalancesChange()
    {
        // The demo accounts' currencies are random (seeded): find a customer holding two active accounts of one currency.
        IPage? found = null;
        (string From, string To)? pair = null;
        for (var n = 1; n <= 20 && pair is null; n++)
        {
            found = await app.NewPageAsync();
            await found.SignInAsync($"customer{n:00}@bankoffice.local", app.DemoPassword);
            pair = await SameCurrencyPairAsync(found);
            if (pair is null)
            {
                await found.Context.CloseAsync();
            }
        }

        pair.Should().NotBeNull("some demo customer holds two active accounts of one currency");
        var page = found!;
        var (from, to) = pair!.Value;
        await page.GotoInteractiveAsync($"/accounts/{from}");
        var fromBefore = await BalanceAsync(page);
        await page.GotoInteractiveAsync($"/accounts/{to}");
        var toBefore = await BalanceAsync(page);

        await page.GotoInteractiveAsync($"/transactions/transfer?account={from}");
        await Expect(page.TestId("transfer-from")).ToContainTextAsync(from);
        await page.TestId("transfer-to").FillAsync(to);
        await page.TestId("amount-input").FillAsync("1.25");
        await page.TestId("description-input").FillAsync("E2E own transfer");
        await page.TestId("transfer-continue").ClickAsync();
        await Expect(page.TestId("confirm-from")).ToContainTextAsync(from);
        await Expect(page.TestId("confirm-to")).ToContainTextAsync(to);
        await page.TestId("confirm-submit").ClickAsync();
        await Expect(page.TestId("posting-result")).ToContainTextAsync("Transfer: done");

        await page.GotoInteractiveAsync($"/accounts/{from}");
        (await BalanceAsync(page)).Should().Be(fromBefore - 1.25m);
        await page.GotoInteractiveAsync($"/accounts/{to}");
        (await BalanceAsync(page)).Should().Be(toBefore + 1.25m);
    }

    /// <summary>Two ACTIVE non-loan accounts of the signed-in customer in one currency, the first with at least 10 to move.</summary>
    private static async Task<(string From, string To)?> SameCurrencyPairAsync(IPage page)
    {
        await page.GotoInteractiveAsync("/accounts");
        var rows = page.TestId("accounts-grid").Locator("tbody tr:has([data-testid='account-link'])");
        await Expect(rows.First).ToBeVisibleAsync();
        var accounts = new List<(string Number, string Type, decimal Balance, string Currency, string Status)>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            // Columns: number, holder, IBAN, type, balance, currency, status, opened.
            var cells = await rows.Nth(i).Locator("td").AllInnerTextsAsync();
            accounts.Add((cells[0].Trim(), cells[3].Trim(), Amount(cells[4]), cells[5].Trim(), cells[6].Trim()));
        }

        return accounts
            .Where(a => a.Status == "ACTIVE" && a.Type != "LOAN")
            .GroupBy(a => a.Currency)
            .Select(g => g.OrderByDescending(a => a.Balance).ToList())
            .Where(g => g.Count >= 2 && g[0].Balance >= 10m)
            .Select(g => ((string From, string To)?)(g[0].Number, g[1].Number))
            .FirstOrDefault();
    }

    private static async Task<decimal> BalanceAsync(IPage page)
    {
        var balance = page.TestId("account-balance");
        await Expect(balance).ToBeVisibleAsync();
        return Amount(await balance.InnerTextAsync());
    }

    /// <summary>"1,234.56 TRY" as 1234.56.</summary>
    private static decimal Amount(string text) =>
        decimal.Parse(Regex.Replace(text, "[^0-9.\\-]", string.Empty), NumberStyles.Number, CultureInfo.InvariantCulture);
}
