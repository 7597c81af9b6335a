using BankOffice.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BankOffice.Data.Tests.Configurations;

public class CustomerConfigurationTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task SaveChanges_TurkishAndChineseCustomer_LoadsBackEqual()
    {
        var customer = Customer.Create(
            TestData.NewCustomerId(),
            new CustomerDetails(CustomerKind.BUSINESS, "Şişli Gıda İthalat Ltd. Şti. 上海贸易有限公司", "TAX-" + Guid.NewGuid().ToString("N")[..12],
                "İLETİŞİM@Example.com", "+86 21 5555 0101", "Büyükdere Cd. ığüşöç / 南京东路 100号", "İstanbul", "34394", "tr"),
            TestData.Now);
        await using (var context = db.CreateContext())
        {
            context.Customers.Add(customer);
            await context.SaveChangesAsync();
        }

        await using var readContext = db.CreateContext();
        var loaded = await readContext.Customers.SingleAsync(c => c.Id == customer.Id);

        loaded.Should().BeEquivalentTo(customer, o => o.Excluding(c => c.Version));
        loaded.Name.Should().Be("Şişli Gıda İthalat Ltd. Şti. 上海贸易有限公司");
        loaded.Version.Should().NotBe(0u);
        (await db.ScalarAsync<string>("SELECT name FROM customers WHERE id = @id", ("id", customer.Id)))
            .Should().Be("Şişli Gıda İthalat Ltd. Şti. 上海贸易有限公司");
    }

    [Fact]
    public async Task SaveChanges_TwoCustomersWithoutTaxId_AreAccepted()
    {
        await using var context = db.CreateContext();
        var first = TestData.Customer("No Tax One");
        var second = TestData.Customer("No Tax Two");
        context.Customers.AddRange(first, second);

        await context.SaveChangesAsync();

        (await db.ScalarAsync<long>("SELECT count(*) FROM customers WHERE id IN (@a, @b) AND tax_id IS NULL", ("a", first.Id), ("b", second.Id)))
            .Should().Be(2);
    }

    [Fact]
    public async Task SaveChanges_DuplicateTaxId_FailsWithUniqueViolation()
    {
        var taxId = Guid.NewGuid().ToString("N")[..11];
        await using (var context = db.CreateContext())
        {
            context.Customers.Add(TestData.Customer("First Holder", taxId));
            await context.SaveChangesAsync();
        }

        await using var other = db.CreateContext();
        other.Customers.Add(TestData.Customer("Second Holder", taxId));
        var act = () => other.SaveChangesAsync();

        var inner = (await act.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>().Which;
        inner.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        inner.ConstraintName.Should().Be("ix_customers_tax_id");
    }

    [Fact]
    public async Task SaveChanges_StaleCustomer_ThrowsConcurrencyException()
    {
        var customer = TestData.Customer("Stale Check");
        await using (var context = db.CreateContext())
        {
            context.Customers.Add(customer);
            await context.SaveChangesAsync();
        }

        await using var first = db.CreateContext();
        await using var second = db.CreateContext();
        var mine = await first.Customers.SingleAsync(c => c.Id == customer.Id);
        var theirs = await second.Customers.SingleAsync(c => c.Id == customer.Id);
        mine.Update(new CustomerDetails(CustomerKind.PERSON, "Stale Check A", null, null, null, null, null, null, null), TestData.Now);
        await first.SaveChangesAsync();
        theirs.Update(new CustomerDetails(CustomerKind.PERSON, "Stale Check B", null, null, null, null, null, null, null), TestData.Now);

        var act = () => second.SaveChangesAsync();

        await act.Should().ThrowAsync<DbUpdateConcurrencyException>();
    }
}
