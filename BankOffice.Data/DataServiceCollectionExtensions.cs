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
        services.AddSingleton(provider => new NpgsqlDataSourceBuilder(connectionString(provider)).Build());
        services.AddDbContext<BankOfficeDbContext>((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<SqlMigrator>();
        return services;
    }
}
