namespace BankOffice.Data.Tests;

/// <summary>Runs on its own database so nothing else draws from the sequences first.</summary>
public class BankOfficeDbContextTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task NextCustomerIdAsync_FreshDatabase_CountsFromC000001()
    {
        await using var context = db.CreateContext();

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await context.NextCustomerIdAsync(CancellationToken.None));
        }

        ids.Should().Equal("C000001", "C000002", "C000003");
    }

    [Fact]
    public async Task NextIbanSerialAsync_FreshDatabase_StartsAtOneAndIncrements()
    {
        await using var context = db.CreateContext();
        await using var otherContext = db.CreateContext();

        var first = await context.NextIbanSerialAsync(CancellationToken.None);
        var second = await otherContext.NextIbanSerialAsync(CancellationToken.None);
        var third = await context.NextIbanSerialAsync(CancellationToken.None);

        new[] { first, second, third }.Should().Equal(1L, 2L, 3L);
    }
}
