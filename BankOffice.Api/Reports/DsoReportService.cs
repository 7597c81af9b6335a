using BankOffice.Api.Infrastructure;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Reports;
using Npgsql;

namespace BankOffice.Api.Reports;

/// <summary>
/// Days sales outstanding for the last complete month, quarter or year before asOf, and the period it
/// is compared with. Receivables are what <see cref="AgingQuery"/> finds still owed at the end of
/// the period (disputed parts included, unallocated cash not netted); credit sales are the totals of
/// invoices dated in the period less the credit notes dated in it.
/// </summary>
public sealed class DsoReportService(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>What <see cref="AgingQuery"/> finds owed at the end of $1, summed in PostgreSQL for currency $2: one row crosses the wire, not every invoice.</summary>
    private const string ReceivablesSql = $"SELECT coalesce(sum(x.outstanding), 0) FROM ({AgingQuery.InvoiceOutstandingSql}) x WHERE x.currency = $2";

    private const string CreditSalesSql = """
        SELECT coalesce((SELECT sum(total) FROM invoices WHERE currency = $1 AND status <> 'VOID' AND invoice_date BETWEEN $2 AND $3), 0)
             - coalesce((SELECT sum(total) FROM credit_notes WHERE currency = $1 AND credit_date BETWEEN $2 AND $3), 0)
        """;

    public async Task<DsoReportDto> BuildAsync(CurrentUser user, string? period, string? compareWith, DateOnly? asOfDate, string? currency, CancellationToken cancellationToken)
    {
        ReportSql.RequireStaff(user);
        var periodType = ReportOptions.Parse(period, "period", DsoPeriod.MONTH);
        var comparison = ReportOptions.Parse(compareWith, "compareWith", DsoComparison.PREVIOUS_PERIOD);
        var inCurrency = ReportOptions.Parse(currency, "currency", ReportOptions.DefaultCurrency);
        var today = time.Today();
        var asOf = asOfDate ?? today;
        if (asOf > today)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"asOf ({asOf:yyyy-MM-dd}) is in the future; DSO is measured on periods that have ended.");
        }

        var (from, to) = ReportCalendar.LastComplete(periodType, asOf);
        var (compareFrom, compareTo) = ReportCalendar.Comparison(periodType, comparison, from);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ReportSql.SnapshotAsync(connection, cancellationToken);
        var current = await FiguresAsync(connection, transaction, inCurrency, from, to, cancellationToken);
        var previous = await FiguresAsync(connection, transaction, inCurrency, compareFrom, compareTo, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new DsoReportDto(periodType, comparison, inCurrency, asOf, new DsoRangeDto(from, to, current.Days), current.Receivables, current.CreditSales, current.Dso, previous,
            current.Dso is { } now && previous.Dso is { } then ? now - then : null);
    }

    private static async Task<DsoFiguresDto> FiguresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Currency currency, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var receivables = (await ReportSql.ReadAsync(connection, transaction, ReceivablesSql, r => r.GetDecimal(0), cancellationToken, to, currency.ToString())).Single();
        var sales = (await ReportSql.ReadAsync(connection, transaction, CreditSalesSql, r => r.GetDecimal(0), cancellationToken, currency.ToString(), from, to)).Single();
        var days = ReportCalendar.Days(from, to);
        return new DsoFiguresDto(from, to, days, Money.AtScale(receivables), Money.AtScale(sales), ReportCalendar.Dso(receivables, sales, days));
    }
}
