using BankOffice.Api.Accounts;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Accounts;
using BankOffice.Core.Dashboard;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Dashboard;

public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/dashboard").WithTags("Dashboard").RequireAuthorization(Permissions.AccountView).MapGet("/", Get);
        return api;
    }

    /// <summary>Counts for the caller's dashboard; a customer's figures cover only their own accounts.</summary>
    public static async Task<Ok<DashboardDto>> Get(HttpContext http, AccountService accounts, BankOfficeDbContext db, CancellationToken cancellationToken)
    {
        var user = http.CurrentUser();
        var visible = accounts.Visible(user);
        var byStatus = await visible.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var totals = await visible.Where(a => a.Status != AccountStatus.CLOSED).GroupBy(a => a.Currency)
            .Select(g => new CurrencyTotalDto(g.Key, g.Count(), g.Sum(a => a.Balance))).ToListAsync(cancellationToken);
        var customers = user.IsCustomerOnly ? 1 : await db.Customers.CountAsync(cancellationToken);

        var recent = db.AccountHistory.AsNoTracking();
        if (user.IsCustomerOnly)
        {
            recent = recent.Where(h => visible.Any(a => a.Id == h.AccountId));
        }

        var activity = await recent.OrderByDescending(h => h.Id).Take(10).ToListAsync(cancellationToken);

        Dictionary<string, int>? usersByRole = null;
        if (user.Has(Permissions.UserAdmin))
        {
            usersByRole = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id group ur by r.Name into g select new { Role = g.Key!, Count = g.Count() })
                .ToDictionaryAsync(x => x.Role, x => x.Count, cancellationToken);
        }

        return TypedResults.Ok(new DashboardDto(
            customers,
            Enum.GetValues<AccountStatus>().ToDictionary(s => s, s => byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0),
            totals.OrderBy(t => t.Currency).ToList(),
            usersByRole,
            activity.Select(AccountHistoryDto.From).ToList()));
    }
}
