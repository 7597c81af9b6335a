using System.Net.Http.Json;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Reports;
using BankOffice.Core.Security;
using static BankOffice.Api.Tests.Ledger.LedgerApi;

namespace BankOffice.Api.Tests.Reports;

/// <summary>
/// Users: the class's staff (2 credit officers, 2 collectors, a teller, a manager), an admin and a customer login.
/// One customer with TRY checking, TRY savings (suspended), TRY loan and USD checking. Posted two days ago: a USD deposit of 300.
/// Posted today: TRY deposits of 1,000 (checking) and 250.50 (savings), a transfer of 100 from checking to savings, a loan drawdown of 500.
/// </summary>
public sealed class SystemBook : ReportBook
{
    public HttpClient Admin { get; private set; } = default!;

    protected override async Task BuildAsync()
    {
        Admin = await Api.ClientForRoleAsync(Roles.Admin);
        Clients.Add(Admin);
        var customer = await Staff.Teller.PostAsJsonAsync("/api/v1/customers", new CustomerRequest { Kind = CustomerKind.BUSINESS, Name = "System Report Trading" }, ApiFactory.Json);
        var customerId = (await customer.Content.ReadFromJsonAsync<CustomerDto>(ApiFactory.Json))!.Id;
        await Api.CreateUserAsync(Roles.Customer, customerId);

        var checking = await OpenAsync(Staff.Teller, customerId);
        var savings = await OpenAsync(Staff.Teller, customerId, AccountType.SAVINGS);
        var loan = await OpenAsync(Staff.Teller, customerId, AccountType.LOAN);
        var dollars = await OpenAsync(Staff.Teller, customerId, currency: Currency.USD);

        Api.Clock.AdvanceDays(-2);
        await DepositAsync(Staff.Teller, dollars.AccountNumber, 300m);
        Api.Clock.AdvanceDays(2);
        await DepositAsync(Staff.Teller, checking.AccountNumber, 1_000m);
        await DepositAsync(Staff.Teller, savings.AccountNumber, 250.50m);
        await TransferAsync(Staff.Teller, checking.AccountNumber, savings.AccountNumber, 100m).CreatedAsync();
        await MoveAsync(Staff.Teller, "debit", loan.AccountNumber, 500m).CreatedAsync();
        using var suspend = await Staff.Teller.PostAsJsonAsync($"/api/v1/accounts/{savings.AccountNumber}/suspend", new AccountStatusRequest { Reason = "Customer request" }, ApiFactory.Json);
        suspend.EnsureSuccessStatusCode();
    }
}

public sealed class SystemReportTests(SystemBook book) : IClassFixture<SystemBook>
{
    [Fact]
    public async Task System_Admin_CountsUsersAccountsAndBalances()
    {
        var report = await book.ReportAsync<SystemReportDto>("system", book.Admin);

        report.TotalUsers.Should().Be(8);
        report.UsersByRole.Should().Equal(
            new RoleUsersDto(Roles.Customer, 1), new RoleUsersDto(Roles.Teller, 1), new RoleUsersDto(Roles.CreditOfficer, 2),
            new RoleUsersDto(Roles.Collector, 2), new RoleUsersDto(Roles.Manager, 1), new RoleUsersDto(Roles.Admin, 1));
        report.Accounts.Should().Equal(
            new AccountGroupDto(AccountType.CHECKING, AccountStatus.ACTIVE, 2),
            new AccountGroupDto(AccountType.LOAN, AccountStatus.ACTIVE, 1),
            new AccountGroupDto(AccountType.SAVINGS, AccountStatus.SUSPENDED, 1));
        // TRY: checking 1,000 - 100 = 900, savings 250.50 + 100 = 350.50, loan -500; USD: 300.
        report.Balances.Should().Equal(
            new CurrencyBalancesDto(Currency.TRY, 3, 1_250.50m, -500m, 750.50m),
            new CurrencyBalancesDto(Currency.USD, 1, 300m, 0m, 300m));
    }

    [Fact]
    public async Task System_DailyVolumes_EveryDayOfTheLast30ForEachCurrencyThatMoved()
    {
        var report = await book.ReportAsync<SystemReportDto>("system", book.Admin);

        (report.VolumeFrom, report.VolumeTo).Should().Be((new DateOnly(2027, 2, 9), ReportBook.Today)); // 30 days, today included
        report.DailyVolumes.Should().HaveCount(60).And.OnlyContain(v => v.Date >= report.VolumeFrom && v.Date <= report.VolumeTo);
        // Today in TRY: deposits 1,000 and 250.50, transfer 100, loan drawdown 500 = 4 entries, 1,850.50.
        report.DailyVolumes.Where(v => v.Count > 0).Should().Equal(
            new DailyVolumeDto(ReportBook.Today, Currency.TRY, 4, 1_850.50m),
            new DailyVolumeDto(new DateOnly(2027, 3, 8), Currency.USD, 1, 300m));
        report.DailyVolumes.Single(v => v.Date == new DateOnly(2027, 3, 8) && v.Currency == Currency.TRY).Should().Be(new DailyVolumeDto(new DateOnly(2027, 3, 8), Currency.TRY, 0, 0m));
    }
}
