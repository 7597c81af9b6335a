using BankOffice.Core.Accounts;
using BankOffice.Core.Common;

namespace BankOffice.Core.Dashboard;

/// <summary>Work counts for the signed-in user's dashboard; what is filled depends on the role.</summary>
public sealed record DashboardDto(
    int Customers,
    IReadOnlyDictionary<AccountStatus, int> AccountsByStatus,
    IReadOnlyList<CurrencyTotalDto> TotalsByCurrency,
    IReadOnlyDictionary<string, int>? UsersByRole,
    IReadOnlyList<AccountHistoryDto> RecentActivity);

public sealed record CurrencyTotalDto(Currency Currency, int Accounts, decimal Balance);
