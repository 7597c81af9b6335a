using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using BankOffice.Api.Ledger;
using BankOffice.Core.Accounts;
using BankOffice.Core.Ledger;
using BankOffice.Core.Security;
using Microsoft.EntityFrameworkCore;
using static BankOffice.Api.Tests.Ledger.LedgerApi;

namespace BankOffice.Api.Tests.Ledger;

/// <summary>
/// Many clients moving money among the same accounts at once: nothing is lost or created, no
/// balance goes negative, every balance equals its lines, and the ordered row locks never deadlock.
/// </summary>
public sealed class LedgerConcurrencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Clients = 16;

    private async Task<List<HttpClient>> TellersAsync()
    {
        // Each client is its own signed-in teller, like 16 counters at once.
        var tokens = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ => (await factory.LoginAsync(await factory.CreateUserAsync(Roles.Teller))).AccessToken));
        return tokens.Select(factory.ClientWithToken).ToList();
    }

    private async Task<LedgerCheckDto> CheckAsync()
    {
        using var admin = await factory.ClientForRoleAsync(Roles.Admin);
        return (await admin.GetFromJsonAsync<LedgerCheckDto>("/api/v1/admin/ledger/check", ApiFactory.Json))!;
    }

    private Task<int> TransferEntriesAsync(IReadOnlyCollection<string> numbers) =>
        factory.WithDbAsync(db => db.JournalEntries.CountAsync(e => e.Kind == EntryKind.TRANSFER &&
            db.JournalLines.Any(l => l.EntryId == e.Id && db.Accounts.Any(a => a.Id == l.AccountId && numbers.Contains(a.Number)))));

    [Fact]
    public async Task Transfer_300RandomFrom16ClientsAmong10Accounts_KeepsTotalsAndLedgerConsistent()
    {
        var tellers = await TellersAsync();
        var customerId = await factory.CreateCustomerAsync();
        var accounts = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var account = await OpenAsync(tellers[0], customerId);
            await DepositAsync(tellers[0], account.AccountNumber, 1_000m + i * 100);
            accounts.Add(account.AccountNumber);
        }

        var totalBefore = 0m;
        foreach (var n in accounts)
        {
            totalBefore += await factory.BalanceAsync(n);
        }

        var statuses = new ConcurrentBag<(HttpStatusCode Status, string Body)>();
        var seed = Random.Shared.Next();
        await Task.WhenAll(tellers.Select((client, c) => Task.Run(async () =>
        {
            var random = new Random(seed + c);
            for (var i = 0; i < 300 / Clients + (c < 300 % Clients ? 1 : 0); i++)
            {
                var from = random.Next(accounts.Count);
                var to = (from + 1 + random.Next(accounts.Count - 1)) % accounts.Count;
                // Up to 700 with cents: large enough that some transfers meet an emptied account.
                var amount = random.Next(1, 70_000) / 100m;
                using var response = await TransferAsync(client, accounts[from], accounts[to], amount);
                statuses.Add((response.StatusCode, response.IsSuccessStatusCode ? string.Empty : await response.Content.ReadAsStringAsync()));
            }
        })));

        var all = statuses.ToList();
        all.Should().HaveCount(300);
        all.Where(s => (int)s.Status >= 500).Should().BeEmpty($"seed {seed}: no request may fail with a server error");
        all.Where(s => s.Status != HttpStatusCode.Created)
            .Should().OnlyContain(s => s.Status == HttpStatusCode.BadRequest && s.Body.Contains(PostingRules.InsufficientBalance), $"seed {seed}: the only acceptable refusal is an empty account");
        var created = all.Count(s => s.Status == HttpStatusCode.Created);
        created.Should().BeGreaterThan(0);

        var balances = new List<decimal>();
        foreach (var n in accounts)
        {
            balances.Add(await factory.BalanceAsync(n));
        }

        balances.Sum().Should().Be(totalBefore, "transfers only move money between the accounts");
        balances.Should().OnlyContain(b => b >= 0m);
        (await TransferEntriesAsync(accounts)).Should().Be(created, "every 201 is one entry and nothing else was posted");
        var check = await CheckAsync();
        check.Ok.Should().BeTrue();
        check.BalanceMismatches.Should().BeEmpty();
        check.UnbalancedEntries.Should().BeEmpty();

        // Each account's last running balance is its stored balance.
        foreach (var n in accounts)
        {
            var lines = await factory.LinesOfAccountAsync(n);
            lines[^1].BalanceAfter.Should().Be(await factory.BalanceAsync(n));
            lines.Sum(l => l.Amount).Should().Be(await factory.BalanceAsync(n));
        }

        tellers.ForEach(t => t.Dispose());
    }

    [Fact]
    public async Task Transfer_OnePairBothDirectionsFrom16Clients_FinishesWithoutDeadlock()
    {
        var tellers = await TellersAsync();
        var customerId = await factory.CreateCustomerAsync();
        var a = await OpenAsync(tellers[0], customerId);
        var b = await OpenAsync(tellers[0], customerId);
        await DepositAsync(tellers[0], a.AccountNumber, 500m);
        await DepositAsync(tellers[0], b.AccountNumber, 500m);

        var results = await Task.WhenAll(tellers.Select((client, c) => Task.Run(async () =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 10; i++)
            {
                // Half the clients go a -> b, half b -> a, alternating, so lock requests cross constantly.
                var forward = (c + i) % 2 == 0;
                using var response = await TransferAsync(client, forward ? a.AccountNumber : b.AccountNumber, forward ? b.AccountNumber : a.AccountNumber, 7.5m);
                codes.Add(response.StatusCode);
            }

            return codes;
        }))).WaitAsync(TimeSpan.FromMinutes(2)); // a lock cycle would hang here rather than finish

        var codes = results.SelectMany(r => r).ToList();
        codes.Should().HaveCount(Clients * 10);
        codes.Should().OnlyContain(s => s == HttpStatusCode.Created, "both accounts hold enough for any order of these transfers");
        var balanceA = await factory.BalanceAsync(a.AccountNumber);
        var balanceB = await factory.BalanceAsync(b.AccountNumber);
        (balanceA + balanceB).Should().Be(1000m);
        (await TransferEntriesAsync([a.AccountNumber, b.AccountNumber])).Should().Be(Clients * 10);
        // Every transfer alternates direction per client, and there are as many forward as backward.
        balanceA.Should().Be(500m);
        (await CheckAsync()).Ok.Should().BeTrue();
        tellers.ForEach(t => t.Dispose());
    }
}
