using Npgsql;

namespace BankOffice.Api.Infrastructure;

/// <summary>Raw SQL for the hot paths that bypass EF Core (postings, the period close).</summary>
public static class SqlCommands
{
    /// <summary>A batch statement with positional parameters ($1, $2, …); null becomes SQL NULL.</summary>
    public static NpgsqlBatchCommand Batched(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
