using System.Net;
using BankOffice.Api.Ledger;
using BankOffice.Core.Accounts;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Ledger.LedgerApi;

namespace BankOffice.Api.Tests.Ledger;

/// <summary>
/// Every money-moving request carries an Idempotency-Key: a retry with the same key and body is
/// answered with the original entry and moves nothing; the same key with another body is refused.
/// </summary>
public sealed class IdempotencyTests(ApiFactory factory) : LedgerTestBase(factory)
{
    private Task<int> EntriesWithKeyAsync(string key) => Factory.WithDbAsync(db => db.JournalEntries.CountAsync(e => e.IdempotencyKey == key));

    [Theory]
    [InlineData("deposit")]
    [InlineData("withdrawal")]
    [InlineData("credit")]
    [InlineData("debit")]
    [InlineData("transfer")]
    public async Task Post_WithoutIdempotencyKey_Returns400AndPostsNothing(string operation)
    {
        var (teller, account) = await TellerWithAccountAsync();
        await DepositAsync(teller, account.AccountNumber, 100m);
        var other = await OpenAsync(teller, account.CustomerId);
        object body = operation == "transfer"
            ? new TransferRequest { FromAccountNumber = account.AccountNumber, ToAccountNumber = other.AccountNumber, Amount = 10m }
            : new AccountAmountRequest { AccountNumber = account.AccountNumber, Amount = 10m };

        using var response = await PostAsync(teller, operation, body, key: string.Empty);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, Idempotency.Required);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(100m);
        (await Factory.EntryCountOfAccountAsync(account.AccountNumber)).Should().Be(1);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData(null)] // 101 characters, one over the column's length
    public async Task Deposit_BlankOrOverlongKey_Returns400IdempotencyKeyRequired(string? key)
    {
        var (teller, account) = await TellerWithAccountAsync();

        using var response = await MoveAsync(teller, "deposit", account.AccountNumber, 10m, key: key ?? new string('k', IdempotencyHeader.MaxLength + 1));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, Idempotency.Required);
        (await Factory.EntryCountOfAccountAsync(account.AccountNumber)).Should().Be(0);
    }

    [Fact]
    public async Task Deposit_KeyOfMaximumLength_IsAccepted()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var key = new string('k', IdempotencyHeader.MaxLength - 10) + ApiFactory.Unique();

        await MoveAsync(teller, "deposit", account.AccountNumber, 10m, key).CreatedAsync();

        (await EntriesWithKeyAsync(key)).Should().Be(1);
    }

    [Fact]
    public async Task UpdateBalance_WithoutIdempotencyKey_Returns400AndPostsNothing()
    {
        var (teller, account) = await TellerWithAccountAsync();

        using var response = await SendAsync(teller, HttpMethod.Put, $"/api/v1/accounts/{account.AccountNumber}/balance", new BalanceUpdateRequest { Amount = 10m }, key: string.Empty);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, Idempotency.Required);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(0m);
    }

    [Fact]
    public async Task Deposit_SameKeyAndBodyTwice_PostsOnceAndReplaysTheIdenticalAnswer()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await MoveAsync(teller, "deposit", account.AccountNumber, 42.5m, key);
        using var second = await MoveAsync(teller, "deposit", account.AccountNumber, 42.5m, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        var firstBody = await first.Content.ReadAsStringAsync();
        (await second.Content.ReadAsStringAsync()).Should().Be(firstBody, "the replay is rebuilt from the database and must read exactly as the first answer");
        first.Headers.Contains(Idempotency.ReplayedHeader).Should().BeFalse();
        second.Headers.GetValues(Idempotency.ReplayedHeader).Should().Equal("true");
        second.Headers.Location.Should().Be(first.Headers.Location);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(42.5m);
        (await EntriesWithKeyAsync(key)).Should().Be(1);
        (await Factory.HistoryCountAsync(account.AccountNumber)).Should().Be(1);
    }

    [Fact]
    public async Task Transfer_SameKeyAndBodyTwice_MovesMoneyOnce()
    {
        var (teller, from) = await TellerWithAccountAsync();
        var to = await OpenAsync(teller, await Factory.CreateCustomerAsync());
        await DepositAsync(teller, from.AccountNumber, 100m);
        var key = Guid.NewGuid().ToString();

        var first = await TransferAsync(teller, from.AccountNumber, to.AccountNumber, 30m, key).CreatedAsync();
        var second = await TransferAsync(teller, from.AccountNumber, to.AccountNumber, 30m, key).CreatedAsync();

        second.Should().BeEquivalentTo(first);
        (await Factory.BalanceAsync(from.AccountNumber)).Should().Be(70m);
        (await Factory.BalanceAsync(to.AccountNumber)).Should().Be(30m);
    }

    [Fact]
    public async Task Deposit_SameKeyFiveTimesConcurrently_PostsOnceAndAllAnswersAreIdentical()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var key = Guid.NewGuid().ToString();
        var email = await Factory.CreateUserAsync(Roles.Teller);
        var token = (await Factory.LoginAsync(email)).AccessToken;
        var clients = Enumerable.Range(0, 5).Select(_ => Factory.ClientWithToken(token)).ToList();

        var responses = await Task.WhenAll(clients.Select(c => MoveAsync(c, "deposit", account.AccountNumber, 19.99m, key)));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created, string.Join("\n", bodies));
        bodies.Distinct().Should().ContainSingle("every answer is the one entry");
        responses.Count(r => !r.Headers.Contains(Idempotency.ReplayedHeader)).Should().Be(1, "exactly one request posted; the others waited on the key and replayed");
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(19.99m);
        (await EntriesWithKeyAsync(key)).Should().Be(1);
        foreach (var item in responses.Cast<IDisposable>().Concat(clients))
        {
            item.Dispose();
        }
    }

    [Fact]
    public async Task Deposit_SameKeyDifferentAmount_Returns409AndChangesNothing()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var key = Guid.NewGuid().ToString();
        await MoveAsync(teller, "deposit", account.AccountNumber, 10m, key).CreatedAsync();

        using var response = await MoveAsync(teller, "deposit", account.AccountNumber, 11m, key);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, PostingEngine.IdempotencyKeyReused);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(10m);
        (await EntriesWithKeyAsync(key)).Should().Be(1);
    }

    [Fact]
    public async Task Post_SameKeySameBodyOnAnotherOperation_Returns409()
    {
        // The fingerprint includes the path: a withdrawal is not a retry of a deposit.
        var (teller, account) = await TellerWithAccountAsync();
        var key = Guid.NewGuid().ToString();
        await MoveAsync(teller, "deposit", account.AccountNumber, 10m, key).CreatedAsync();

        using var response = await MoveAsync(teller, "withdrawal", account.AccountNumber, 10m, key);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, PostingEngine.IdempotencyKeyReused);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(10m);
    }

    [Fact]
    public async Task Deposit_SameKeyByTwoUsers_AreIndependentPostings()
    {
        var (teller, account) = await TellerWithAccountAsync();
        using var otherTeller = await Factory.ClientForRoleAsync(Roles.Teller);
        var key = Guid.NewGuid().ToString();

        using var first = await MoveAsync(teller, "deposit", account.AccountNumber, 10m, key);
        using var second = await MoveAsync(otherTeller, "deposit", account.AccountNumber, 10m, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.Contains(Idempotency.ReplayedHeader).Should().BeFalse("keys are scoped to the user");
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(20m);
        (await EntriesWithKeyAsync(key)).Should().Be(2);
    }

    [Fact]
    public async Task Withdrawal_RefusedThenRetriedWithSameKey_IsEvaluatedAfresh()
    {
        // A refused request changed nothing, so its key is not consumed: once funds arrive, the retry posts.
        var (teller, account) = await TellerWithAccountAsync();
        var key = Guid.NewGuid().ToString();

        using var refused = await MoveAsync(teller, "withdrawal", account.AccountNumber, 50m, key);
        await DepositAsync(teller, account.AccountNumber, 80m);
        using var retried = await MoveAsync(teller, "withdrawal", account.AccountNumber, 50m, key);

        await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, PostingRules.InsufficientBalance);
        retried.StatusCode.Should().Be(HttpStatusCode.Created, await retried.Content.ReadAsStringAsync());
        retried.Headers.Contains(Idempotency.ReplayedHeader).Should().BeFalse();
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(30m);
    }

    [Fact]
    public async Task UpdateBalance_SameKeyTwice_UpdatesOnceAndReplays()
    {
        var (teller, account) = await TellerWithAccountAsync();
        var key = Guid.NewGuid().ToString();
        var path = $"/api/v1/accounts/{account.AccountNumber}/balance";

        using var first = await SendAsync(teller, HttpMethod.Put, path, new BalanceUpdateRequest { Amount = 70m }, key);
        using var second = await SendAsync(teller, HttpMethod.Put, path, new BalanceUpdateRequest { Amount = 70m }, key);
        using var reused = await SendAsync(teller, HttpMethod.Put, path, new BalanceUpdateRequest { Amount = -70m }, key);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        first.Headers.Contains(Idempotency.ReplayedHeader).Should().BeFalse();
        second.Headers.GetValues(Idempotency.ReplayedHeader).Should().Equal("true");
        await reused.ShouldBeProblemAsync(HttpStatusCode.Conflict, PostingEngine.IdempotencyKeyReused);
        (await Factory.BalanceAsync(account.AccountNumber)).Should().Be(70m);
    }
}
