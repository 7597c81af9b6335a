using System.Text.Json;
using BankOffice.Core.Accounts;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Transactions;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Components;

public sealed class TransferFormTests : IDisposable
{
    private const string From = "ACC-11111111-1111-1111-1111-111111111111";
    private const string To = "ACC-22222222-2222-2222-2222-222222222222";
    private const string Loan = "ACC-33333333-3333-3333-3333-333333333333";

    private readonly WebTestContext ctx = new();
    private readonly FakeAccountsClient accounts = new();
    private readonly FakeTransactionsClient transactions = new();

    public TransferFormTests()
    {
        accounts.Accounts.Add(FakeAccountsClient.Account(From, balance: 100m));
        accounts.Accounts.Add(FakeAccountsClient.Account(To, balance: 5m));
        accounts.Accounts.Add(FakeAccountsClient.Account(Loan) with { AccountType = AccountType.LOAN });
        ctx.Services.AddSingleton<IAccountsClient>(accounts);
        ctx.Services.AddSingleton<ITransactionsClient>(transactions);
        ctx.SignIn("Cem Customer", [Roles.Customer], RolePermissions.For(Roles.Customer), "C000001");
    }

    public void Dispose() => ctx.Dispose();

    [Theory]
    [InlineData("", "Please enter the amount.")]
    [InlineData("-5", "The amount must be greater than zero.")]
    [InlineData("0", "The amount must be greater than zero.")]
    [InlineData("1.23456", "The amount has at most 4 decimals.")]
    [InlineData("abc", "The amount is a number such as 150 or 150.25.")]
    public void Continue_InvalidAmount_ShowsFieldErrorAndDoesNotCallApi(string amount, string message)
    {
        var cut = Render();

        Fill(cut, To, amount);
        cut.Find("[data-testid=transfer-continue]").Click();

        cut.FindAll(".validation-message").Select(m => m.TextContent).Should().Contain(message);
        cut.FindAll("[data-testid=confirm-panel]").Should().BeEmpty();
        transactions.Posted.Should().BeEmpty();
    }

    [Fact]
    public void Continue_FourDecimals_IsAccepted()
    {
        var cut = Render();

        Fill(cut, To, "1.2345");
        cut.Find("[data-testid=transfer-continue]").Click();

        cut.FindAll("[data-testid=confirm-panel]").Should().HaveCount(1);
    }

    [Fact]
    public void Continue_ValidInput_ShowsWhatWillHappenWithoutCallingApi()
    {
        var cut = Render();

        Fill(cut, To, "25,5");
        cut.Find("[data-testid=transfer-continue]").Click();

        cut.Find("[data-testid=confirm-from]").TextContent.Should().Contain(From);
        cut.Find("[data-testid=confirm-to]").TextContent.Should().Contain(To);
        cut.Find("[data-testid=confirm-amount]").TextContent.Should().Be("25.50 TRY");
        transactions.Posted.Should().BeEmpty("only Confirm posts");
    }

    [Fact]
    public void Confirm_Clicked_PostsOnceWithKeyAndShowsResult()
    {
        var cut = Render();
        Fill(cut, To, "25");
        cut.Find("[data-testid=transfer-continue]").Click();

        cut.Find("[data-testid=confirm-submit]").Click();

        var (operation, request, key) = transactions.Posted.Should().ContainSingle().Subject;
        operation.Should().Be("transfer");
        var transfer = (TransferRequest)request;
        transfer.FromAccountNumber.Should().Be(From);
        transfer.ToAccountNumber.Should().Be(To);
        transfer.ToIban.Should().BeNull();
        transfer.Amount.Should().Be(25m);
        Guid.TryParse(key, out _).Should().BeTrue();
        cut.Find("[data-testid=posting-result]").TextContent.Should().Contain("75.00 TRY");
        cut.Find($"[data-testid=result-balance][data-account='{From}']").TextContent.Should().Contain("75.00 TRY");
    }

    [Fact]
    public void Confirm_RetriedAfterFailure_SendsTheSameIdempotencyKey()
    {
        transactions.Errors.Enqueue(ApiException.Unavailable(new HttpRequestException("timeout")));
        var cut = Render();
        Fill(cut, To, "25");
        cut.Find("[data-testid=transfer-continue]").Click();

        cut.Find("[data-testid=confirm-submit]").Click();
        cut.Find("[data-testid=error-alert]");
        cut.Find("[data-testid=confirm-submit]").Click();

        transactions.Posted.Should().HaveCount(2);
        transactions.Posted[1].Key.Should().Be(transactions.Posted[0].Key);
        cut.FindAll("[data-testid=posting-result]").Should().HaveCount(1);
    }

    [Fact]
    public void Confirm_NewTransferAfterSuccess_SendsANewIdempotencyKey()
    {
        var cut = Render();
        Fill(cut, To, "25");
        cut.Find("[data-testid=transfer-continue]").Click();
        cut.Find("[data-testid=confirm-submit]").Click();

        cut.Find("[data-testid=result-new]").Click();
        Fill(cut, To, "25");
        cut.Find("[data-testid=transfer-continue]").Click();
        cut.Find("[data-testid=confirm-submit]").Click();

        transactions.Posted.Should().HaveCount(2);
        transactions.Posted[1].Key.Should().NotBe(transactions.Posted[0].Key);
    }

    [Fact]
    public void Confirm_InsufficientBalance_ShowsReadableMessageWithTheNumbers()
    {
        transactions.Errors.Enqueue(new ApiException(422, "INSUFFICIENT_BALANCE", "Insufficient balance", "Insufficient balance", details: Details(
            """{"accountNumber":"ACC-11111111-1111-1111-1111-111111111111","currentBalance":100.00,"requestedAmount":-150.00,"shortfall":50.00}""")));
        var cut = Render();
        Fill(cut, To, "150");
        cut.Find("[data-testid=transfer-continue]").Click();

        cut.Find("[data-testid=confirm-submit]").Click();

        cut.Find("[data-testid=error-message]").TextContent.Should().Be("Insufficient balance: current 100.00 TRY, requested 150.00, short 50.00");
        cut.FindAll("[data-testid=confirm-panel]").Should().HaveCount(1, "the user may go back or try again");
    }

    [Fact]
    public void Confirm_ApiFieldErrorOnTarget_ShowsItNextToTheToField()
    {
        transactions.Errors.Enqueue(new ApiException(400, "VALIDATION_ERROR", "Validation failed", null,
            new Dictionary<string, string[]> { ["toAccountNumber"] = ["No such account at this bank."] }));
        var cut = Render();
        Fill(cut, To, "10");
        cut.Find("[data-testid=transfer-continue]").Click();

        cut.Find("[data-testid=confirm-submit]").Click();

        cut.FindAll("[data-testid=transfer-form]").Should().HaveCount(1);
        cut.FindAll(".validation-message").Select(m => m.TextContent).Should().Contain("No such account at this bank.");
    }

    [Fact]
    public void Continue_IbanTarget_SendsToIbanNotAccountNumber()
    {
        var iban = Iban.Create("TR", "0006200000001000000002").Value;
        var cut = Render();
        Fill(cut, Formatting.Iban(iban), "10");
        cut.Find("[data-testid=transfer-continue]").Click();
        cut.Find("[data-testid=confirm-to]").TextContent.Should().Contain("(IBAN)");

        cut.Find("[data-testid=confirm-submit]").Click();

        var request = (TransferRequest)transactions.Posted.Single().Request;
        request.ToIban.Should().Be(iban);
        request.ToAccountNumber.Should().BeNull();
    }

    [Fact]
    public void Continue_TargetIsTheFromAccount_AsksForAnotherAccount()
    {
        var cut = Render();

        Fill(cut, From, "10");
        cut.Find("[data-testid=transfer-continue]").Click();

        cut.FindAll(".validation-message").Select(m => m.TextContent).Should().Contain("The target is the account you transfer from; choose another account.");
        transactions.Posted.Should().BeEmpty();
    }

    [Fact]
    public void Render_Customer_OffersOwnNonLoanAccountsOnly()
    {
        var cut = ctx.Render<TransferForm>();

        var options = cut.FindAll("[data-testid=transfer-from] li").Select(li => li.TextContent).ToList();
        options.Should().Contain(o => o.Contains(From)).And.Contain(o => o.Contains(To));
        options.Should().NotContain(o => o.Contains(Loan));
    }

    [Fact]
    public void Continue_StaffTypesFromAccount_LooksItUpAndShowsItsCurrency()
    {
        ctx.SignIn("Tess Teller", [Roles.Teller], RolePermissions.For(Roles.Teller));
        var cut = ctx.Render<TransferForm>(p => p.Add(c => c.Staff, true));

        cut.Find("input[data-testid=transfer-from]").Change(From);
        cut.Find("[data-testid=amount-currency]").TextContent.Should().Be("TRY");
        Fill(cut, To, "10");
        cut.Find("[data-testid=transfer-continue]").Click();
        cut.Find("[data-testid=confirm-submit]").Click();

        ((TransferRequest)transactions.Posted.Single().Request).FromAccountNumber.Should().Be(From);
    }

    private IRenderedComponent<TransferForm> Render() =>
        ctx.Render<TransferForm>(p => p.Add(c => c.InitialAccountNumber, From));

    private static void Fill(IRenderedComponent<TransferForm> cut, string to, string amount)
    {
        cut.Find("[data-testid=transfer-to]").Change(to);
        cut.Find("[data-testid=amount-input]").Change(amount);
    }

    private static Dictionary<string, JsonElement> Details(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
