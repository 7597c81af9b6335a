using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Ledger;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Ledger.LedgerApi;

namespace BankOffice.Api.Tests.Ledger;

/// <summary>GET /transactions (filters, paging, visibility), /transactions/{id}, /recent, an account's ledger, and the admin ledger check.</summary>
public sealed class TransactionReadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static Task<PagedResult<TransactionDto>?> ListAsync(HttpClient client, string query) =>
        client.GetFromJsonAsync<PagedResult<TransactionDto>>($"{Transactions}?{query}", ApiFactory.Json);

    [Fact]
    public async Task List_ByAccountNumber_ReturnsOnlyEntriesTouchingItNewestFirst()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var customerId = await factory.CreateCustomerAsync();
        var account = await OpenAsync(teller, customerId);
        var other = await OpenAsync(teller, customerId);
        var d1 = await DepositAsync(teller, account.AccountNumber, 10m);
        await DepositAsync(teller, other.AccountNumber, 20m);
        var t = await TransferAsync(teller, other.AccountNumber, account.AccountNumber, 5m).CreatedAsync();

        var page = await ListAsync(teller, $"accountNumber={account.AccountNumber}");

        page!.Data.Select(e => e.TransactionId).Should().Equal(t.TransactionId, d1.TransactionId);
        page.Pagination.Total.Should().Be(2);
    }

    [Fact]
    public async Task List_ByKindDatesAndAmounts_FiltersEachWay()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var account = await OpenAsync(teller, await factory.CreateCustomerAsync());
        var n = account.AccountNumber;
        var old = await DepositAsync(teller, n, 100m, Today.AddDays(-10));
        var middle = await DepositAsync(teller, n, 200m, Today.AddDays(-5));
        var recent = await DepositAsync(teller, n, 300m);
        var withdrawal = await MoveAsync(teller, "withdrawal", n, 50m).CreatedAsync();

        var deposits = await ListAsync(teller, $"accountNumber={n}&kind=DEPOSIT");
        var withdrawals = await ListAsync(teller, $"accountNumber={n}&kind=WITHDRAWAL");
        var window = await ListAsync(teller, $"accountNumber={n}&from={Today.AddDays(-7):yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}");
        var fromOnly = await ListAsync(teller, $"accountNumber={n}&from={Today.AddDays(-5):yyyy-MM-dd}");
        var amounts = await ListAsync(teller, $"accountNumber={n}&minAmount=100&maxAmount=200");
        var big = await ListAsync(teller, $"accountNumber={n}&minAmount=250.5");

        deposits!.Data.Select(e => e.TransactionId).Should().BeEquivalentTo(new[] { old.TransactionId, middle.TransactionId, recent.TransactionId });
        withdrawals!.Data.Should().ContainSingle().Which.TransactionId.Should().Be(withdrawal.TransactionId);
        window!.Data.Should().ContainSingle().Which.TransactionId.Should().Be(middle.TransactionId);
        fromOnly!.Data.Select(e => e.TransactionId).Should().BeEquivalentTo(new[] { middle.TransactionId, recent.TransactionId, withdrawal.TransactionId }, "both bounds are inclusive");
        amounts!.Data.Select(e => e.TransactionId).Should().BeEquivalentTo(new[] { old.TransactionId, middle.TransactionId }, "both bounds are inclusive");
        big!.Data.Should().ContainSingle().Which.TransactionId.Should().Be(recent.TransactionId);
    }

    [Fact]
    public async Task List_Paging_SplitsTheResultWithoutOverlap()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var account = await OpenAsync(teller, await factory.CreateCustomerAsync());
        var posted = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            posted.Add((await DepositAsync(teller, account.AccountNumber, i)).TransactionId);
        }

        var page1 = await ListAsync(teller, $"accountNumber={account.AccountNumber}&size=2&page=1");
        var page2 = await ListAsync(teller, $"accountNumber={account.AccountNumber}&size=2&page=2");
        var page3 = await ListAsync(teller, $"accountNumber={account.AccountNumber}&size=2&page=3");

        page1!.Pagination.Should().Be(new Pagination(1, 2, 5, 3));
        page1.Data.Concat(page2!.Data).Concat(page3!.Data).Select(e => e.TransactionId)
            .Should().Equal(Enumerable.Reverse(posted), "newest first, each entry exactly once");
    }

    [Theory]
    [InlineData("size=0")]
    [InlineData("size=101")]
    [InlineData("page=0")]
    [InlineData("kind=REFUND")]
    public async Task List_BadQuery_Returns400(string query)
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        using var response = await teller.GetAsync($"{Transactions}?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_AsCustomer_ShowsOnlyEntriesOnOwnAccountsAndHidesOtherSideBalance()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var (aliceId, alice) = await factory.CustomerClientAsync();
        var (bobId, bob) = await factory.CustomerClientAsync();
        using var a = alice;
        using var b = bob;
        var alices = await OpenAsync(teller, aliceId);
        var bobs = await OpenAsync(teller, bobId);
        var aliceDeposit = await DepositAsync(teller, alices.AccountNumber, 500m);
        var bobDeposit = await DepositAsync(teller, bobs.AccountNumber, 7m);
        var transfer = await TransferAsync(alice, alices.AccountNumber, bobs.AccountNumber, 120m).CreatedAsync();

        var bobsView = await ListAsync(bob, "size=100");
        var alicesView = await ListAsync(alice, "size=100");
        var bobOnAlicesAccount = await ListAsync(bob, $"accountNumber={alices.AccountNumber}");

        bobsView!.Data.Select(e => e.TransactionId).Should().BeEquivalentTo(new[] { bobDeposit.TransactionId, transfer.TransactionId });
        alicesView!.Data.Select(e => e.TransactionId).Should().BeEquivalentTo(new[] { aliceDeposit.TransactionId, transfer.TransactionId });
        var seenByBob = bobsView.Data.Single(e => e.TransactionId == transfer.TransactionId);
        seenByBob.Lines.Single(l => l.AccountNumber == alices.AccountNumber).BalanceAfter.Should().BeNull("Bob must not learn Alice's balance");
        seenByBob.Lines.Single(l => l.AccountNumber == bobs.AccountNumber).BalanceAfter.Should().Be(127m);
        var seenByAlice = alicesView.Data.Single(e => e.TransactionId == transfer.TransactionId);
        seenByAlice.Lines.Single(l => l.AccountNumber == alices.AccountNumber).BalanceAfter.Should().Be(380m);
        seenByAlice.Lines.Single(l => l.AccountNumber == bobs.AccountNumber).BalanceAfter.Should().BeNull();
        bobOnAlicesAccount!.Data.Select(e => e.TransactionId).Should().Equal(new[] { transfer.TransactionId }, "filtering by someone else's account shows only what Bob shares with it");

        // The same through GET /transactions/{id}.
        var single = await bob.GetFromJsonAsync<TransactionDto>($"{Transactions}/{transfer.TransactionId}", ApiFactory.Json);
        single!.Lines.Single(l => l.AccountNumber == alices.AccountNumber).BalanceAfter.Should().BeNull();
    }

    [Fact]
    public async Task Get_SomeoneElsesEntryAsCustomer_Returns403_AndStaffSeesIt()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var (_, customer) = await factory.CustomerClientAsync();
        using var __ = customer;
        var foreign = await OpenAsync(teller, await factory.CreateCustomerAsync());
        var deposit = await DepositAsync(teller, foreign.AccountNumber, 10m);

        using var asCustomer = await customer.GetAsync($"{Transactions}/{deposit.TransactionId}");
        var asTeller = await teller.GetFromJsonAsync<TransactionDto>($"{Transactions}/{deposit.TransactionId}", ApiFactory.Json);

        await asCustomer.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        asTeller.Should().BeEquivalentTo(deposit);
    }

    [Fact]
    public async Task Get_Unknown_Returns404TransactionNotFound()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        using var response = await teller.GetAsync($"{Transactions}/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, TransactionService.TransactionNotFound);
    }

    [Fact]
    public async Task Recent_ReturnsTheNewestEntriesUpToLimit()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var account = await OpenAsync(teller, await factory.CreateCustomerAsync());
        var posted = new List<Guid>();
        for (var i = 1; i <= 4; i++)
        {
            posted.Add((await DepositAsync(teller, account.AccountNumber, i * 10m)).TransactionId);
        }

        var recent = await teller.GetFromJsonAsync<List<TransactionDto>>($"{Transactions}/recent?limit=3", ApiFactory.Json);

        // The tests of one class run one at a time, so nothing else posts in between.
        recent!.Select(e => e.TransactionId).Should().Equal(posted[3], posted[2], posted[1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task Recent_LimitOutOfRange_Returns400(int limit)
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);

        using var response = await teller.GetAsync($"{Transactions}/recent?limit={limit}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
    }

    [Fact]
    public async Task Recent_AsCustomer_ShowsOnlyOwnEntries()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var (customerId, customer) = await factory.CustomerClientAsync();
        using var __ = customer;
        var own = await OpenAsync(teller, customerId);
        var ownDeposit = await DepositAsync(teller, own.AccountNumber, 10m);
        await DepositAsync(teller, (await OpenAsync(teller, await factory.CreateCustomerAsync())).AccountNumber, 10m);

        var recent = await customer.GetFromJsonAsync<List<TransactionDto>>($"{Transactions}/recent?limit=50", ApiFactory.Json);

        recent!.Select(e => e.TransactionId).Should().Equal(ownDeposit.TransactionId);
    }

    [Fact]
    public async Task AccountLedger_RunningBalanceEqualsCumulativeSumNewestFirst()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var customerId = await factory.CreateCustomerAsync();
        var account = await OpenAsync(teller, customerId);
        var other = await OpenAsync(teller, customerId);
        await DepositAsync(teller, account.AccountNumber, 100m);
        await MoveAsync(teller, "withdrawal", account.AccountNumber, 30.5m).CreatedAsync();
        await DepositAsync(teller, other.AccountNumber, 50m);
        await TransferAsync(teller, other.AccountNumber, account.AccountNumber, 12.25m).CreatedAsync();
        var credit = await MoveAsync(teller, "credit", account.AccountNumber, 0.0001m).CreatedAsync();
        await ReverseAsync(teller, credit.TransactionId).CreatedAsync();
        await TransferAsync(teller, account.AccountNumber, other.AccountNumber, 1m).CreatedAsync();

        var ledger = await teller.GetFromJsonAsync<PagedResult<AccountTransactionDto>>($"/api/v1/accounts/{account.AccountNumber}/transactions?size=100", ApiFactory.Json);

        var oldestFirst = ledger!.Data.Reverse().ToList();
        oldestFirst.Select(x => x.Amount).Should().Equal(100m, -30.5m, 12.25m, 0.0001m, -0.0001m, -1m);
        var running = 0m;
        foreach (var line in oldestFirst)
        {
            running += line.Amount;
            line.BalanceAfter.Should().Be(running, $"after {line.Kind} {line.Amount}");
        }

        running.Should().Be(await factory.BalanceAsync(account.AccountNumber));
        ledger.Data[0].Kind.Should().Be(EntryKind.TRANSFER);
        ledger.Data[1].ReversalOf.Should().Be(credit.TransactionId);
        ledger.Pagination.Total.Should().Be(6);
    }

    [Fact]
    public async Task AccountLedger_OfSomeoneElsesAccountAsCustomer_Returns403_AndUnknownIs404()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        var (customerId, customer) = await factory.CustomerClientAsync();
        using var __ = customer;
        var own = await OpenAsync(teller, customerId);
        var foreign = await OpenAsync(teller, await factory.CreateCustomerAsync());
        await DepositAsync(teller, own.AccountNumber, 5m);

        var ownLedger = await customer.GetFromJsonAsync<PagedResult<AccountTransactionDto>>($"/api/v1/accounts/{own.AccountNumber}/transactions", ApiFactory.Json);
        using var foreignLedger = await customer.GetAsync($"/api/v1/accounts/{foreign.AccountNumber}/transactions");
        using var unknown = await teller.GetAsync($"/api/v1/accounts/ACC-{Guid.NewGuid()}/transactions");

        ownLedger!.Data.Should().ContainSingle().Which.BalanceAfter.Should().Be(5m);
        await foreignLedger.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.AccountNotFound);
    }

    [Fact]
    public async Task LedgerCheck_AsAdmin_IsOkWithCountsMatchingTheDatabase()
    {
        using var teller = await factory.ClientForRoleAsync(Roles.Teller);
        using var admin = await factory.ClientForRoleAsync(Roles.Admin);
        var customerId = await factory.CreateCustomerAsync();
        var a = await OpenAsync(teller, customerId, currency: Currency.GBP);
        var b = await OpenAsync(teller, customerId, currency: Currency.GBP);
        await DepositAsync(teller, a.AccountNumber, 90m);
        await TransferAsync(teller, a.AccountNumber, b.AccountNumber, 40m).CreatedAsync();

        var check = await admin.GetFromJsonAsync<LedgerCheckDto>("/api/v1/admin/ledger/check", ApiFactory.Json);

        var (entries, lines, accounts) = await factory.WithDbAsync(async db =>
            (await db.JournalEntries.LongCountAsync(), await db.JournalLines.LongCountAsync(), await db.Accounts.LongCountAsync()));
        check!.Ok.Should().BeTrue();
        check.UnbalancedEntries.Should().BeEmpty();
        check.BalanceMismatches.Should().BeEmpty();
        check.Entries.Should().Be(entries).And.BeGreaterThanOrEqualTo(2);
        check.Lines.Should().Be(lines);
        check.AccountsChecked.Should().Be(accounts);
        check.CurrencyTotals.Should().ContainSingle(t => t.Currency == Currency.GBP).Which.Sum.Should().Be(0m);
        check.CurrencyTotals.Should().OnlyContain(t => t.Sum == 0m);
        check.Milliseconds.Should().BeGreaterThanOrEqualTo(0);
    }

    [Theory]
    [InlineData(Roles.Teller)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Customer)]
    public async Task LedgerCheck_WithoutUserAdmin_Returns403(string role)
    {
        using var client = await factory.ClientForRoleAsync(role, role == Roles.Customer ? await factory.CreateCustomerAsync() : null);

        using var response = await client.GetAsync("/api/v1/admin/ledger/check");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
