using BankOffice.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Infrastructure;

public static class Paging
{
    /// <summary>Checks page (from 1) and size (1..100); bad values are a 400, not silently clamped.</summary>
    public static void Check(int page, int size)
    {
        if (page < 1)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "page starts at 1.");
        }

        if (size is < 1 or > PageRequest.MaxSize)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"size must be between 1 and {PageRequest.MaxSize}.");
        }
    }

    public static async Task<PagedResult<TOut>> ToPageAsync<TIn, TOut>(this IQueryable<TIn> query, int page, int size, Func<TIn, TOut> map, CancellationToken cancellationToken)
    {
        Check(page, size);
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<TOut>(items.Select(map).ToList(), Pagination.Of(page, size, total));
    }

    public static bool Descending(string? sortOrder, bool defaultDescending) => sortOrder?.ToLowerInvariant() switch
    {
        null or "" => defaultDescending,
        "asc" => false,
        "desc" => true,
        _ => throw DomainException.Invalid(ErrorCodes.ValidationError, "sortOrder is asc or desc."),
    };

    /// <summary>Escapes LIKE wildcards so a search for "50%" means the text "50%".</summary>
    public static string LikePattern(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
