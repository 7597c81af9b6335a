using System.Data;
using System.Runtime.CompilerServices;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Periods;
using BankOffice.Core.Statements;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankOffice.Api.Statements;

/// <summary>
/// A statement being read: its header and lines come from one REPEATABLE READ snapshot, so a posting
/// committed while a long statement streams can change neither the lines nor the totals printed above
/// them. Dispose it when the document is written (the snapshot holds a pooled connection).
/// </summary>
public sealed class OpenStatement(StatementData data, IAsyncDisposable? snapshot) : IAsyncDisposable
{
    public StatementData Data { get; } = data;

    public StatementHeader Header => Data.Header;

    public ValueTask DisposeAsync() => snapshot?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Builds statements for any date range: a deposit or loan account's ledger lines by value date, or
/// a customer's receivables (seed 003). Totals are one aggregate over the ledger; lines stream in
/// value-date order with the running balance, so a year of lines never sits in memory.
/// </summary>
public sealed class StatementService(
    BankOfficeDbContext db, NpgsqlDataSource dataSource, ReceivablesService receivables, TimeProvider time, IOptions<StatementOptions> options)
{
    private const string HeaderSql = """
        SELECT coalesce(sum(l.amount) FILTER (WHERE e.value_date < $2), 0),
               coalesce(sum(-l.amount) FILTER (WHERE e.value_date >= $2 AND l.amount < 0), 0),
               coalesce(sum(l.amount) FILTER (WHERE e.value_date >= $2 AND l.amount > 0), 0),
               count(*) FILTER (WHERE e.value_date >= $2)
        FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
        WHERE l.account_id = $1 AND e.value_date <= $3
        """;

    private const string LinesSql = """
        SELECT e.value_date, e.kind, e.id, e.description, l.amount
        FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
        WHERE l.account_id = $1 AND e.value_date BETWEEN $2 AND $3
        ORDER BY e.value_date, e.posted_at, l.id
        """;

    private StatementOptions Options => options.Value;

    /// <summary><c>GET /accounts/{id}/statement</c>: an account number opens the account's statement, anything else a customer's.</summary>
    public Task<OpenStatement> OpenAsync(CurrentUser user, string id, DateOnly? fromDate, DateOnly? toDate, bool includeDetails, CancellationToken cancellationToken) =>
        Core.Accounts.AccountNumber.TryParse(id, out var number)
            ? OpenAccountAsync(user, number.Value, fromDate, toDate, includeDetails, cancellationToken)
            : OpenCustomerAsync(user, id, fromDate, toDate, includeDetails, cancellationToken);

    public async Task<OpenStatement> OpenAccountAsync(CurrentUser user, string accountNumber, DateOnly? fromDate, DateOnly? toDate, bool includeDetails, CancellationToken cancellationToken)
    {
        var (from, to) = StatementRange.Resolve(fromDate, toDate, time.Today(), Options.MaxSpanDays);
        var account = await FindAccountAsync(accountNumber, cancellationToken);
        if (!user.CanSeeCustomer(account.CustomerId))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "You can only see statements of your own accounts.");
        }

        return await ReadAccountAsync(account, from, to, includeDetails, null, cancellationToken);
    }

    /// <summary>The statement the close issued for an account and period, with its period and version printed on it.</summary>
    public async Task<OpenStatement> OpenIssuedAsync(Statement issued, CancellationToken cancellationToken)
    {
        var account = await FindAccountAsync(issued.AccountNumber, cancellationToken);
        return await ReadAccountAsync(account, issued.FromDate, issued.ToDate, true, issued, cancellationToken);
    }

    public async Task<OpenStatement> OpenCustomerAsync(CurrentUser user, string customerId, DateOnly? fromDate, DateOnly? toDate, bool includeDetails, CancellationToken cancellationToken)
    {
        var (from, to) = StatementRange.Resolve(fromDate, toDate, time.Today(), Options.MaxSpanDays);
        var statement = await receivables.StatementAsync(user, customerId, from, to, cancellationToken);
        var header = new StatementHeader(StatementKind.CUSTOMER, statement.CustomerName, statement.CustomerId, statement.CustomerId, null, statement.Currency,
            from, to, statement.OpeningBalance, statement.TotalDebits, statement.TotalCredits, statement.ClosingBalance, statement.Transactions.Count,
            includeDetails, time.GetUtcNow());
        var lines = includeDetails
            ? statement.Transactions.Select(l => new StatementLine(l.Date, l.Type, l.Reference, l.Description, l.Debit, l.Credit, l.Balance)).ToAsyncEnumerable()
            : AsyncEnumerable.Empty<StatementLine>();
        return new OpenStatement(new StatementData(header, lines), null);
    }

    private async Task<AccountRow> FindAccountAsync(string accountNumber, CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking().Where(a => a.Number == accountNumber)
            .Join(db.Customers, a => a.CustomerId, c => c.Id, (a, c) => new AccountRow(a.Id, a.Number, a.Iban, a.CustomerId, c.Name, a.Currency))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw DomainException.NotFound(ErrorCodes.AccountNotFound, $"Account not found: {accountNumber}");

    private async Task<OpenStatement> ReadAccountAsync(AccountRow account, DateOnly from, DateOnly to, bool includeDetails, Statement? issued, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var snapshot = new Snapshot(connection);
        try
        {
            snapshot.Transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, snapshot.Transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken);
            }

            decimal opening, debits, credits;
            int count;
            await using (var command = Command(HeaderSql, snapshot, account.Id, from, to))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                (opening, debits, credits, count) = (reader.GetDecimal(0), reader.GetDecimal(1), reader.GetDecimal(2), (int)reader.GetInt64(3));
            }

            var header = new StatementHeader(StatementKind.ACCOUNT, account.HolderName, account.CustomerId, account.Number, account.Iban, account.Currency,
                from, to, Money.AtScale(opening), Money.AtScale(debits), Money.AtScale(credits), Money.AtScale(opening + credits - debits), count,
                includeDetails, time.GetUtcNow())
            {
                Period = issued?.Period,
                Version = issued?.Version,
            };
            var lines = includeDetails ? ReadLinesAsync(snapshot, account.Id, from, to, opening, CancellationToken.None) : AsyncEnumerable.Empty<StatementLine>();
            return new OpenStatement(new StatementData(header, lines), snapshot);
        }
        catch
        {
            await snapshot.DisposeAsync();
            throw;
        }
    }

    private static async IAsyncEnumerable<StatementLine> ReadLinesAsync(
        Snapshot snapshot, Guid accountId, DateOnly from, DateOnly to, decimal opening, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var balance = opening;
        await using var command = Command(LinesSql, snapshot, accountId, from, to);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var date = reader.GetFieldValue<DateOnly>(0);
            var kind = reader.GetString(1);
            var id = reader.GetGuid(2);
            var description = reader.GetString(3);
            var amount = reader.GetDecimal(4);
            balance += amount;
            yield return new StatementLine(date, kind, id.ToString("D"), description,
                Money.AtScale(amount < 0 ? -amount : 0m), Money.AtScale(amount > 0 ? amount : 0m), Money.AtScale(balance));
        }
    }

    private static NpgsqlCommand Command(string sql, Snapshot snapshot, Guid accountId, DateOnly from, DateOnly to)
    {
        var command = new NpgsqlCommand(sql, snapshot.Connection, snapshot.Transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = accountId });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        return command;
    }

    private sealed record AccountRow(Guid Id, string Number, string Iban, string CustomerId, string HolderName, Currency Currency);

    private sealed class Snapshot(NpgsqlConnection connection) : IAsyncDisposable
    {
        public NpgsqlConnection Connection { get; } = connection;

        public NpgsqlTransaction? Transaction { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Transaction is not null)
            {
                await Transaction.DisposeAsync();
            }

            await Connection.DisposeAsync();
        }
    }
}
