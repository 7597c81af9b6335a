using BankOffice.Core.Accounts;
using BankOffice.Core.Collections;
using BankOffice.Core.Credit;
using BankOffice.Core.Customers;
using BankOffice.Core.Events;
using BankOffice.Core.Ledger;
using BankOffice.Core.Periods;
using BankOffice.Core.Reconciliation;
using BankOffice.Core.Receivables;
using BankOffice.Core.Statements;
using BankOffice.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Data;

/// <summary>
/// The one database of BankOffice. The schema is created by the SQL scripts in Migrations/
/// (applied by <see cref="Migrations.SqlMigrator"/>); the model here must match them, which a
/// Data test checks on every run.
/// </summary>
public sealed class BankOfficeDbContext(DbContextOptions<BankOfficeDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public const string CustomerNumberSequence = "customer_number_seq";
    public const string IbanSerialSequence = "iban_serial_seq";
    public const string InvoiceNumberSequence = "invoice_number_seq";
    public const string PaymentNumberSequence = "payment_number_seq";
    public const string CreditNoteNumberSequence = "credit_note_number_seq";
    public const string CreditApplicationNumberSequence = "credit_application_number_seq";
    public const string CreditApprovalSequence = "credit_approval_seq";
    public const string PaymentPlanNumberSequence = "payment_plan_number_seq";

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerInvitation> CustomerInvitations => Set<CustomerInvitation>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AccountHistoryEntry> AccountHistory => Set<AccountHistoryEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<JournalLine> JournalLines => Set<JournalLine>();
    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<CreditAccount> CreditAccounts => Set<CreditAccount>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentAllocation> PaymentAllocations => Set<PaymentAllocation>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<InvoiceDispute> InvoiceDisputes => Set<InvoiceDispute>();
    public DbSet<CreditApplication> CreditApplications => Set<CreditApplication>();
    public DbSet<CreditLimitChange> CreditLimitChanges => Set<CreditLimitChange>();
    public DbSet<CreditReview> CreditReviews => Set<CreditReview>();
    public DbSet<CollectionCase> CollectionCases => Set<CollectionCase>();
    public DbSet<CollectionActivity> CollectionActivities => Set<CollectionActivity>();
    public DbSet<PromiseToPay> PromisesToPay => Set<PromiseToPay>();
    public DbSet<PaymentPlan> PaymentPlans => Set<PaymentPlan>();
    public DbSet<CollectionEscalation> CollectionEscalations => Set<CollectionEscalation>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<AccountingPeriod> Periods => Set<AccountingPeriod>();
    public DbSet<PeriodReopenRequest> PeriodReopenRequests => Set<PeriodReopenRequest>();
    public DbSet<PeriodAuditEntry> PeriodAudit => Set<PeriodAuditEntry>();
    public DbSet<CloseRun> CloseRuns => Set<CloseRun>();
    public DbSet<CloseRunStep> CloseRunSteps => Set<CloseRunStep>();
    public DbSet<CloseException> CloseExceptions => Set<CloseException>();
    public DbSet<PeriodBalance> PeriodBalances => Set<PeriodBalance>();
    public DbSet<PeriodAging> PeriodAging => Set<PeriodAging>();
    public DbSet<InterestAccrual> InterestAccruals => Set<InterestAccrual>();
    public DbSet<PeriodProvision> PeriodProvisions => Set<PeriodProvision>();
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<StatementRun> StatementRuns => Set<StatementRun>();
    public DbSet<StatementFile> StatementFiles => Set<StatementFile>();
    public DbSet<BankReconciliation> BankReconciliations => Set<BankReconciliation>();
    public DbSet<BankStatementLine> BankStatementLines => Set<BankStatementLine>();
    public DbSet<CustomerReconciliation> CustomerReconciliations => Set<CustomerReconciliation>();

    /// <summary>Next readable customer id, e.g. C000042.</summary>
    public async Task<string> NextCustomerIdAsync(CancellationToken cancellationToken) =>
        Customer.FormatId(await NextValueAsync(CustomerNumberSequence, cancellationToken));

    public Task<long> NextIbanSerialAsync(CancellationToken cancellationToken) =>
        NextValueAsync(IbanSerialSequence, cancellationToken);

    public Task<long> NextValueOfAsync(string sequence, CancellationToken cancellationToken) => NextValueAsync(sequence, cancellationToken);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.HasSequence<long>(CustomerNumberSequence);
        builder.HasSequence<long>(IbanSerialSequence);
        builder.HasSequence<long>(InvoiceNumberSequence);
        builder.HasSequence<long>(PaymentNumberSequence);
        builder.HasSequence<long>(CreditNoteNumberSequence);
        builder.HasSequence<long>(CreditApplicationNumberSequence);
        builder.HasSequence<long>(CreditApprovalSequence);
        builder.HasSequence<long>(PaymentPlanNumberSequence);

        builder.Entity<AppUser>().ToTable("users");
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");

        builder.ApplyConfigurationsFromAssembly(typeof(BankOfficeDbContext).Assembly);
        SnakeCaseNaming.Apply(builder);
    }

    private async Task<long> NextValueAsync(string sequence, CancellationToken cancellationToken) =>
        await Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\"").SingleAsync(cancellationToken);
}
