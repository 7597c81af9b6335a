using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Accounts;
using BankOffice.Web.Services;
using BankOffice.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Web.Tests.Components;

public sealed class OpenAccountFormTests : IDisposable
{
    private readonly WebTestContext ctx = new();
    private readonly FakeAccountsClient accounts = new();

    public OpenAccountFormTests()
    {
        ctx.Services.AddSingleton<IAccountsClient>(accounts);
        ctx.Services.AddSingleton<ICustomersClient>(new FakeCustomersClient());
        ctx.SignIn("Cem Customer", [Roles.Customer], RolePermissions.For(Roles.Customer), "C000001");
    }

    public void Dispose() => ctx.Dispose();

    [Fact]
    public void Submit_EmptyForm_ShowsValidationMessagesAndDoesNotCallApi()
    {
        var cut = ctx.Render<OpenAccountForm>();

        cut.Find("form").Submit();

        var messages = cut.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        messages.Should().Contain("Please choose the account type.").And.Contain("Please choose the currency.");
        accounts.Created.Should().BeEmpty();
    }

    [Fact]
    public void Submit_EmptyStaffForm_AsksForTheCustomer()
    {
        var cut = ctx.Render<OpenAccountForm>(p => p.Add(c => c.PickCustomer, true));

        cut.Find("form").Submit();

        cut.FindAll(".validation-message").Select(m => m.TextContent).Should().Contain("Please choose the customer.");
    }

    [Fact]
    public void Submit_ChosenTypeAndCurrency_CallsClientWithThoseValuesAndRaisesCreated()
    {
        AccountDto? created = null;
        var cut = ctx.Render<OpenAccountForm>(p => p.Add(c => c.OnCreated, (AccountDto a) => created = a));

        Choose(cut, "account-type", "SAVINGS");
        Choose(cut, "account-currency", "EUR");
        cut.Find("[data-testid=account-holder]").Change("Ada Savings");
        cut.Find("form").Submit();

        accounts.Created.Should().ContainSingle();
        var request = accounts.Created[0];
        request.AccountType.Should().Be(AccountType.SAVINGS);
        request.Currency.Should().Be(Currency.EUR);
        request.CustomerName.Should().Be("Ada Savings");
        request.CustomerId.Should().BeNull("a customer opens an account for themselves");
        created.Should().NotBeNull();
        created!.Currency.Should().Be(Currency.EUR);
    }

    [Fact]
    public void Submit_ApiAnswersFieldErrors_ShowsThemNextToTheFields()
    {
        accounts.CreateError = new ApiException(400, "VALIDATION_ERROR", "Validation failed", "One or more fields are invalid.",
            new Dictionary<string, string[]> { ["currency"] = ["GBP accounts cannot be opened today."] });
        var cut = ctx.Render<OpenAccountForm>();

        Choose(cut, "account-type", "CHECKING");
        Choose(cut, "account-currency", "GBP");
        cut.Find("form").Submit();

        cut.FindAll(".validation-message").Select(m => m.TextContent).Should().Contain("GBP accounts cannot be opened today.");
        cut.Find("[data-testid=error-alert]").TextContent.Should().Contain("Validation failed");
    }

    private static void Choose(IRenderedComponent<OpenAccountForm> cut, string testId, string text) =>
        cut.FindAll($"[data-testid={testId}] .rz-button").Single(b => b.TextContent.Trim() == text).Click();
}
