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

/// <summary>A mistake is corrected by a new entry with mirrored lines, exactly once; the original is never changed.</summary>
public sealed class ReversalTests(ApiFactory factory) : LedgerTestBase(factory)
{
    [Fact]
    public async Task Reverse_Deposit_PostsMirroredReversalRestoresBalanceAndMarksOriginal()
    {
        var (teller, account) = await TellerWithAccountAsync();
        await DepositAsync(teller, account.AccountNumber, 40m);
        var deposit = await DepositAsync(teller, account.AccountNumber, 100.25m);

        var reversal = await ReverseAsync(teller, deposit.TransactionId, "Wrong account").CreatedAsync();

        reversal.Kind.Should().Be(EntryKind.REVERSAL);
        reversal.ReversalOf.Should().Be(deposit.TransactionId);
        reversal.Amount.Should().Be(deposit.Amount);
        reversal.Description.Should().Contain("Wrong account");
        reversal.Lines.Select(l => (l.AccountNumber, l.LedgerAccount, l.Amount))
            .Should().BeEquivalentTo(deposit.Lines.Select(l => (l.AccountNumber, l.LedgerAccount, -l.Amount)));
        reversal.Lines.Single(l => l.AccountNumber == account.AccountNumber).BalanceAfter.Should().Be(40m);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(40m);
        (await Factory.LinesOfEntryAsync(reversal.TransactionId)).Sum(l => l.Amount).Should().Be(0m);

        var original = await teller.GetFromJsonAsync<TransactionDto>($"{Transactions}/{deposit.TransactionId}", ApiFactory.Json);
        original!.ReversedBy.Should().Be(reversal.TransactionId);
        original.Lines.Should().BeEquivalentTo(deposit.Lines, "the original entry is never changed");
    }

    [Fact]
    public async Task Reverse_Transfer_MovesTheMoneyBack()
    {
        var (teller, from) = await TellerWithAccountAsync();
        var to = await OpenAsync(teller, await Factory.CreateCustomerAsync());
        await DepositAsync(teller, from.AccountNumber, 100m);
        var transfer = await TransferAsync(teller, from.AccountNumber, to.AccountNumber, 60m).CreatedAsync();

        await ReverseAsync(teller, transfer.TransactionId).CreatedAsync();

        (await Factory.BalanceAsync(from.AccountNumber)).Should().Be(100m);
        (await Factory.BalanceAsync(to.AccountNumber)).Should().Be(0m);
    }

    [Fact]
    public async Task Reverse_Twice_SecondReturns409AlreadyReversed()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var deposit = await DepositAsync(teller, account.AccountNumber, 100m);
        await DepositAsync(teller, account.AccountNumber, 500m);
        await ReverseAsync(teller, deposit.TransactionId).CreatedAsync();

        using var second = await ReverseAsync(teller, deposit.TransactionId, "Again");

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, PostingEngine.AlreadyReversed);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(500m);
        (await Factory.WithDbAsync(db => db.JournalEntries.CountAsync(e => e.ReversalOf == deposit.TransactionId))).Should().Be(1);
    }

    [Fact]
    public async Task Reverse_AReversal_Returns400ReversalNotReversible()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var deposit = await DepositAsync(teller, account.AccountNumber, 100m);
        var reversal = await ReverseAsync(teller, deposit.TransactionId).CreatedAsync();

        using var response = await ReverseAsync(teller, reversal.TransactionId);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, TransactionService.ReversalNotReversible);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(0m);
    }

    [Fact]
    public async Task Reverse_ReplayedWithSameKey_AnswersTheSameReversal()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var deposit = await DepositAsync(teller, account.AccountNumber, 100m);
        await DepositAsync(teller, account.AccountNumber, 300m);
        var key = Guid.NewGuid().ToString();

        using var first = await ReverseAsync(teller, deposit.TransactionId, "Duplicate", key);
        using var replay = await ReverseAsync(teller, deposit.TransactionId, "Duplicate", key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        replay.StatusCode.Should().Be(HttpStatusCode.Created, "a retry of the reversal that succeeded is a replay, not a second reversal");
        (await replay.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        replay.Headers.GetValues(Idempotency.ReplayedHeader).Should().Equal("true");
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(300m);
    }

    [Fact]
    public async Task Reverse_SameKeyOtherReason_Returns409KeyReused()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var deposit = await DepositAsync(teller, account.AccountNumber, 100m);
        var key = Guid.NewGuid().ToString();
        await ReverseAsync(teller, deposit.TransactionId, "First reason", key).CreatedAsync();

        using var response = await ReverseAsync(teller, deposit.TransactionId, "Other reason", key);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, PostingEngine.IdempotencyKeyReused);
    }

    [Fact]
    public async Task Reverse_DepositAlreadySpent_Returns400InsufficientBalanceAndLeavesOriginalUnreversed()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var deposit = await DepositAsync(teller, account.AccountNumber, 100m);
        await MoveAsync(teller, "withdrawal", account.AccountNumber, 80m).CreatedAsync();

        using var response = await ReverseAsync(teller, deposit.TransactionId);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.InsufficientBalance);
        problem.GetProperty("details").GetProperty("shortfall").GetDecimal().Should().Be(80m);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(20m);
        var original = await teller.GetFromJsonAsync<TransactionDto>($"{Transactions}/{deposit.TransactionId}", ApiFactory.Json);
        original!.ReversedBy.Should().BeNull();
    }

    [Fact]
    public async Task Reverse_OnSuspendedAccount_IsAllowed()
    {
        // A correction must still be possible on an account frozen because of the mistake.
        var (teller, account) = await TellerWithAccountAsync();
        var deposit = await DepositAsync(teller, account.AccountNumber, 100m);
        (await teller.PostAsJsonAsync($"/api/v1/accounts/{account.AccountNumber}/suspend", new AccountStatusRequest { Reason = "Fraud check" })).EnsureSuccessStatusCode();

        await ReverseAsync(teller, deposit.TransactionId).CreatedAsync();

        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(0m);
    }

    [Fact]
    public async Task Reverse_OntoClosedAccount_Returns400AccountClosed()
    {
        var (teller, account) = await TellerWithAccountAsync();
        await DepositAsync(teller, account.AccountNumber, 100m);
        var withdrawal = await MoveAsync(teller, "withdrawal", account.AccountNumber, 100m).CreatedAsync();
        (await teller.DeleteAsync($"/api/v1/accounts/{account.AccountNumber}")).EnsureSuccessStatusCode();

        using var response = await ReverseAsync(teller, withdrawal.TransactionId);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.AccountClosed);
        problem.GetProperty("detail").GetString().Should().Be("Cannot update balance: Account is CLOSED");
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(0m);
    }

    [Fact]
    public async Task Reverse_UnknownTransaction_Returns404()
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);

        using var response = await ReverseAsync(teller, Guid.NewGuid());

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, TransactionService.TransactionNotFound);
    }

    [Fact]
    public async Task Reverse_WithoutReason_Returns400ValidationError()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var deposit = await DepositAsync(teller, account.AccountNumber, 100m);

        using var response = await PostAsync(teller, $"{deposit.TransactionId}/reverse", new { reason = "" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(100m);
    }

    [Fact]
    public async Task Reverse_AsCustomer_Returns403()
    {
        using var teller = await Factory.ClientForRoleAsync(Roles.Teller);
        var (customerId, customer) = await Factory.CustomerClientAsync();
        using var __ = customer;
        var own = await OpenAsync(teller, customerId);
        var other = await OpenAsync(teller, await Factory.CreateCustomerAsync());
        await DepositAsync(teller, own.AccountNumber, 100m);
        var transfer = await TransferAsync(customer, own.AccountNumber, other.AccountNumber, 40m).CreatedAsync();

        using var response = await ReverseAsync(customer, transfer.TransactionId);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await Factory.BalanceAsync(other.AccountNumber)).Should().Be(40m);
    }

    [Fact]
    public async Task Reverse_FiveConcurrentlyWithDifferentKeys_ExactlyOneReverses()
    {
        var (teller, account) = await TellerWithAccountAsync();
        await DepositAsync(teller, account.AccountNumber, 10_000m); // enough that no loser fails on balance
        var deposit = await DepositAsync(teller, account.AccountNumber, 100m);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => ReverseAsync(teller, deposit.TransactionId, $"Attempt {i}")));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1, string.Join("\n", bodies));
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Conflict, string.Join("\n", bodies));
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(10_000m);
        (await Factory.WithDbAsync(db => db.JournalEntries.CountAsync(e => e.ReversalOf == deposit.TransactionId))).Should().Be(1);
    }

    [Fact]
    public async Task Reverse_FiveConcurrentlyOnAnAccountHoldingOnlyThatDeposit_LosersGet409NotInsufficientBalance()
    {
        // The losers must learn it was already reversed; they used to fail the balance rule first,
        // because "already reversed?" was read before the account lock was held.
        for (var round = 0; round < 10; round++)
        {
            var (teller, account) = await TellerWithAccountAsync();
            var deposit = await DepositAsync(teller, account.AccountNumber, 100m);

            var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => ReverseAsync(teller, deposit.TransactionId, $"Attempt {i}")));

            var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
            responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1, string.Join("\n", bodies));
            responses.Where(r => r.StatusCode != HttpStatusCode.Created).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Conflict, string.Join("\n", bodies));
            (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(0m);
        }
    }
}
