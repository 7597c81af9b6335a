using static BankOffice.Api.Tests.Statements.Documents.StatementSamples;

namespace BankOffice.Api.Tests.Statements.Documents;

/// <summary>Payment receipts: what was paid, against which invoices, and whether it still stands.</summary>
[Collection(DocumentsCollection.Name)]
public sealed class ReceiptRendererTests(DocumentsFixture documents)
{
    [Fact]
    public async Task WritePdfAsync_PostedPayment_ShowsNumberAmountInvoicesAndUnallocated()
    {
        using var output = new MemoryStream();
        await documents.Receipts.WritePdfAsync(Receipt("POSTED"), output, CancellationToken.None);

        using var file = await PdfText.OpenAsync(output.ToArray());
        var text = await file.TextAsync();
        text.Should().Contain("PAY-2026-00042").And.Contain("3,750.00 TRY").And.Contain(TurkishHolder);
        text.Should().Contain("INV-2026-00007").And.Contain("2,000.00").And.Contain("INV-2026-00011").And.Contain("1,500.00").And.Contain("30.00");
        // 3,750.00 − 2,000.00 − 1,500.00 = 250.00.
        text.Should().MatchRegex(@"Unallocated\s+250\.00");
        text.Should().Contain("EFT 2026/1015-77").And.Contain("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d").And.Contain("2026-10-15");
        text.Should().NotContain("REVERSED");
        (await file.PageCountAsync()).Should().Be(1);
        text.Should().Contain("Page 1 of 1");
    }

    [Fact]
    public async Task WritePdfAsync_ReversedPayment_CarriesTheReversedBanner()
    {
        using var output = new MemoryStream();
        await documents.Receipts.WritePdfAsync(Receipt("REVERSED"), output, CancellationToken.None);

        using var file = await PdfText.OpenAsync(output.ToArray());
        var text = await file.TextAsync();
        text.Should().Contain("PAY-2026-00042").And.Contain("This payment was reversed");
        text.Should().MatchRegex(@"(?m)^\s*REVERSED\s*$", "the banner stands on its own line above the receipt");
    }

    [Fact]
    public async Task RenderHtmlAsync_Payment_IsTheSamePageAsAWholeDocument()
    {
        var html = await documents.Receipts.RenderHtmlAsync(Receipt("POSTED"), CancellationToken.None);

        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<title>Payment receipt PAY-2026-00042</title>");
        html.Should().Contain("INV-2026-00011").And.Contain(TurkishHolder).And.NotContain("class=\"banner\"");
    }
}
