using System.Data;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using Npgsql;

namespace BankOffice.Api.Reports;

/// <summary>What the reports share: who may read them, one consistent snapshot per report, and a small row reader.</summary>
internal static class ReportSql
{
    /// <summary>
    /// The receivables reports are book-wide, so only staff read them. The group already requires
    /// account.view, which customers hold too (for their own data), hence the customer check.
    /// </summary>
    public static void RequireStaff(CurrentUser user)
    {
        if (user.IsCustomerOnly || !user.Has(Core.Security.Permissions.AccountView))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Management reports cover every customer: they are for bank staff only.");
        }
    }

    /// <summary>A read-only repeatable-read transaction: every query of one report sees the same committed state.</summary>
    public static async Task<NpgsqlTransaction> SnapshotAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
        await readOnly.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    public static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Func<NpgsqlDataReader, T> map,
        CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
