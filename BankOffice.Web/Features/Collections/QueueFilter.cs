using BankOffice.Core.Collections;
using BankOffice.Web.Features.Accounts;
using Radzen;

namespace BankOffice.Web.Features.Collections;

/// <summary>The queue's filter bar; maps itself and a grid request onto seed 003's queue query.</summary>
public sealed class QueueFilter
{
    public const string Me = "me";
    public const string Unassigned = "unassigned";

    /// <summary>The select's value for "every collector" (sent as no collector filter).</summary>
    public const string All = "all";

    private static readonly Dictionary<string, string> SortFields = new(StringComparer.Ordinal)
    {
        [nameof(QueueItemDto.PriorityScore)] = "priority",
        [nameof(QueueItemDto.OverdueAmount)] = "amount",
        [nameof(QueueItemDto.DaysOverdue)] = "age",
        [nameof(QueueItemDto.CustomerName)] = "name",
    };

    public string Collector { get; set; } = All;
    public string? AgeGroup { get; set; }
    public Priority? Priority { get; set; }
    public CaseStatus? Status { get; set; }
    public string? Search { get; set; }

    /// <summary>Unsorted means the API's default: priority, highest first.</summary>
    public CollectionQueueQuery ToQuery(LoadDataArgs args, int defaultSize)
    {
        var (page, size) = GridQuery.Paging(args, defaultSize);
        var (sortBy, sortOrder) = GridQuery.Sort(args, SortFields);
        return new CollectionQueueQuery(
            Collector == All ? null : Collector,
            string.IsNullOrEmpty(AgeGroup) ? null : AgeGroup,
            Priority,
            Status,
            string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
            sortBy,
            sortOrder,
            page,
            size);
    }
}
