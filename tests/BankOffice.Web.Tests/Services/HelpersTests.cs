using BankOffice.Core.Accounts;
using BankOffice.Core.Auth;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using BankOffice.Web.Features.Accounts;
using BankOffice.Web.Services;
using Radzen;

namespace BankOffice.Web.Tests.Services;

public sealed class HelpersTests
{
    [Theory]
    [InlineData("TR330006100519786457841326", "TR33 0006 1005 1978 6457 8413 26")]
    [InlineData("tr33 0006 2000", "TR33 0006 2000")]
    [InlineData("", "")]
    public void Iban_AnyInput_PrintsGroupsOfFour(string input, string expected) =>
        Formatting.Iban(input).Should().Be(expected);

    [Fact]
    public void Money_Amount_UsesTwoDecimalsAndCurrencyCode() =>
        Formatting.Money(1234567.5m, Currency.EUR).Should().Be("1,234,567.50 EUR");

    [Fact]
    public void Accounts_GridArgsOnThirdPageSortedByBalanceAscending_MapsToApiQuery()
    {
        var args = new LoadDataArgs { Skip = 40, Top = 20, Sorts = [new SortDescriptor { Property = nameof(AccountDto.Balance), SortOrder = SortOrder.Ascending }] };

        var query = GridQuery.Accounts(args, new AccountFilter(" ada ", AccountStatus.ACTIVE, AccountType.LOAN, Currency.GBP, "C000002"), 20);

        query.Should().BeEquivalentTo(new AccountQuery
        {
            Page = 3, Size = 20, SortBy = "balance", SortOrder = "asc", Search = "ada",
            Status = AccountStatus.ACTIVE, Type = AccountType.LOAN, Currency = Currency.GBP, CustomerId = "C000002",
        });
    }

    [Fact]
    public void Accounts_GridSortByHolderDescendingWithHugePage_MapsToNameDescAndCapsSize()
    {
        var args = new LoadDataArgs { Skip = 0, Top = 500, Sorts = [new SortDescriptor { Property = nameof(AccountDto.CustomerName), SortOrder = SortOrder.Descending }] };

        var query = GridQuery.Accounts(args, new AccountFilter(), 20);

        query.SortBy.Should().Be("name");
        query.SortOrder.Should().Be("desc");
        query.Size.Should().Be(PageRequest.MaxSize);
        query.Page.Should().Be(1);
    }

    [Fact]
    public void Accounts_GridSortByUnsortableColumn_LeavesSortToApiDefault()
    {
        var args = new LoadDataArgs { Sorts = [new SortDescriptor { Property = nameof(AccountDto.Iban), SortOrder = SortOrder.Ascending }] };

        var query = GridQuery.Accounts(args, new AccountFilter(), 20);

        query.SortBy.Should().BeNull();
        query.SortOrder.Should().BeNull();
    }

    [Theory]
    [InlineData("/accounts?search=x", "/accounts?search=x")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    public void OrRoot_ReturnUrl_AllowsOnlyLocalPaths(string? input, string expected) =>
        LocalUrl.OrRoot(input).Should().Be(expected);

    [Theory]
    [InlineData("Abcdefgh1!", true)]
    [InlineData("abcdefgh1!", false)]
    [InlineData("ABCDEFGH1!", false)]
    [InlineData("Abcdefghi!", false)]
    [InlineData("Abcdefghi1", false)]
    [InlineData("Abc1!", false)]
    public void IsValid_Password_FollowsApiRules(string password, bool valid) =>
        new StrongPasswordAttribute().IsValid(password).Should().Be(valid);

    [Fact]
    public void BuildPrincipal_Me_CarriesRolesPermissionsCustomerAndSessionId()
    {
        var me = new MeResponse("u1", "cem@example.test", "Cem", [Roles.Customer], [Permissions.AccountView], "C000009");

        var user = SignInService.BuildPrincipal(me, "sid-1");

        user.Identity!.Name.Should().Be("Cem");
        user.IsInRole(Roles.Customer).Should().BeTrue();
        user.HasPermission(Permissions.AccountView).Should().BeTrue();
        user.HasPermission(Permissions.AccountManage).Should().BeFalse();
        user.CustomerId().Should().Be("C000009");
        user.FindFirst(SessionClaims.SessionId)!.Value.Should().Be("sid-1");
        user.IsStaff().Should().BeFalse();
    }
}
