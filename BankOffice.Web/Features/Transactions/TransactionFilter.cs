using BankOffice.Core.Ledger;
using BankOffice.Web.Features.Accounts;
using Radzen;

namespace BankOffice.Web.Features.Transactions;

/// <summary>The transaction list's filters.</summary>
public sealed record TransactionFilter(
    string? AccountNumber = null,
    EntryKind? Kind = null,
    DateOnly? From = null,
    DateOnly? To = null,
    decimal? MinAmount = null,
    decimal? MaxAmount = null)
{
    /// <summary>The API query for a grid page with these filters.</summary>
    public TransactionQuery ToQuery(LoadDataArgs args, int defaultSize)
    {
        var (page, size) = GridQuery.Paging(args, defaultSize);
        return new TransactionQuery(page, size, string.IsNullOrWhiteSpace(AccountNumber) ? null : AccountNumber.Trim(), Kind, From, To, MinAmount, MaxAmount);
    }

    public static DateOnly? Date(DateTime? value) => value is null ? null : DateOnly.FromDateTime(value.Value);
}
