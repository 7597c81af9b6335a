using BankOffice.Data.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BankOffice.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The connection string is read when the first context is made, so hosts and tests may set it late.</summary>
    public static IServiceCollection AddBankOfficeData(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddDbContext<BankOfficeDbContext>((provider, options) => options.UseNpgsql(connectionString(provider)));
        services.AddSingleton<SqlMigrator>();
        return services;
    }
}
