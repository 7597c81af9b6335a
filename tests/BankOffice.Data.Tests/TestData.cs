using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;

namespace BankOffice.Data.Tests;

/// <summary>Entities with unique keys, so tests sharing a class database never collide.</summary>
internal static class TestData
{
    // PostgreSQL keeps microseconds; a time with finer ticks would not round-trip.
    public static readonly DateTimeOffset Now = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(1_230);

    private static long serial = Random.Shared.NextInt64(1, 1_000_000_000);

    public static string NewCustomerId() => "T" + Guid.NewGuid().ToString("N")[..15];

    public static Customer Customer(string name = "Test Customer", string? taxId = null) =>
        BankOffice.Core.Customers.Customer.Create(
            NewCustomerId(),
            new CustomerDetails(CustomerKind.PERSON, name, taxId, null, null, null, null, null, "TR"),
            Now);

    public static Account Account(string customerId, string name = "Test Account", Currency currency = Currency.TRY) =>
        BankOffice.Core.Accounts.Account.Open(
            AccountNumber.New(),
            new IbanOptions().ForSerial(Interlocked.Increment(ref serial)),
            customerId,
            name,
            AccountType.CHECKING,
            currency,
            "test.teller",
            Now);
}
