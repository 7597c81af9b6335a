using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BankOffice.E2E.Tests.Statements;

/// <summary>
/// The statement page and the Web host's /files downloads against the real API. (Starting a statement run
/// from the UI needs a closed period, and the demo data closes none, so that journey is not here.)
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StatementJourneyTests(AppFixture app)
{
    private const string Customer = "customer01@bankoffice.local";

    [Fact]
    public async Task Customer_PreviewsThisMonthsStatementAndDownloadsItsPdf()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(Customer, app.DemoPassword);

        await page.GotoInteractiveAsync("/statements");
        // The customer's first account is chosen for them; the range defaults to this month.
        await Expect(page.TestId("statement-target")).ToContainTextAsync("ACC-");
        await page.TestId("statement-preview").ClickAsync();

        var account = page.TestId("statement-account");
        await Expect(account).ToContainTextAsync("ACC-");
        var accountNumber = (await account.InnerTextAsync()).Trim();
        await Expect(page.TestId("statement-holder")).ToContainTextAsync("Ayşe Yılmaz");
        // The preview is the statement's own HTML (what the PDF prints), served through /files into a sandboxed frame.
        var frame = page.FrameLocator("[data-testid='statement-frame']");
        await Expect(frame.Locator("body")).ToContainTextAsync(accountNumber, new() { Timeout = 60_000 });
        await Expect(frame.Locator("body")).ToContainTextAsync("Ayşe Yılmaz");

        var download = await page.RunAndWaitForDownloadAsync(() => page.TestId("statement-download-pdf").ClickAsync(), new() { Timeout = 90_000 });

        download.SuggestedFilename.Should().StartWith($"statement-{accountNumber}-").And.EndWith(".pdf");
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Encoding.ASCII.GetString(bytes, 0, 4).Should().Be("%PDF");
        bytes.Length.Should().BeGreaterThan(1024);
    }

    [Fact]
    public async Task Customer_AnotherCustomersStatementOrReceipt_GetsAReadable403Page()
    {
        var (otherAccount, otherPayment) = await AnotherCustomersAccountAndPaymentAsync();
        var page = await app.NewPageAsync();
        await page.SignInAsync(Customer, app.DemoPassword);

        var statement = await page.GotoAsync($"/files/accounts/{otherAccount}/statement?format=pdf");

        statement!.Status.Should().Be(403);
        (await statement.HeaderValueAsync("content-type")).Should().StartWith("text/html");
        await Expect(page.TestId("file-error-title")).ToBeVisibleAsync();
        await Expect(page.TestId("file-error-code")).ToHaveTextAsync(new Regex("^Status 403"));
        (await page.ContentAsync()).Should().NotContain("\"code\":", "the user sees a page, not problem JSON");

        var receipt = await page.GotoAsync($"/files/payments/{otherPayment}/receipt");

        receipt!.Status.Should().Be(403);
        await Expect(page.TestId("file-error-code")).ToHaveTextAsync(new Regex("^Status 403"));
    }

    [Fact]
    public async Task SignedOut_DownloadLink_GoesToSignInFirst()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/files/payments/PAY-2026-000001/receipt");

        await page.WaitForURLAsync(new Regex("/account/login\\?ReturnUrl=%2Ffiles%2Fpayments%2FPAY-2026-000001%2Freceipt$", RegexOptions.IgnoreCase));
        await Expect(page.TestId("login-form")).ToBeVisibleAsync();
    }

    /// <summary>As the admin, through the API: an account of customer02 and a payment of a business customer (customer01 is a person with neither).</summary>
    private async Task<(string Account, string Payment)> AnotherCustomersAccountAndPaymentAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.ApiUrl + "/api/v1/") };
        using var login = await http.PostAsJsonAsync("auth/login", new { email = "admin@bankoffice.local", password = app.DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var accounts = await http.GetFromJsonAsync<JsonElement>("accounts?customerId=C000002&size=1");
        var payments = await http.GetFromJsonAsync<JsonElement>("payments?size=1");
        var payment = payments.GetProperty("data")[0];
        payment.GetProperty("customerId").GetString().Should().NotBe("C000001");
        return (accounts.GetProperty("data")[0].GetProperty("accountNumber").GetString()!, payment.GetProperty("paymentNumber").GetString()!);
    }
}
