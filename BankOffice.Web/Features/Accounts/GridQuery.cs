using BankOffice.Core.Accounts;
using Radzen;

namespace BankOffice.Web.Features.Accounts;

/// <summary>Maps a RadzenDataGrid LoadData request (skip/top/sorts) onto the API's page/size/sortBy/sortOrder.</summary>
public static class GridQuery
{
    private static readonly Dictionary<string, string> AccountSortFields = new(StringComparer.Ordinal)
    {
        [nameof(AccountDto.AccountNumber)] = "number",
        [nameof(AccountDto.CustomerName)] = "name",
        [nameof(AccountDto.AccountType)] = "type",
        [nameof(AccountDto.Balance)] = "balance",
        [nameof(AccountDto.Currency)] = "currency",
        [nameof(AccountDto.Status)] = "status",
        [nameof(AccountDto.CreatedAt)] = "createdAt",
        [nameof(AccountDto.UpdatedAt)] = "updatedAt",
    };

    public static (int Page, int Size) Paging(LoadDataArgs args, int defaultSize)
    {
        var size = Math.Clamp(args.Top ?? defaultSize, 1, BankOffice.Core.Common.PageRequest.MaxSize);
        var page = ((args.Skip ?? 0) / size) + 1;
        return (page, size);
    }

    /// <summary>The first grid sort as (sortBy, sortOrder), or (null, null) when unsorted or not sortable by the API.</summary>
    public static (string? SortBy, string? SortOrder) Sort(LoadDataArgs args, IReadOnlyDictionary<string, string> fields)
    {
        var sort = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null && s.Property is not null && fields.ContainsKey(s.Property));
        if (sort is null)
        {
            return (null, null);
        }

        return (fields[sort.Property!], sort.SortOrder == SortOrder.Ascending ? "asc" : "desc");
    }

    public static AccountQuery Accounts(LoadDataArgs args, AccountFilter filter, int defaultSize)
    {
        var (page, size) = Paging(args, defaultSize);
        var (sortBy, sortOrder) = Sort(args, AccountSortFields);
        return new AccountQuery
        {
            Page = page,
            Size = size,
            SortBy = sortBy,
            SortOrder = sortOrder,
            Status = filter.Status,
            Type = filter.Type,
            Currency = filter.Currency,
            CustomerId = string.IsNullOrWhiteSpace(filter.CustomerId) ? null : filter.CustomerId,
            Search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim(),
        };
    }
}

/// <summary>The account list's filters.</summary>
public sealed record AccountFilter(string? Search = null, AccountStatus? Status = null, AccountType? Type = null, BankOffice.Core.Common.Currency? Currency = null, string? CustomerId = null);
