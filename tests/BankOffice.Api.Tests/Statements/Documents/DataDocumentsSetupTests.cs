using BankOffice.Api.Statements.Documents;
using BankOffice.Core.Statements;
using Microsoft.Extensions.DependencyInjection;
using static BankOffice.Api.Tests.Statements.Documents.DataStatementSamples;

namespace BankOffice.Api.Tests.Statements.Documents;

public class DataDocumentsSetupTests
{
    [Fact]
    public void AddDataDocuments_CalledTwice_GivesOneWriterPerDataFormat()
    {
        using var provider = new ServiceCollection().AddDataDocuments().AddDataDocuments().BuildServiceProvider();

        provider.GetServices<IStatementWriter>().Select(w => w.Format)
            .Should().BeEquivalentTo([StatementFormat.JSON, StatementFormat.CSV, StatementFormat.EXCEL]);
        var writers = provider.GetRequiredService<StatementWriters>();
        writers.For(StatementFormat.JSON).Should().BeOfType<JsonStatementWriter>();
        writers.For(StatementFormat.CSV).Should().BeOfType<CsvStatementWriter>();
        writers.For(StatementFormat.EXCEL).Should().BeOfType<ExcelStatementWriter>();
        writers.For(StatementFormat.EXCEL).Should().BeSameAs(writers.For(StatementFormat.EXCEL));
    }

    [Theory]
    [InlineData(StatementFormat.JSON)]
    [InlineData(StatementFormat.CSV)]
    [InlineData(StatementFormat.EXCEL)]
    public async Task WriteAsync_ResponseLikeOutput_NeverWritesSynchronously(StatementFormat format)
    {
        using var provider = new ServiceCollection().AddDataDocuments().BuildServiceProvider();
        var writer = provider.GetRequiredService<StatementWriters>().For(format);
        using var output = new AsyncOnlyStream();

        // AsyncOnlyStream throws on a synchronous Write or Flush, as Kestrel's response body does.
        await writer.WriteAsync(Large(3_000), output, CancellationToken.None);

        output.Written.Should().BeGreaterThan(3_000 * 20);
    }

    [Theory]
    [InlineData(StatementFormat.JSON)]
    [InlineData(StatementFormat.CSV)]
    [InlineData(StatementFormat.EXCEL)]
    public async Task WriteAsync_CancelledWhileReading_StopsWithCancellation(StatementFormat format)
    {
        using var provider = new ServiceCollection().AddDataDocuments().BuildServiceProvider();
        var writer = provider.GetRequiredService<StatementWriters>().For(format);
        using var cancel = new CancellationTokenSource();
        var statement = Large(2_000);
        var all = new List<StatementLine>();
        await foreach (var line in statement.Lines)
        {
            all.Add(line);
        }

        var lines = DataStatementSamples.Stream(all, n =>
        {
            if (n == 500)
            {
                cancel.Cancel();
            }
        });

        var act = () => writer.WriteAsync(statement with { Lines = lines }, new AsyncOnlyStream(), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
