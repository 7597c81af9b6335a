using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BankOffice.E2E.Tests.Receivables;

[Collection(AppCollection.Name)]
public sealed class ReceivablesJourneyTests(AppFixture app)
{
    [Fact]
    public async Task Teller_RecordsPaymentOfTwoOldestOpenInvoices_PreviewThenConfirm_BothInvoicesPaid()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("teller@bankoffice.local", app.DemoPassword);

        // A demo business customer on plain NET terms, so no early-payment discount changes the amounts.
        const string customerId = "C000003";
        await page.GotoInteractiveAsync($"/receivables/{customerId}");
        var terms = (await page.TestId("credit-terms").InnerTextAsync()).Trim();
        terms.Should().MatchRegex("^NET(30|45|60)$", "the payment must settle the invoices without discount");

        // The two oldest open invoices (the allocator's order: due date, invoice date, number) and their balances.
        var rows = page.TestId("invoices-grid").Locator("tbody tr:has([data-testid='invoice-link'])");
        await Expect(rows.First).ToBeVisibleAsync();
        var open = new List<(string Number, string Due, string Date, decimal Balance)>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            var status = (await row.Locator("[data-testid='invoice-status']").InnerTextAsync()).Trim();
            var balance = Amount(await row.Locator("[data-testid='invoice-balance']").InnerTextAsync());
            if (status is "PAID" or "VOID" || balance <= 0)
            {
                continue;
            }

            open.Add((
                (await row.Locator("[data-testid='invoice-link']").InnerTextAsync()).Trim(),
                (await row.Locator("[data-testid='invoice-due']").InnerTextAsync()).Trim(),
                (await row.Locator("[data-testid='invoice-date']").InnerTextAsync()).Trim(),
                balance));
        }

        open.Count.Should().BeGreaterThanOrEqualTo(2, "the demo seed gives the customer several open invoices");
        var oldest = open.OrderBy(i => i.Due, StringComparer.Ordinal).ThenBy(i => i.Date, StringComparer.Ordinal).ThenBy(i => i.Number, StringComparer.Ordinal).Take(2).ToList();
        var amount = oldest.Sum(i => i.Balance);
        var amountText = amount.ToString("0.00", CultureInfo.InvariantCulture);

        await page.TestId("overview-record-payment").ClickAsync();
        await page.WaitForURLAsync(new Regex("/payments/new\\?customerId="));
        await page.WaitForInteractiveAsync();
        await Expect(page.TestId("payment-customer-info")).ToContainTextAsync(terms);
        await page.TestId("amount-input").FillAsync(amountText);
        await page.TestId("payment-reference").FillAsync($"E2E-{Guid.NewGuid():N}"[..20]);
        await page.TestId("payment-preview").ClickAsync();

        // The preview: both invoices in full, no discount, nothing left over; nothing posted yet.
        var preview = page.TestId("preview-allocations");
        await Expect(preview.Locator("[data-testid='allocation-row']")).ToHaveCountAsync(2);
        foreach (var invoice in oldest)
        {
            var row = preview.Locator($"[data-testid='allocation-row'][data-invoice='{invoice.Number}']");
            Amount(await row.Locator("[data-testid='allocation-amount']").InnerTextAsync()).Should().Be(invoice.Balance);
            Amount(await row.Locator("[data-testid='allocation-discount']").InnerTextAsync()).Should().Be(0m);
        }

        Amount(await page.TestId("allocation-unallocated").InnerTextAsync()).Should().Be(0m);
        await Expect(page.TestId("confirm-amount")).ToContainTextAsync(amount.ToString("#,##0.00", CultureInfo.InvariantCulture));

        await page.TestId("confirm-submit").ClickAsync();
        await Expect(page.TestId("payment-result")).ToContainTextAsync("Payment recorded");
        await Expect(page.TestId("result-allocations").Locator("[data-testid='allocation-invoice-link']")).ToHaveCountAsync(2);

        foreach (var invoice in oldest)
        {
            await page.GotoInteractiveAsync($"/invoices/{invoice.Number}");
            await Expect(page.TestId("invoice-number")).ToHaveTextAsync(invoice.Number);
            await Expect(page.TestId("invoice-status")).ToHaveTextAsync("PAID");
            Amount(await page.TestId("invoice-balance-due").InnerTextAsync()).Should().Be(0m);
        }
    }

    [Fact]
    public async Task Teller_CreatesInvoice_LiveTotalsMatchTheApisRounding_DetailsShowOpenInvoice()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("teller@bankoffice.local", app.DemoPassword);

        await page.GotoInteractiveAsync("/invoices/new?customerId=C000003");
        await Expect(page.TestId("invoice-customer-info")).ToBeVisibleAsync();
        await page.TestId("line-product").FillAsync("E2E-1");
        await page.TestId("line-description").FillAsync("Consulting hours");
        await page.TestId("line-quantity").FillAsync("3");
        await page.TestId("line-price").FillAsync("33.335");
        await page.TestId("line-tax").FillAsync("18");
        await Expect(page.TestId("total-subtotal")).ToContainTextAsync("100.01");
        await Expect(page.TestId("total-tax")).ToContainTextAsync("18.00");
        await Expect(page.TestId("total-total")).ToContainTextAsync("118.01");

        await page.TestId("invoice-continue").ClickAsync();
        await Expect(page.TestId("confirm-total")).ToContainTextAsync("118.01");
        await page.TestId("confirm-submit").ClickAsync();
        var link = page.TestId("result-invoice-link");
        await Expect(link).ToBeVisibleAsync();
        var number = (await link.InnerTextAsync()).Trim();

        await page.GotoInteractiveAsync($"/invoices/{number}");
        await Expect(page.TestId("invoice-total")).ToContainTextAsync("118.01");
        await Expect(page.TestId("invoice-balance-due")).ToContainTextAsync("118.01");
        await Expect(page.TestId("invoice-status")).ToHaveTextAsync("OPEN");
        await Expect(page.TestId("invoice-item")).ToHaveCountAsync(1);
    }

    /// <summary>"1,234.56 TRY" as 1234.56.</summary>
    [Fact]
    public async Task Manager_IssuesCreditNoteForOneItemFromTheInvoicePage_InvoiceBalanceDropsByTheCreditTotal()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("manager@bankoffice.local", app.DemoPassword);
        await page.GotoInteractiveAsync("/receivables/C000006");
        var row = page.TestId("invoices-grid").Locator("tbody tr:has([data-testid='invoice-link'])").Filter(new() { HasNotText = "PAID" }).First;
        await row.Locator("[data-testid='invoice-link']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/invoices/"));
        await page.WaitForInteractiveAsync();
        var before = Amount(await page.TestId("invoice-balance-due").InnerTextAsync());

        await page.TestId("invoice-credit-note").ClickAsync();
        await page.WaitForURLAsync(new Regex("/credit-notes/new\\?invoice="));
        await page.WaitForInteractiveAsync();
        // Credit one unit of the first line only.
        var lines = page.TestId("cn-line");
        await Expect(lines.First).ToBeVisibleAsync();
        var count = await lines.CountAsync();
        while (count > 1)
        {
            // Wait for each removal to render before the next: the last line's Remove is disabled.
            await lines.Last.Locator("[data-testid='cn-line-remove']").ClickAsync();
            await Expect(lines).ToHaveCountAsync(--count);
        }

        await lines.First.Locator("[data-testid='cn-line-quantity']").FillAsync("1");
        await page.TestId("cn-reason").SelectOptionAsync("PRODUCT_RETURN");
        var credit = Amount(await page.TestId("cn-total").InnerTextAsync());
        await page.TestId("cn-continue").ClickAsync();
        await page.TestId("cn-confirm").ClickAsync();
        await Expect(page.TestId("cn-result")).ToBeVisibleAsync();

        await page.TestId("cn-result-invoice-link").ClickAsync();
        await page.WaitForURLAsync(new Regex("/invoices/"));
        await page.WaitForInteractiveAsync();
        credit.Should().BeGreaterThan(0m);
        await Expect(page.TestId("invoice-balance-due")).ToContainTextAsync((before - credit).ToString("N2", CultureInfo.InvariantCulture));
    }

    private static decimal Amount(string text) =>
        decimal.Parse(Regex.Replace(text, "[^0-9.\\-]", string.Empty), NumberStyles.Number, CultureInfo.InvariantCulture);
}
