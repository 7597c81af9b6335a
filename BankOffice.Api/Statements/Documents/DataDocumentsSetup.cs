using BankOffice.Core.Statements;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BankOffice.Api.Statements.Documents;

/// <summary>Registers the data formats of statements (JSON, CSV, Excel); the PDF and HTML writers register themselves apart.</summary>
public static class DataDocumentsSetup
{
    public static IServiceCollection AddDataDocuments(this IServiceCollection services)
    {
        services.AddOptions<StatementOptions>();
        // TryAddEnumerable: calling this twice still leaves one writer per format (StatementWriters refuses duplicates).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatementWriter, JsonStatementWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatementWriter, CsvStatementWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatementWriter, ExcelStatementWriter>());
        services.TryAddSingleton<StatementWriters>();
        return services;
    }
}
