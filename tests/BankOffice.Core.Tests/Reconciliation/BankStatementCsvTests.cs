using BankOffice.Core.Reconciliation;

namespace BankOffice.Core.Tests.Reconciliation;

public class BankStatementCsvTests
{
    [Fact]
    public void Parse_QuotedFieldsWithCommaQuoteAndLineBreak_ReadAsWritten()
    {
        const string csv = "\uFEFFdate,reference,amount,type,description\r\n"
            + "2026-01-15,DEP123456,100000.00,DEPOSIT,\"Acme, Ltd \"\"north\"\"\"\r\n"
            + "2026-01-16,,-25,FEE,\"monthly\nfee\"\r\n"
            + "\r\n"
            + "2026-01-20,TRF-9,1250.5,CREDIT,\r\n";

        var result = BankStatementCsv.Parse(csv);

        result.Problems.Should().BeEmpty();
        // The fee's description spans lines 3 and 4, so the next row starts on line 6 (line 5 is empty).
        result.Rows.Should().Equal(
            new StatementCsvRow(2, new DateOnly(2026, 1, 15), "DEP123456", 100000.00m, "DEPOSIT", "Acme, Ltd \"north\""),
            new StatementCsvRow(3, new DateOnly(2026, 1, 16), "", -25m, "FEE", "monthly\nfee"),
            new StatementCsvRow(6, new DateOnly(2026, 1, 20), "TRF-9", 1250.5m, "CREDIT", ""));
    }

    [Fact]
    public void Parse_ColumnsInAnotherOrderWithoutDescription_AreFoundByName()
    {
        var result = BankStatementCsv.Parse("Amount,TYPE,reference,date\n-10.00,FEE,X,2026-01-02\n");

        result.Problems.Should().BeEmpty();
        result.Rows.Should().Equal(new StatementCsvRow(2, new DateOnly(2026, 1, 2), "X", -10.00m, "FEE", null));
    }

    [Fact]
    public void Parse_BadRows_ListsEveryProblemWithItsLineNumber()
    {
        const string csv = "date,reference,amount,type,description\n"
            + "15/01/2026,A,100,DEPOSIT,\n"
            + "2026-01-16,B,\"1,000.00\",DEPOSIT,\n"
            + "2026-01-17,C,5,DEPOSIT\n"
            + "2026-01-18,D,7,DEPOSIT,\"never closed\n";

        var result = BankStatementCsv.Parse(csv);

        result.Problems.Select(p => (p.Line, p.Field)).Should().Equal((2, "date"), (3, "amount"), (4, "row"), (5, "row"));
    }

    [Fact]
    public void Parse_WrongHeader_NamesTheUnknownAndMissingColumns()
    {
        var result = BankStatementCsv.Parse("date,ref,amount,type\n2026-01-15,A,1,DEPOSIT\n");

        result.Rows.Should().BeEmpty();
        result.Problems.Select(p => p.Message).Should().Equal(
            "unknown column \"ref\": the header is date,reference,amount,type,description.",
            "the column \"reference\" is missing: the header is date,reference,amount,type,description.");
    }

    [Fact]
    public void Parse_MoreRowsThanAllowed_IsRefusedAsAWhole()
    {
        var csv = "date,reference,amount,type\n" + string.Concat(Enumerable.Repeat("2026-01-15,A,1,DEPOSIT\n", StatementRules.MaxLines + 1));

        var result = BankStatementCsv.Parse(csv);

        result.Rows.Should().BeEmpty();
        result.Problems.Should().ContainSingle().Which.Message.Should().Be("the statement has 5001 rows; at most 5000 are accepted per upload.");
    }
}
