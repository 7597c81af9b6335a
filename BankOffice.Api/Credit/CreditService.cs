using BankOffice.Api.Customers;
using BankOffice.Api.Events;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Receivables;
using BankOffice.Core.Common;
using BankOffice.Core.Credit;
using BankOffice.Core.Events;
using BankOffice.Core.Receivables;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BankOffice.Api.Credit;

/// <summary>
/// Credit applications with maker-checker decisions, credit limit changes (a second approver above
/// the threshold, applied on their effective date, every change kept as history) and periodic
/// reviews. Changes to one customer's limit run under a lock on their credit account.
/// </summary>
public sealed class CreditService(BankOfficeDbContext db, CustomerService customers, IOptions<CreditOptions> options, TimeProvider time)
{
    public async Task<CreditApplicationDto> SubmitAsync(CurrentUser user, CreditApplicationRequest request, CancellationToken cancellationToken)
    {
        if (!user.IsCustomerOnly && !user.Has(Permissions.AccountManage) && !user.Has(Permissions.CreditApprove))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Credit applications are submitted by the customer, a teller or a credit officer.");
        }

        var customer = await customers.FindVisibleAsync(user, request.CustomerId!, cancellationToken);
        var account = await db.CreditAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == customer.Id, cancellationToken) ?? throw AccountNotFound(customer.Id);
        if (await db.CreditApplications.AnyAsync(a => a.CustomerId == customer.Id && a.Status == CreditApplicationStatus.PENDING, cancellationToken))
        {
            throw ApplicationPending(customer.Id);
        }

        var references = request.TradeReferences.Select(r => new TradeReference(r.Company!, r.Contact, r.Phone)).ToList();
        var number = CreditApplication.FormatNumber(time.Today().Year, await db.NextValueOfAsync(BankOfficeDbContext.CreditApplicationNumberSequence, cancellationToken));
        var financial = request.FinancialData;
        var application = CreditApplication.Submit(Guid.CreateVersion7(), number, customer.Id, account.Currency, account.CreditLimit, request.RequestedLimit!.Value, request.Justification!,
            financial?.AnnualRevenue, financial?.CurrentRatio, financial?.DebtRatio, references, user.Name, time.GetUtcNow());
        db.CreditApplications.Add(application);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CreditApplication.OnePendingIndex })
        {
            // Another submission for this customer committed between the check above and this insert.
            throw ApplicationPending(customer.Id);
        }

        return ToDto(application, customer.Name, null);
    }

    public async Task<PagedResult<CreditApplicationDto>> ListApplicationsAsync(CurrentUser user, CreditApplicationQuery query, CancellationToken cancellationToken)
    {
        Paging.Check(query.Page, query.Size);
        var rows = from a in db.CreditApplications.AsNoTracking().Include(a => a.TradeReferences)
                   join c in db.Customers on a.CustomerId equals c.Id
                   select new { Application = a, c.Name };
        if (user.IsCustomerOnly)
        {
            rows = rows.Where(r => r.Application.CustomerId == user.CustomerId);
        }

        if (!string.IsNullOrWhiteSpace(query.CustomerId))
        {
            rows = rows.Where(r => r.Application.CustomerId == query.CustomerId);
        }

        if (query.AwaitingMe)
        {
            rows = rows.Where(r => r.Application.Status == CreditApplicationStatus.PENDING && r.Application.SubmittedBy != user.Name);
        }
        else if (query.Status is { } status)
        {
            rows = rows.Where(r => r.Application.Status == status);
        }

        var total = await rows.LongCountAsync(cancellationToken);
        var page = await rows.OrderByDescending(r => r.Application.SubmittedAt).Skip((query.Page - 1) * query.Size).Take(query.Size).ToListAsync(cancellationToken);
        var approvals = await ApprovalIdsAsync(page.Select(r => r.Application.LimitChangeId), cancellationToken);
        return new PagedResult<CreditApplicationDto>(page.Select(r => ToDto(r.Application, r.Name, Approval(approvals, r.Application.LimitChangeId))).ToList(),
            Pagination.Of(query.Page, query.Size, total));
    }

    public async Task<CreditApplicationDto> GetApplicationAsync(CurrentUser user, string idOrNumber, CancellationToken cancellationToken)
    {
        var application = await FindApplicationAsync(idOrNumber, tracking: false, cancellationToken);
        var customer = await customers.FindVisibleAsync(user, application.CustomerId, cancellationToken);
        var approvals = await ApprovalIdsAsync([application.LimitChangeId], cancellationToken);
        return ToDto(application, customer.Name, Approval(approvals, application.LimitChangeId));
    }

    /// <summary>
    /// Seed 003's decision. Never by the submitter; an approval or counter-offer becomes a limit
    /// change approved by the decider, applied on its effective date (today: at once).
    /// </summary>
    public async Task<CreditApplicationDto> DecideAsync(CurrentUser user, string idOrNumber, CreditDecisionRequest request, CancellationToken cancellationToken)
    {
        RequireApprover(user, request.ApprovedBy);
        var today = time.Today();
        var effective = EffectiveDate(request.EffectiveDate, today);

        var found = await FindApplicationAsync(idOrNumber, tracking: false, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(found.CustomerId, cancellationToken);
        var application = await db.CreditApplications.Include(a => a.TradeReferences).SingleAsync(a => a.Id == found.Id, cancellationToken);
        var decision = request.Decision!.Value;
        var review = request.ReviewDate ?? (decision == CreditDecisionType.REJECTED ? null : effective.AddMonths(options.Value.DefaultReviewMonths));
        application.Decide(decision, request.ApprovedLimit, request.Conditions, effective, review, request.Notes, user.Name, time.GetUtcNow());
        string? approvalId = null;
        if (application.ApprovedLimit is { } limit && limit != account.CreditLimit)
        {
            await RequireNoPendingChangeAsync(account.CustomerId, cancellationToken);
            var change = CreditLimitChange.Request(Guid.CreateVersion7(), await NextApprovalIdAsync(cancellationToken), account.CustomerId, account.Currency, account.CreditLimit, limit,
                effective, review, Clip($"Credit application {application.Number}: {application.Justification}", CreditLimitChange.ReasonMaxLength),
                LimitChangeSource.APPLICATION, application.Id, application.SubmittedBy, user.Name, time.GetUtcNow());
            db.CreditLimitChanges.Add(change);
            ApplyIfDue(account, change, today);
            application.LinkLimitChange(change.Id);
            approvalId = change.ApprovalId;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var name = await db.Customers.Where(c => c.Id == application.CustomerId).Select(c => c.Name).SingleAsync(cancellationToken);
        return ToDto(application, name, approvalId);
    }

    /// <summary>
    /// Seed 003's "Update Credit Limit". An increase above the threshold waits for a second approver
    /// (PENDING_APPROVAL); otherwise the caller approves it and it applies on its effective date.
    /// </summary>
    public async Task<CreditLimitResponse> ChangeLimitAsync(CurrentUser user, string customerId, CreditLimitRequest request, CancellationToken cancellationToken)
    {
        RequireApprover(user, request.ApprovedBy);
        var today = time.Today();
        var effective = EffectiveDate(request.EffectiveDate, today);

        await customers.FindVisibleAsync(user, customerId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(customerId, cancellationToken);
        await RequireNoPendingChangeAsync(customerId, cancellationToken);
        var newLimit = request.NewLimit!.Value;
        var secondApprover = options.Value.NeedsSecondApprover(account.CreditLimit, newLimit);
        var change = CreditLimitChange.Request(Guid.CreateVersion7(), await NextApprovalIdAsync(cancellationToken), customerId, account.Currency, account.CreditLimit, newLimit,
            effective, request.ReviewDate, request.Reason!, LimitChangeSource.MANUAL, null, user.Name, secondApprover ? null : user.Name, time.GetUtcNow());
        db.CreditLimitChanges.Add(change);
        ApplyIfDue(account, change, today);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Response(change);
    }

    public async Task<CreditLimitChangeDto> ApproveChangeAsync(CurrentUser user, string approvalId, CancellationToken cancellationToken)
    {
        RequireApprover(user, null);
        var found = await FindChangeAsync(approvalId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(found.CustomerId, cancellationToken);
        var change = await db.CreditLimitChanges.SingleAsync(c => c.Id == found.Id, cancellationToken);
        change.Approve(user.Name, time.GetUtcNow());
        ApplyIfDue(account, change, time.Today());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await ChangesAsync(db.CreditLimitChanges.Where(c => c.Id == change.Id), cancellationToken)).Single();
    }

    public async Task<CreditLimitChangeDto> RejectChangeAsync(CurrentUser user, string approvalId, LimitChangeRejectRequest request, CancellationToken cancellationToken)
    {
        RequireApprover(user, null);
        var change = await FindChangeAsync(approvalId, cancellationToken);
        db.Attach(change);
        change.Reject(user.Name, request.Reason!);
        await db.SaveChangesAsync(cancellationToken);
        return (await ChangesAsync(db.CreditLimitChanges.Where(c => c.Id == change.Id), cancellationToken)).Single();
    }

    /// <summary>Every limit change of a customer, newest first (the customer may read their own).</summary>
    public async Task<IReadOnlyList<CreditLimitChangeDto>> HistoryAsync(CurrentUser user, string customerId, CancellationToken cancellationToken)
    {
        await customers.FindVisibleAsync(user, customerId, cancellationToken);
        if (!await db.CreditAccounts.AnyAsync(a => a.CustomerId == customerId, cancellationToken))
        {
            throw AccountNotFound(customerId);
        }

        return await ChangesAsync(db.CreditLimitChanges.Where(c => c.CustomerId == customerId), cancellationToken);
    }

    public Task<IReadOnlyList<CreditLimitChangeDto>> ListChangesAsync(LimitChangeStatus? status, CancellationToken cancellationToken) =>
        ChangesAsync(status is { } s ? db.CreditLimitChanges.Where(c => c.Status == s) : db.CreditLimitChanges, cancellationToken, 200);

    /// <summary>
    /// Accounts whose review is due by <see cref="CreditReviewQuery.DueDate"/> (default today); an
    /// account never reviewed is due from the day it was opened. Soonest first.
    /// </summary>
    public async Task<PagedResult<CreditReviewDueDto>> ReviewsDueAsync(CurrentUser user, CreditReviewQuery query, CancellationToken cancellationToken)
    {
        Paging.Check(query.Page, query.Size);
        var today = time.Today();
        var due = query.DueDate ?? today;
        var rows = from a in db.CreditAccounts.AsNoTracking()
                   join c in db.Customers on a.CustomerId equals c.Id
                   where a.NextReviewDate == null || a.NextReviewDate <= due
                   select new { Account = a, c.Name };
        if (query.Category is { } category)
        {
            rows = rows.Where(r => r.Account.RiskCategory == category);
        }

        if (!string.IsNullOrWhiteSpace(query.Reviewer))
        {
            var reviewer = string.Equals(query.Reviewer, "me", StringComparison.OrdinalIgnoreCase) ? user.Name : query.Reviewer.Trim();
            rows = rows.Where(r => r.Account.Reviewer == reviewer);
        }

        var total = await rows.LongCountAsync(cancellationToken);
        // Never reviewed (no date) sorts first: such an account has been due since it was opened.
        var page = await rows.OrderBy(r => r.Account.NextReviewDate.HasValue).ThenBy(r => r.Account.NextReviewDate).ThenBy(r => r.Account.CreatedAt).ThenBy(r => r.Account.CustomerId)
            .Skip((query.Page - 1) * query.Size).Take(query.Size).ToListAsync(cancellationToken);
        var ids = page.Select(r => r.Account.CustomerId).ToList();
        var exposure = await OpenExposures.Of(db).Where(e => ids.Contains(e.CustomerId)).ToDictionaryAsync(e => e.CustomerId, cancellationToken);
        return new PagedResult<CreditReviewDueDto>(page.Select(r =>
        {
            var owed = exposure.GetValueOrDefault(r.Account.CustomerId);
            var credit = CreditStatusRules.Assess(owed?.Owed ?? 0m, r.Account.UnallocatedCredit, r.Account.CreditLimit, owed?.OldestDue, today);
            var reviewDue = r.Account.NextReviewDate ?? DateOnly.FromDateTime(r.Account.CreatedAt.UtcDateTime);
            return new CreditReviewDueDto(r.Account.CustomerId, r.Name, r.Account.Currency, r.Account.RiskCategory, M(r.Account.CreditLimit), M(credit.Balance),
                credit.UtilisationPercent, credit.DaysOverdue, credit.Status, reviewDue, r.Account.Reviewer, reviewDue.DayNumber - today.DayNumber);
        }).ToList(), Pagination.Of(query.Page, query.Size, total));
    }

    public async Task<CreditReviewDto> CompleteReviewAsync(CurrentUser user, string customerId, CompleteReviewRequest request, CancellationToken cancellationToken)
    {
        RequireApprover(user, null);
        var next = request.NextReviewDate!.Value;
        if (next <= time.Today())
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The next review date is in the future.");
        }

        await customers.FindVisibleAsync(user, customerId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(customerId, cancellationToken);
        var review = new CreditReview(Guid.CreateVersion7(), customerId, account.RiskCategory, request.RiskCategory!.Value, next, request.Notes, user.Name, time.GetUtcNow());
        account.CompleteReview(review.RiskCategory, next, user.Name, time.GetUtcNow());
        db.CreditReviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreditReviewDto(review.Id, customerId, review.PreviousCategory, review.RiskCategory, review.NextReviewDate, review.Notes, review.ReviewedBy, review.ReviewedAt);
    }

    /// <summary>Applies every approved change whose effective date has come (the sweep calls this); one customer at a time, safe on several instances.</summary>
    public async Task<int> ApplyDueChangesAsync(CancellationToken cancellationToken)
    {
        var today = time.Today();
        var due = await db.CreditLimitChanges.AsNoTracking().Where(c => c.Status == LimitChangeStatus.SCHEDULED && c.EffectiveDate <= today)
            .OrderBy(c => c.EffectiveDate).ThenBy(c => c.RequestedAt).Select(c => new { c.Id, c.CustomerId }).ToListAsync(cancellationToken);
        var applied = 0;
        foreach (var item in due)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var account = await db.LockCreditAccountAsync(item.CustomerId, cancellationToken);
            var change = await db.CreditLimitChanges.SingleAsync(c => c.Id == item.Id, cancellationToken);
            if (ApplyIfDue(account, change, today))
            {
                applied++;
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return applied;
    }

    /// <summary>Sets the account's limit and records credit.limit.changed in the same unit of work.</summary>
    private bool ApplyIfDue(CreditAccount account, CreditLimitChange change, DateOnly today)
    {
        if (!change.IsDue(today))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var replaced = account.ChangeLimit(change.NewLimit, change.ReviewDate, change.ApprovedBy!, now);
        change.MarkApplied(replaced, now);
        Outbox.Record(db, EventTypes.CreditLimitChanged, "customer", account.CustomerId,
            new { customerId = account.CustomerId, oldLimit = M(replaced), newLimit = M(change.NewLimit), currency = account.Currency, approvalId = change.ApprovalId }, now);
        return true;
    }

    private static CreditLimitResponse Response(CreditLimitChange change) => new(
        true, M(change.PreviousLimit), M(change.NewLimit), change.ApprovalId, change.Status, change.EffectiveDate,
        change.Status switch
        {
            LimitChangeStatus.APPLIED => "The new limit applies now.",
            LimitChangeStatus.SCHEDULED => $"The new limit applies on {change.EffectiveDate:yyyy-MM-dd}.",
            _ => "The increase is above the second-approval threshold: it waits for a second approver.",
        });

    private async Task<IReadOnlyList<CreditLimitChangeDto>> ChangesAsync(IQueryable<CreditLimitChange> changes, CancellationToken cancellationToken, int max = 1000) =>
        await (from c in changes.AsNoTracking()
               join a in db.CreditApplications on c.ApplicationId equals a.Id into apps
               from a in apps.DefaultIfEmpty()
               join customer in db.Customers on c.CustomerId equals customer.Id
               orderby c.RequestedAt descending
               select new CreditLimitChangeDto(c.ApprovalId, c.CustomerId, c.Currency, c.PreviousLimit, c.NewLimit, c.EffectiveDate, c.ReviewDate, c.Reason, c.Source,
                   a == null ? null : a.Number, c.Status, c.RequestedBy, c.RequestedAt, c.ApprovedBy, c.ApprovedAt, c.AppliedAt, c.RejectedBy, c.RejectionReason, customer.Name))
            .Take(max).ToListAsync(cancellationToken);

    private async Task RequireNoPendingChangeAsync(string customerId, CancellationToken cancellationToken)
    {
        var pending = await db.CreditLimitChanges.Where(c => c.CustomerId == customerId && c.Status == LimitChangeStatus.PENDING_APPROVAL).Select(c => c.ApprovalId).FirstOrDefaultAsync(cancellationToken);
        if (pending is not null)
        {
            throw DomainException.Conflict(CreditErrors.LimitChangePending, $"Limit change {pending} for {customerId} is waiting for a second approver; approve or reject it first.");
        }
    }

    private async Task<string> NextApprovalIdAsync(CancellationToken cancellationToken) =>
        CreditLimitChange.FormatApprovalId(time.Today().Year, await db.NextValueOfAsync(BankOfficeDbContext.CreditApprovalSequence, cancellationToken));

    private async Task<CreditApplication> FindApplicationAsync(string idOrNumber, bool tracking, CancellationToken cancellationToken)
    {
        var applications = (tracking ? db.CreditApplications : db.CreditApplications.AsNoTracking()).Include(a => a.TradeReferences);
        return (Guid.TryParse(idOrNumber, out var id)
            ? await applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            : await applications.SingleOrDefaultAsync(a => a.Number == idOrNumber, cancellationToken))
            ?? throw DomainException.NotFound(CreditErrors.ApplicationNotFound, $"Credit application not found: {idOrNumber}");
    }

    private async Task<CreditLimitChange> FindChangeAsync(string approvalId, CancellationToken cancellationToken) =>
        await db.CreditLimitChanges.AsNoTracking().SingleOrDefaultAsync(c => c.ApprovalId == approvalId, cancellationToken)
        ?? throw DomainException.NotFound(CreditErrors.LimitChangeNotFound, $"Limit change not found: {approvalId}");

    private async Task<Dictionary<Guid, string>> ApprovalIdsAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<Guid>().ToList();
        return wanted.Count == 0 ? [] : await db.CreditLimitChanges.Where(c => wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ApprovalId, cancellationToken);
    }

    private static string? Approval(Dictionary<Guid, string> approvals, Guid? id) => id is { } value ? approvals.GetValueOrDefault(value) : null;

    /// <summary>Decisions are the signed-in approver's own: a body naming someone else is refused rather than recorded.</summary>
    private static void RequireApprover(CurrentUser user, string? approvedBy)
    {
        if (user.IsCustomerOnly || !user.Has(Permissions.CreditApprove))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Credit decisions need credit.approve.");
        }

        if (!string.IsNullOrWhiteSpace(approvedBy) && !string.Equals(approvedBy.Trim(), user.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"approvedBy is the signed-in approver ({user.Name}); a second approver approves through POST /api/v1/credit-limit-changes/{{approvalId}}/approve.");
        }
    }

    private static CreditApplicationDto ToDto(CreditApplication a, string companyName, string? approvalId) => new(
        a.Id, a.Number, a.CustomerId, companyName, a.Currency, M(a.CurrentLimit), M(a.RequestedLimit), a.Justification,
        new FinancialDataDto(a.AnnualRevenue is { } revenue ? M(revenue) : null, a.CurrentRatio, a.DebtRatio),
        a.TradeReferences.OrderBy(r => r.LineNo).Select(r => new TradeReferenceDto(r.Company, r.Contact, r.Phone)).ToList(),
        a.Status, a.SubmittedBy, a.SubmittedAt, a.DecidedBy, a.DecidedAt, a.ApprovedLimit is { } limit ? M(limit) : null, a.Conditions, a.EffectiveDate, a.ReviewDate,
        a.DecisionNotes, approvalId);

    private static decimal M(decimal value) => Money.AtScale(value);

    private static DateOnly EffectiveDate(DateOnly? requested, DateOnly today) =>
        requested is { } date && date < today ? throw DomainException.Invalid(ErrorCodes.ValidationError, "The effective date cannot be in the past.") : requested ?? today;

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];

    private static DomainException AccountNotFound(string customerId) => ReceivablesService.AccountNotFound(customerId);

    private static DomainException ApplicationPending(string customerId) =>
        DomainException.Conflict("APPLICATION_PENDING", $"Customer {customerId} already has an application waiting for a decision.");
}
