namespace BankOffice.Core.Common;

/// <summary>Paging metadata of every list endpoint: <c>{page, size, total, totalPages}</c>, pages count from 1.</summary>
public sealed record Pagination(int Page, int Size, long Total, int TotalPages)
{
    public static Pagination Of(int page, int size, long total) =>
        new(page, size, total, size == 0 ? 0 : (int)((total + size - 1) / size));
}

/// <summary>The list answer shape: <c>{data: [...], pagination: {...}}</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Data, Pagination Pagination);

/// <summary>Single-resource envelope of the account service (seed 004): <c>{success, message, data}</c>.</summary>
public sealed record ApiResponse<T>(bool Success, string Message, T Data);

public static class PageRequest
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;
}
