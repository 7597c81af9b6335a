using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BankOffice.Api.Statements.Documents;

public static class DocumentServices
{
    /// <summary>
    /// The HTML and PDF statement writers, receipts, and the one Chromium printer they share (disposed,
    /// browser and all, when the host stops). <c>StatementOptions</c> is configured by the host.
    /// </summary>
    public static IServiceCollection AddPdfDocuments(this IServiceCollection services)
    {
        services.TryAddSingleton<DocumentHtml>();
        services.TryAddSingleton<StatementDocument>();
        services.TryAddSingleton<ChromiumPdfPrinter>();
        services.TryAddSingleton<IPdfPrinter>(provider => provider.GetRequiredService<ChromiumPdfPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatementWriter, HtmlStatementWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStatementWriter, PdfStatementWriter>());
        services.TryAddSingleton<IReceiptRenderer, ReceiptRenderer>();
        services.TryAddSingleton<StatementWriters>();
        return services;
    }
}
