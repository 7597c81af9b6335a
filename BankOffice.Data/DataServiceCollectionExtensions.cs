using BankOffice.Data.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BankOffice.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> (connection pool) serves EF Core and the ledger's hand-written
    /// SQL alike. The connection string is read when it is first needed, so hosts and tests may set it late.
    /// </summary>
    public static IServiceCollection AddBankOfficeData(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddSingleton(provider =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString(provider));
            // No session state is ever set (no SET, temp tables or advisory session locks outside the
            // migrator's own connection), so the DISCARD ALL sent on every pool return is wasted work;
            // auto-preparing the hot statements spares PostgreSQL re-parsing and re-planning them.
            builder.ConnectionStringBuilder.NoResetOnClose = true;
            builder.ConnectionStringBuilder.MaxAutoPrepare = Math.Max(builder.ConnectionStringBuilder.MaxAutoPrepare, 64);
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            return builder.Build();
        });
        services.AddDbContext<BankOfficeDbContext>((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<SqlMigrator>();
        return services;
    }
}
