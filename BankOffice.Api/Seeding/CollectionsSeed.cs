using BankOffice.Api.Collections;
using BankOffice.Api.Credit;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Ledger;
using BankOffice.Api.Receivables;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Customers;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BankOffice.Api.Seeding;

/// <summary>
/// The demo credit and collections book, on top of the demo customers: credit accounts for every
/// business and most people, invoices dated so that about fifteen customers are overdue in every age
/// group (1-7 days to over 60) with amounts from a few hundred to over 100,000, every credit status
/// (GOOD, WARNING, HOLD, SUSPENDED) and risk category, and a few customers with current invoices only.
/// The queue is split between the two collectors (a third each, a third unassigned) with a
/// lived-in history: past calls and letters, a broken promise, an open promise, a payment plan, an
/// escalation to legal and an open dispute. Credit has a pending application, an approved one, a
/// limit increase waiting for a second approver and reviews that are overdue or due soon.
/// Everything that has a service goes through it, as the users would.
/// </summary>
internal sealed class CollectionsSeed
{
    private const string Domain = DatabaseInitializer.DemoDomain;
    private const string Kerem = $"collector@{Domain}";
    private const string Selin = $"collector2@{Domain}";
    private const string Cemile = $"credit@{Domain}";
    private const string Deniz = $"credit2@{Domain}";
    private const string Mina = $"manager@{Domain}";
    private const string Tarik = $"teller@{Domain}";

    /// <summary>One invoice, <paramref name="DaysLate"/> days past its due date (negative: due in that many days).</summary>
    private sealed record DemoInvoice(int DaysLate, decimal Net, bool OverLimit = false);

    /// <summary>A customer's credit account, invoices, payments received and collector (null: unassigned).</summary>
    private sealed record DemoBook(int Customer, decimal Limit, string Terms, RiskCategory Risk, string? Collector, DemoInvoice[] Invoices, decimal Paid = 0m);

    /// <summary>A contact made some days ago, written straight to the timeline.</summary>
    private sealed record PastContact(int Customer, int DaysAgo, ActivityType Type, ActivityOutcome Outcome, string Notes, string? Contact = null);

    /// <summary>The latest contact, made today through the collections service; with a promise when <paramref name="Promise"/> is set.</summary>
    private sealed record TodaysContact(int Customer, ActivityType Type, ActivityOutcome Outcome, string Notes, NextAction Next, int NextInDays, decimal? Promise = null);

    // Priorities in the comments are the collections score (amount + age + risk + broken promises): HIGH from 70, MEDIUM from 40.
    private static readonly DemoBook[] Books =
    [
        new(1, 20_000m, "NET30", RiskCategory.A, Kerem, [new(5, 720m)]),                                                     // 1_7, LOW
        new(2, 15_000m, "NET30", RiskCategory.B, null, [new(-10, 1_100m), new(12, 2_000m)]),                                  // 8_15, LOW
        new(3, 250_000m, "NET30", RiskCategory.B, null, [new(-12, 9_500m), new(12, 7_200m), new(25, 6_400m)], 3_000m),        // 16_30, MEDIUM; GOOD (the E2E tests invoice it)
        new(4, 30_000m, "NET30", RiskCategory.C, Selin, [new(-5, 1_700m), new(22, 6_600m)]),                                  // 16_30, LOW
        new(5, 25_000m, "NET30", RiskCategory.D, Kerem, [new(38, 10_500m)]),                                                 // 31_45, HIGH with its broken promise; WARNING
        new(6, 400_000m, "2/10 NET30", RiskCategory.D, Selin, [new(-8, 12_000m), new(20, 25_000m), new(50, 34_000m), new(100, 55_000m)]), // OVER_60, HIGH; SUSPENDED, escalated
        new(7, 40_000m, "NET30", RiskCategory.B, Selin, [new(20, 3_000m), new(52, 8_400m)], 1_500m),                          // 46_60, MEDIUM; WARNING
        new(8, 10_000m, "NET30", RiskCategory.A, Kerem, [new(-15, 4_600m), new(10, 5_200m, OverLimit: true)]),                // 8_15, LOW; HOLD (over the limit)
        new(9, 300_000m, "NET45", RiskCategory.C, Kerem, [new(-20, 14_000m), new(18, 16_000m), new(40, 22_000m), new(70, 41_000m)], 10_000m), // OVER_60, HIGH; HOLD, disputed
        new(10, 50_000m, "NET30", RiskCategory.C, null, [new(95, 16_000m)]),                                                  // OVER_60, HIGH; SUSPENDED
        new(11, 80_000m, "NET30", RiskCategory.A, null, [new(-20, 7_500m)]),                                                  // current only; pending application
        new(12, 400_000m, "NET30", RiskCategory.A, null, [new(-25, 120_000m), new(-10, 90_000m), new(-3, 70_000m)]),          // current only; WARNING (83% used), limit increase pending
        new(13, 25_000m, "NET30", RiskCategory.A, null, [new(3, 3_400m)]),                                                    // 1_7, LOW
        new(14, 60_000m, "NET30", RiskCategory.D, Selin, [new(33, 44_000m)]),                                                 // 31_45, HIGH; WARNING
        new(15, 200_000m, "NET60", RiskCategory.B, Selin, [new(35, 18_000m), new(50, 30_000m)]),                              // on a payment plan: out of the queue
        new(16, 30_000m, "NET30", RiskCategory.C, null, [new(-12, 2_100m), new(9, 1_300m)]),                                  // 8_15, LOW
        new(17, 30_000m, "NET30", RiskCategory.A, null, [new(-18, 2_500m)]),                                                  // current only; application approved
        new(18, 350_000m, "NET30", RiskCategory.B, Selin, [new(-5, 20_000m), new(14, 16_000m), new(40, 22_000m)]),            // 31_45, MEDIUM; open promise
        new(19, 20_000m, "NET30", RiskCategory.B, Kerem, [new(65, 5_300m)]),                                                  // OVER_60, MEDIUM; HOLD
    ];

    private static readonly PastContact[] History =
    [
        new(9, 28, ActivityType.EMAIL, ActivityOutcome.CONTACTED, "Statement of account sent to accounts payable.", "Murat Aksoy, finance"),
        new(9, 14, ActivityType.PHONE_CALL, ActivityOutcome.DISPUTED, "Two pallets arrived damaged; they will not pay that part until it is credited.", "Murat Aksoy, finance"),
        new(9, 6, ActivityType.VISIT, ActivityOutcome.CONTACTED, "Met the CFO at the Kayseri depot: the rest goes out with next week's payment run.", "Selim Kara, CFO"),
        new(5, 18, ActivityType.PHONE_CALL, ActivityOutcome.NO_ANSWER, "Promise date passed without payment; no answer on the mobile."),
        new(5, 9, ActivityType.LETTER, ActivityOutcome.CONTACTED, "Formal reminder letter sent to the London address."),
        new(19, 21, ActivityType.SMS, ActivityOutcome.CONTACTED, "Payment reminder by SMS."),
        new(19, 10, ActivityType.PHONE_CALL, ActivityOutcome.NO_ANSWER, "No answer; voicemail full."),
        new(8, 4, ActivityType.EMAIL, ActivityOutcome.CONTACTED, "Over-limit notice sent; new invoices are blocked until the balance is below the limit."),
        new(6, 45, ActivityType.LETTER, ActivityOutcome.CONTACTED, "First reminder letter with copies of the open invoices."),
        new(6, 30, ActivityType.PHONE_CALL, ActivityOutcome.NO_ANSWER, "Taipei office did not pick up (called 10:00 local time)."),
        new(6, 20, ActivityType.EMAIL, ActivityOutcome.REFUSED_TO_PAY, "Their agent refuses to pay the oldest invoice, citing a late shipment.", "Chen Mei-Ling, agent"),
        new(6, 8, ActivityType.LETTER, ActivityOutcome.CONTACTED, "Final demand before legal action, by registered mail."),
        new(14, 12, ActivityType.EMAIL, ActivityOutcome.CONTACTED, "Statement sent; asked for a payment date."),
        new(14, 5, ActivityType.PHONE_CALL, ActivityOutcome.NO_ANSWER, "No answer."),
        new(7, 35, ActivityType.PHONE_CALL, ActivityOutcome.CONTACTED, "Agreed to pay part now and the rest after the holidays."),
        new(7, 15, ActivityType.SMS, ActivityOutcome.CONTACTED, "Reminder of the remaining balance."),
        new(18, 16, ActivityType.EMAIL, ActivityOutcome.CONTACTED, "Reminder with invoice copies.", "Ayla Tunç, accounting"),
        new(18, 7, ActivityType.PHONE_CALL, ActivityOutcome.CONTACTED, "The season starts next week; cash expected from tour operators.", "Ayla Tunç, accounting"),
        new(15, 20, ActivityType.PHONE_CALL, ActivityOutcome.CONTACTED, "Harvest sales delayed; the cooperative asks to pay in instalments.", "Recep Ege, chairman"),
        new(15, 6, ActivityType.VISIT, ActivityOutcome.CONTACTED, "Plan terms agreed with the cooperative's board.", "Recep Ege, chairman"),
    ];

    private static readonly TodaysContact[] TodaysContacts =
    [
        new(9, ActivityType.PHONE_CALL, ActivityOutcome.LEFT_MESSAGE, "Left a message for the CFO about the undisputed part.", NextAction.FOLLOW_UP, 3),
        new(5, ActivityType.PHONE_CALL, ActivityOutcome.LEFT_MESSAGE, "Left a message: the broken promise is on record.", NextAction.CALL_BACK, 1),
        new(19, ActivityType.EMAIL, ActivityOutcome.CONTACTED, "Statement sent with the credit hold notice.", NextAction.SEND_LETTER, 5),
        new(8, ActivityType.PHONE_CALL, ActivityOutcome.CONTACTED, "Will bring the balance under the limit at the end of the month.", NextAction.FOLLOW_UP, 7),
        new(1, ActivityType.SMS, ActivityOutcome.CONTACTED, "Friendly reminder of the overdue invoice.", NextAction.FOLLOW_UP, 2),
        new(6, ActivityType.PHONE_CALL, ActivityOutcome.REFUSED_TO_PAY, "Refused again; handing over to legal.", NextAction.ESCALATE, 0),
        new(14, ActivityType.PHONE_CALL, ActivityOutcome.CONTACTED, "Waiting for a bonus payment; asked about a payment plan.", NextAction.CALL_BACK, 2),
        new(7, ActivityType.PHONE_CALL, ActivityOutcome.LEFT_MESSAGE, "Left a message about the 52-day invoice.", NextAction.FOLLOW_UP, 4),
        new(18, ActivityType.PHONE_CALL, ActivityOutcome.PROMISE_TO_PAY, "Will pay the two oldest invoices' worth once the first tour payments arrive.", NextAction.FOLLOW_UP, 5, Promise: 20_000m),
        new(4, ActivityType.SMS, ActivityOutcome.CONTACTED, "Reminder of the overdue invoice.", NextAction.FOLLOW_UP, 6),
        new(15, ActivityType.PHONE_CALL, ActivityOutcome.CONTACTED, "Payment plan agreed; down payment in three days.", NextAction.FOLLOW_UP, 3),
    ];

    private readonly IServiceProvider _services;
    private readonly BankOfficeDbContext _db;
    private readonly DateOnly _today;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<(int Customer, int DaysLate), string> _invoiceNumbers = [];
    private int _sequence;

    private CollectionsSeed(IServiceProvider services)
    {
        _services = services;
        _db = services.GetRequiredService<BankOfficeDbContext>();
        _now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        _today = DateOnly.FromDateTime(_now.UtcDateTime);
    }

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var seed = new CollectionsSeed(services);
        await seed.ReceivablesAsync(cancellationToken);
        await seed.CollectionsAsync(cancellationToken);
        await seed.CreditAsync(cancellationToken);
    }

    private static string Id(int customer) => Customer.FormatId(customer);

    private static CurrentUser As(string email, string role) =>
        new(email, email, RolePermissions.For(role).ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal) { role }, null);

    private static CurrentUser CollectorOf(string email) => As(email, Roles.Collector);

    /// <summary>Each service call starts from a clean change tracker, as a request would.</summary>
    private T Service<T>()
        where T : notnull
    {
        _db.ChangeTracker.Clear();
        return _services.GetRequiredService<T>();
    }

    private async Task ReceivablesAsync(CancellationToken cancellationToken)
    {
        var system = new CurrentUser("seed", "seed", Permissions.All.ToHashSet(), new HashSet<string> { Roles.Admin }, null);
        foreach (var book in Books)
        {
            var customerId = Id(book.Customer);
            await Service<ReceivablesService>().OpenAccountAsync(system, new OpenCreditAccountRequest
            {
                CustomerId = customerId, CreditLimit = book.Limit, PaymentTerms = book.Terms, RiskCategory = book.Risk,
            }, cancellationToken);

            // Newest first: a customer more than 60 days late is on HOLD and gets no new invoice, so the oldest comes last.
            var netDays = PaymentTerms.Parse(book.Terms).NetDays;
            foreach (var invoice in book.Invoices.OrderBy(i => i.DaysLate))
            {
                var quantity = Math.Max(1, (int)(invoice.Net / 800m));
                var (code, description) = book.Limit >= 100_000m ? ("GAS-20KG", "20KG gas cylinder") : ("GAS-12KG", "12KG home heating gas");
                var (created, _) = await Service<ReceivablesService>().CreateInvoiceAsync(system, new CreateInvoiceRequest
                {
                    CustomerId = customerId,
                    InvoiceDate = _today.AddDays(-(netDays + invoice.DaysLate)),
                    Items = [new InvoiceItemRequest { ProductCode = code, Description = description, Quantity = quantity, UnitPrice = decimal.Round(invoice.Net / quantity, 2), TaxRate = 0.18m }],
                    CreditOverrideReason = invoice.OverLimit ? "Demo: delivered before the limit was raised" : null,
                }, Key("invoice"), cancellationToken);
                _invoiceNumbers[(book.Customer, invoice.DaysLate)] = created.InvoiceNumber;
            }

            if (book.Paid > 0)
            {
                await Service<ReceivablesService>().RecordPaymentAsync(system, new RecordPaymentRequest
                {
                    CustomerId = customerId, Amount = book.Paid, PaymentDate = _today.AddDays(-(3 + (book.Customer % 10))), PaymentMethod = PaymentMethod.BANK_TRANSFER,
                    Reference = $"TRF-DEMO-{book.Customer:000}",
                }, Key("payment"), cancellationToken);
            }
        }
    }

    private IdempotencyContext Key(string kind) => new("seed", $"seed-{kind}-{++_sequence}", "seed");

    private async Task CollectionsAsync(CancellationToken cancellationToken)
    {
        // The manager hands the two biggest cases to Selin; the collectors claim the rest of theirs.
        var manager = As(Mina, Roles.Manager);
        foreach (var customer in new[] { 6, 14 })
        {
            await Service<CollectionsService>().AssignAsync(manager, Id(customer), new AssignCaseRequest { Collector = Selin }, cancellationToken);
        }

        foreach (var book in Books.Where(b => b.Collector is not null && b.Customer is not (6 or 14)))
        {
            await Service<CollectionsService>().ClaimAsync(CollectorOf(book.Collector!), Id(book.Customer), cancellationToken);
        }

        // John Doe promised 5,000 four weeks ago and paid nothing by the date.
        _db.ChangeTracker.Clear();
        var promise = PromiseToPay.Make(Guid.CreateVersion7(), Id(5), Currency.TRY, 5_000m, _today.AddDays(-20), _today.AddDays(-27), Kerem, _now.AddDays(-27));
        promise.Resolve(PromiseStatus.BROKEN, 0m, _now.AddDays(-19));
        _db.PromisesToPay.Add(promise);
        _db.CollectionActivities.Add(new CollectionActivity(Guid.CreateVersion7(), Id(5), ActivityType.PHONE_CALL, "John Doe", ActivityOutcome.PROMISE_TO_PAY,
            "Will pay 5,000 after his contract payment comes in.", NextAction.FOLLOW_UP, _today.AddDays(-20), promise.Id, Kerem, _now.AddDays(-27)));
        foreach (var contact in History)
        {
            _db.CollectionActivities.Add(new CollectionActivity(Guid.CreateVersion7(), Id(contact.Customer), contact.Type, contact.Contact, contact.Outcome, contact.Notes,
                null, null, null, CollectorOf(contact.Customer).Name, _now.AddDays(-contact.DaysAgo).AddHours(-(contact.DaysAgo % 6))));
        }

        await _db.SaveChangesAsync(cancellationToken);

        foreach (var contact in TodaysContacts)
        {
            await Service<CollectionsService>().RecordActivityAsync(CollectorOf(contact.Customer), new CollectionActivityRequest
            {
                CustomerId = Id(contact.Customer), ActivityType = contact.Type, Outcome = contact.Outcome, Notes = contact.Notes,
                NextAction = contact.Next, NextActionDate = _today.AddDays(contact.NextInDays),
                PromiseAmount = contact.Promise, PromiseDate = contact.Promise is null ? null : _today.AddDays(4),
            }, cancellationToken);
        }

        await Service<CollectionsService>().EscalateAsync(CollectorOf(6), Id(6), new EscalationRequest
        {
            EscalationLevel = EscalationLevel.LEGAL, Reason = "Over 90 days overdue; refused to pay and ignored the final demand.",
        }, cancellationToken);

        await Service<DisputeService>().RaiseAsync(CollectorOf(9), _invoiceNumbers[(9, 40)], new RaiseDisputeRequest
        {
            Amount = 5_000m, Reason = "Two pallets damaged on delivery (photos on file).",
        }, cancellationToken);

        // Ege Zeytinyağı pays 48,000 of the 56,640 it owes: 8,000 down in three days, then four monthly instalments.
        var start = _today.AddDays(3);
        await Service<PaymentPlanService>().CreateAsync(CollectorOf(15), new PaymentPlanRequest
        {
            CustomerId = Id(15), TotalAmount = 48_000m, DownPayment = 8_000m, Installments = 4, StartDate = start,
            Schedule = Enumerable.Range(1, 4).Select(m => new ScheduleLineRequest { DueDate = start.AddMonths(m), Amount = 10_000m }).ToList(),
            Notes = "Agreed with the board after the delayed harvest sales.",
        }, cancellationToken);
    }

    private static CurrentUser CollectorOf(int customer) => CollectorOf(Books.Single(b => b.Customer == customer).Collector!);

    private async Task CreditAsync(CancellationToken cancellationToken)
    {
        var credit = As(Cemile, Roles.CreditOfficer);
        var credit2 = As(Deniz, Roles.CreditOfficer);

        // Waiting for a credit officer: submitted by the teller.
        await Service<CreditService>().SubmitAsync(As(Tarik, Roles.Teller), new CreditApplicationRequest
        {
            CustomerId = Id(11), RequestedLimit = 120_000m,
            Justification = "Opening a second restaurant; supplier invoices will grow by about half.",
            FinancialData = new FinancialDataRequest { AnnualRevenue = 1_450_000m, CurrentRatio = 1.6m, DebtRatio = 0.42m },
            TradeReferences =
            [
                new TradeReferenceRequest { Company = "Huangpu Food Supply Co.", Contact = "Zhang Min", Phone = "+86 21 5555 0101" },
                new TradeReferenceRequest { Company = "Bosphorus Trading Ltd", Contact = "Can Öz", Phone = "+90 212 555 0199" },
            ],
        }, cancellationToken);

        // Submitted by one credit officer, approved by the manager, due for review in three weeks.
        var approved = await Service<CreditService>().SubmitAsync(credit, new CreditApplicationRequest
        {
            CustomerId = Id(17), RequestedLimit = 45_000m, Justification = "Salary increase; moving her household spending to us.",
            FinancialData = new FinancialDataRequest { AnnualRevenue = 96_000m, DebtRatio = 0.18m },
        }, cancellationToken);
        await Service<CreditService>().DecideAsync(As(Mina, Roles.Manager), approved.ApplicationNumber, new CreditDecisionRequest
        {
            Decision = CreditDecisionType.APPROVED, ApprovedLimit = 45_000m, Conditions = ["Salary paid into a BankOffice account"], ReviewDate = _today.AddDays(20),
            Notes = "Clean payment history.",
        }, cancellationToken);

        // Above the second-approval threshold: waits for credit2@ or the manager.
        await Service<CreditService>().ChangeLimitAsync(credit, Id(12), new CreditLimitRequest
        {
            NewLimit = 550_000m, Reason = "Seasonal import volume; the account runs above 80% of its limit.", ReviewDate = _today.AddMonths(6),
        }, cancellationToken);

        // A cut, approved at once by the officer who asked.
        await Service<CreditService>().ChangeLimitAsync(credit2, Id(10), new CreditLimitRequest
        {
            NewLimit = 25_000m, Reason = "Suspended: over 90 days overdue; exposure reduced.", ReviewDate = _today.AddDays(90),
        }, cancellationToken);

        // Reviews: most due months ahead, some within 30 days; the two officers share them.
        (int Customer, RiskCategory Risk, int InDays)[] reviews =
        [
            (1, RiskCategory.A, 150), (2, RiskCategory.B, 75), (3, RiskCategory.B, 120), (4, RiskCategory.C, 45), (5, RiskCategory.D, 60), (7, RiskCategory.B, 100),
            (8, RiskCategory.A, 35), (9, RiskCategory.C, 12), (11, RiskCategory.A, 180), (12, RiskCategory.A, 9), (13, RiskCategory.A, 200), (14, RiskCategory.D, 25),
            (15, RiskCategory.B, 90), (16, RiskCategory.C, 140), (18, RiskCategory.B, 28),
        ];
        foreach (var (customer, risk, inDays) in reviews)
        {
            await Service<CreditService>().CompleteReviewAsync(customer % 2 == 0 ? credit2 : credit, Id(customer), new CompleteReviewRequest
            {
                RiskCategory = risk, NextReviewDate = _today.AddDays(inDays), Notes = "Annual review of payment behaviour and exposure.",
            }, cancellationToken);
        }

        // Reviews that are already late (the service only takes future dates, so straight on the account).
        _db.ChangeTracker.Clear();
        foreach (var (customer, daysAgo, reviewer) in new[] { (6, 10, Deniz), (10, 3, Cemile), (19, 20, Deniz) })
        {
            var account = await _db.CreditAccounts.SingleAsync(a => a.CustomerId == Id(customer), cancellationToken);
            account.CompleteReview(account.RiskCategory, _today.AddDays(-daysAgo), reviewer, _now);
        }

        await _db.SaveChangesAsync(cancellationToken);
    }
}
