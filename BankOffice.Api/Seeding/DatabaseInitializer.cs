using BankOffice.Api.Ledger;
using BankOffice.Core.Accounts;
using BankOffice.Core.Ledger;
using BankOffice.Core.Common;
using BankOffice.Core.Customers;
using BankOffice.Core.Security;
using BankOffice.Data;
using BankOffice.Data.Identity;
using BankOffice.Data.Migrations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BankOffice.Api.Seeding;

public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    public bool DemoData { get; set; }
    public string DemoPassword { get; set; } = "Demo!Pass2026";
}

/// <summary>
/// At start-up: applies migrations, makes sure every role exists, and on an empty database seeds
/// the demo data when <c>Seed:DemoData</c> is on. Safe to run on several instances at once.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes, SqlMigrator migrator, IConfiguration configuration, IOptions<SeedOptions> seed, ILogger<DatabaseInitializer> logger)
{
    public const string DemoDomain = "bankoffice.local";

    public static readonly (string Email, string Name, string Role)[] StaffUsers =
    [
        ($"admin@{DemoDomain}", "Ada Admin", Roles.Admin),
        ($"teller@{DemoDomain}", "Tarık Teller", Roles.Teller),
        ($"credit@{DemoDomain}", "Cemile Credit", Roles.CreditOfficer),
        ($"collector@{DemoDomain}", "Kerem Collector", Roles.Collector),
        ($"manager@{DemoDomain}", "Mina Manager", Roles.Manager),
        ($"collector2@{DemoDomain}", "Selin Collector", Roles.Collector),
        ($"credit2@{DemoDomain}", "Deniz Credit", Roles.CreditOfficer),
    ];

    private static readonly (CustomerKind Kind, string Name, string City, string Country)[] DemoCustomers =
    [
        (CustomerKind.PERSON, "Ayşe Yılmaz", "İstanbul", "TR"),
        (CustomerKind.PERSON, "Mehmet Öztürk", "Ankara", "TR"),
        (CustomerKind.BUSINESS, "Güneş Tekstil A.Ş.", "Bursa", "TR"),
        (CustomerKind.PERSON, "Zeynep Çelik", "İzmir", "TR"),
        (CustomerKind.PERSON, "John Doe", "London", "GB"),
        (CustomerKind.BUSINESS, "台灣優質企業股份有限公司", "Taipei", "TW"),
        (CustomerKind.PERSON, "Emine Şahin", "Antalya", "TR"),
        (CustomerKind.PERSON, "Maria Schmidt", "Berlin", "DE"),
        (CustomerKind.BUSINESS, "Anadolu Lojistik Ltd. Şti.", "Kayseri", "TR"),
        (CustomerKind.PERSON, "Oğuz Kaya", "Eskişehir", "TR"),
        (CustomerKind.PERSON, "Li Wei", "Shanghai", "CN"),
        (CustomerKind.BUSINESS, "Bosphorus Trading Ltd", "İstanbul", "TR"),
        (CustomerKind.PERSON, "Fatma Aydın", "Konya", "TR"),
        (CustomerKind.PERSON, "Pierre Martin", "Lyon", "FR"),
        (CustomerKind.BUSINESS, "Ege Zeytinyağı Kooperatifi", "Aydın", "TR"),
        (CustomerKind.PERSON, "Hüseyin Arslan", "Trabzon", "TR"),
        (CustomerKind.PERSON, "Sophie Williams", "Manchester", "GB"),
        (CustomerKind.BUSINESS, "Kapadokya Turizm A.Ş.", "Nevşehir", "TR"),
        (CustomerKind.PERSON, "Elif Demir", "Adana", "TR"),
        (CustomerKind.PERSON, "Ahmet Koç", "Samsun", "TR"),
    ];

    public static string CustomerEmail(int index) => $"customer{index:00}@{DemoDomain}";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue("Database:MigrateOnStartup", true))
        {
            var applied = await migrator.MigrateAsync(ConnectionString(configuration), cancellationToken);
            logger.LogInformation("Database migrations applied: {Count}", applied);
        }

        using var scope = scopes.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var created = await roles.CreateAsync(new IdentityRole(role));
                if (!created.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }
            }
        }

        if (seed.Value.DemoData)
        {
            await SeedDemoDataAsync(scope.ServiceProvider, cancellationToken);
        }
    }

    public static string ConnectionString(IConfiguration configuration)
    {
        var name = configuration["Database:ConnectionStringName"] ?? "BankOffice";
        var value = configuration.GetConnectionString(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"No connection string '{name}' is configured (ConnectionStrings__{name}). './bankoffice run' starts a local PostgreSQL and sets it.")
            : value;
    }

    private async Task SeedDemoDataAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<BankOfficeDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One seeder at a time across instances; the second finds data and stops.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242)", cancellationToken);
        if (await db.Customers.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var iban = services.GetRequiredService<IOptions<IbanOptions>>().Value;
        var random = new Random(2026);
        var start = DateTimeOffset.UtcNow.AddDays(-120);
        const string seeder = "seed";

        foreach (var (email, name, role) in StaffUsers)
        {
            await CreateUserAsync(users, email, name, role, null, start);
        }

        var movements = new List<PostingCommand>();
        var toSuspend = new List<(Account Account, DateTimeOffset At)>();
        for (var i = 0; i < DemoCustomers.Length; i++)
        {
            var (kind, name, city, country) = DemoCustomers[i];
            var createdAt = start.AddDays(i);
            var customer = Customer.Create(
                await db.NextCustomerIdAsync(cancellationToken),
                new CustomerDetails(kind, name, (kind == CustomerKind.BUSINESS ? "9" : "1") + (100000000 + (i * 7919)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    CustomerEmail(i + 1), $"+90 5{random.Next(10, 99)} {random.Next(100, 999)} {random.Next(1000, 9999)}", $"{random.Next(1, 200)} Demo Street", city, $"{random.Next(10000, 99999)}", country),
                createdAt);
            db.Customers.Add(customer);
            await db.SaveChangesAsync(cancellationToken);
            await CreateUserAsync(users, CustomerEmail(i + 1), name, Roles.Customer, customer.Id, createdAt);

            var accountCount = i < 10 ? 3 : 2;
            for (var n = 0; n < accountCount; n++)
            {
                var type = kind == CustomerKind.BUSINESS ? (n == 0 ? AccountType.BUSINESS : AccountType.SAVINGS) : (n == 0 ? AccountType.CHECKING : AccountType.SAVINGS);
                var currency = n == 0 ? Currency.TRY : (Currency)random.Next(0, 4);
                var opened = createdAt.AddDays(n * 3);
                var account = Account.Open(AccountNumber.New(), iban.ForSerial(await db.NextIbanSerialAsync(cancellationToken)), customer.Id, name, type, currency, seeder, opened);
                var lastClosed = i == 19 && n == accountCount - 1;
                if (!lastClosed)
                {
                    var balance = 0m;
                    for (var m = 0; m < random.Next(2, 6); m++)
                    {
                        var amount = decimal.Round((decimal)random.Next(5_000, 2_500_000) / 100m, 2);
                        var withdraw = m > 0 && random.Next(3) == 0 && balance > amount;
                        balance += withdraw ? -amount : amount;
                        var signed = withdraw ? -amount : amount;
                        movements.Add(new PostingCommand(withdraw ? EntryKind.WITHDRAWAL : EntryKind.DEPOSIT, withdraw ? "Cash withdrawal" : "Cash deposit",
                            DateOnly.FromDateTime(opened.AddDays(m + 1).UtcDateTime), seeder,
                            [PostingLine.Account(account.Number, signed), PostingLine.Ledger(LedgerAccountKind.CASH, -signed)]));
                    }
                }

                if (i % 7 == 3 && n == 1)
                {
                    toSuspend.Add((account, opened.AddDays(10)));
                }

                if (lastClosed)
                {
                    account.Close("Demo: closed at customer request", seeder, opened.AddDays(20));
                }

                db.Accounts.Add(account);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        // Money moves only through the ledger, so the demo history is real journal entries.
        var engine = services.GetRequiredService<PostingEngine>();
        foreach (var movement in movements)
        {
            await engine.PostAsync(movement, null, null, cancellationToken);
        }

        // The postings changed these rows (and their xmin) behind the tracked copies: reload them.
        db.ChangeTracker.Clear();
        foreach (var (account, at) in toSuspend)
        {
            var current = await db.Accounts.SingleAsync(a => a.Id == account.Id, cancellationToken);
            current.Suspend("Demo: documents under review", seeder, at);
        }

        await db.SaveChangesAsync(cancellationToken);
        await CollectionsSeed.RunAsync(services, cancellationToken);
        logger.LogInformation("Seeded demo data: {Customers} customers, {Accounts} accounts, {Users} users",
            DemoCustomers.Length, await db.Accounts.CountAsync(cancellationToken), await db.Users.CountAsync(cancellationToken));
    }

    private async Task CreateUserAsync(UserManager<AppUser> users, string email, string name, string role, string? customerId, DateTimeOffset createdAt)
    {
        var user = new AppUser { UserName = email, Email = email, DisplayName = name, CustomerId = customerId, EmailConfirmed = true, CreatedAt = createdAt };
        var result = await users.CreateAsync(user, seed.Value.DemoPassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {email} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
    }
}
