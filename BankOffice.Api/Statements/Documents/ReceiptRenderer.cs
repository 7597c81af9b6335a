using BankOffice.Core.Statements;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Statements.Documents;

/// <summary>Payment receipts from <see cref="ReceiptTemplate"/>: the HTML preview and the PDF print the same markup.</summary>
public sealed class ReceiptRenderer(DocumentHtml html, IPdfPrinter printer, IOptions<StatementOptions> options) : IReceiptRenderer
{
    public Task<string> RenderHtmlAsync(ReceiptDocument receipt, CancellationToken cancellationToken) =>
        html.RenderAsync<ReceiptTemplate>(new Dictionary<string, object?>
        {
            [nameof(ReceiptTemplate.Receipt)] = receipt,
            [nameof(ReceiptTemplate.Bank)] = options.Value,
        });

    public async Task WritePdfAsync(ReceiptDocument receipt, Stream output, CancellationToken cancellationToken)
    {
        var page = await RenderHtmlAsync(receipt, cancellationToken);
        var footer = DocumentText.PdfFooter($"Receipt {receipt.PaymentNumber} · {receipt.CustomerName}", receipt.GeneratedAt);
        await printer.PrintAsync(page, footer, output, cancellationToken);
    }
}
