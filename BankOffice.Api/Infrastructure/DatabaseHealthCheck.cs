using BankOffice.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BankOffice.Api.Infrastructure;

internal sealed class DatabaseHealthCheck(BankOfficeDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("PostgreSQL is not reachable.");
}
