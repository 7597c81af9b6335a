using BankOffice.Core.Common;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Core.Statements;
using BankOffice.Web.Features.Receivables;
using BankOffice.Web.Features.Statements;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;

namespace BankOffice.Web.Tests.Features.Statements;

/// <summary>The download links other pages carry: this month's statement of an account or a customer, and a payment's receipt.</summary>
public sealed class StatementLinksTests : StatementsTestBase
{
    [Fact]
    public void Downloads_AccountThisMonth_LeaveTheDatesToTheApiAndLinkTheStatementPage()
    {
        var cut = Ctx.Render<StatementDownloads>(p => p.Add(c => c.Request, new StatementRequest(Own)).Add(c => c.ShowStatementLink, true));

        // No dates: the API's defaults are exactly this month (the first of the month to today, by its own clock).
        cut.Find("[data-testid=statement-download-pdf]").GetAttribute("href").Should().Be($"/files/accounts/{Own}/statement?format=pdf&includeDetails=true");
        cut.Find("[data-testid=statement-download-excel]").GetAttribute("href").Should().Be($"/files/accounts/{Own}/statement?format=excel&includeDetails=true");
        cut.Find("[data-testid=statement-download-csv]").GetAttribute("href").Should().Be($"/files/accounts/{Own}/statement?format=csv&includeDetails=true");
        cut.Find("[data-testid=statement-download-page]").GetAttribute("href").Should().Be($"/statements?account={Own}");
    }

    [Fact]
    public void CreditAccountPage_CustomerStatementLinks_PointAtTheCustomersStatement()
    {
        Receivables.Accounts.Add(FakeReceivablesClient.Account("C000003"));
        Ctx.ComponentFactories.AddStub<Radzen.Blazor.RadzenChart>();
        SignInAs(Roles.Teller, "teller@bankoffice.local");

        var cut = Ctx.Render<CreditAccountOverview>(p => p.Add(c => c.CustomerId, "C000003"));

        cut.Find("[data-testid=statement-download-pdf]").GetAttribute("href").Should().Be("/files/accounts/C000003/statement?format=pdf&includeDetails=true");
        cut.Find("[data-testid=statement-download-page]").GetAttribute("href").Should().Be("/statements?customer=C000003");
    }

    [Fact]
    public void Receipt_RecordedPayment_LinksItsReceiptUrlThroughFiles()
    {
        var cut = Ctx.Render<ReceiptLink>(p => p.Add(c => c.Payment, Payment("/api/v1/payments/PAY-2026-000007/receipt")));

        cut.Find("[data-testid=payment-receipt]").GetAttribute("href").Should().Be("/files/payments/PAY-2026-000007/receipt");
    }

    [Fact]
    public void Receipt_PreviewWithoutReceiptUrl_HasNoLink()
    {
        var cut = Ctx.Render<ReceiptLink>(p => p.Add(c => c.Payment, Payment(null)));

        cut.FindAll("[data-testid=payment-receipt]").Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/v1/payments/PAY-2026-000007/receipt", "/files/payments/PAY-2026-000007/receipt")]
    [InlineData("http://127.0.0.1:5080/api/v1/statements/0193a000-0000-7000-8000-0000000000b2/files/pdf", "/files/statements/0193a000-0000-7000-8000-0000000000b2/files/pdf")]
    [InlineData("/payments/PAY-1/receipt", null)]
    [InlineData("", null)]
    public void FromApiUrl_ApiUrl_BecomesTheFilesLink(string apiUrl, string? expected) =>
        FileLinks.FromApiUrl(apiUrl).Should().Be(expected);

    private static PaymentDto Payment(string? receiptUrl) =>
        new(Guid.NewGuid(), "PAY-2026-000007", "C000003", Currency.TRY, 250m, new DateOnly(2026, 11, 2), PaymentMethod.BANK_TRANSFER, "REF-7", "RECORDED", [], 0m, receiptUrl, Guid.NewGuid());
}
