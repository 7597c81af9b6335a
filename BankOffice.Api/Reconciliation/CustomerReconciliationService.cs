using BankOffice.Api.Customers;
using BankOffice.Api.Infrastructure;
using BankOffice.Api.Receivables;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;
using BankOffice.Core.Reconciliation;
using BankOffice.Core.Security;
using BankOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BankOffice.Api.Reconciliation;

/// <summary>
/// Seed 003's customer reconciliation: the balance a customer confirms against ours on a date, and
/// the invoices they dispute. Staff record it (collection.manage or payment.process): its disputes
/// take money out of the collections queue, and disputes are a staff action everywhere else too. A
/// customer may read their own reconciliations, never another's.
/// </summary>
public sealed class CustomerReconciliationService(BankOfficeDbContext db, DisputeService disputes, CustomerService customers, TimeProvider time)
{
    public const int InvoiceIdMaxLength = 40;

    /// <summary>
    /// Compares, opens every dispute through <see cref="DisputeService"/> and stores the
    /// reconciliation in one transaction under the customer's credit account lock: a bad invoice or a
    /// dispute above what is owed saves nothing.
    /// </summary>
    public async Task<CustomerReconciliationDto> CreateAsync(CurrentUser user, string customerId, CustomerReconciliationRequest request, CancellationToken cancellationToken)
    {
        if (user.IsCustomerOnly || !(user.Has(Permissions.CollectionManage) || user.Has(Permissions.PaymentProcess)))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Customer reconciliations are recorded by staff with collection.manage or payment.process.");
        }

        var date = request.ReconciliationDate!.Value;
        if (date > time.Today())
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "The reconciliation date cannot be in the future.");
        }

        var customerBalance = request.CustomerBalance!.Value;
        if (decimal.Round(customerBalance, Money.Scale) != customerBalance)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"The customer balance has at most {Money.Scale} decimals.");
        }

        var wanted = request.Disputes ?? [];
        CheckDisputes(wanted);
        var customer = await customers.FindVisibleAsync(user, customerId, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.LockCreditAccountAsync(customer.Id, cancellationToken);
        var invoiceIds = new List<Guid>();
        foreach (var dispute in wanted)
        {
            invoiceIds.Add(await InvoiceOfAsync(customer.Id, dispute.InvoiceId!.Trim(), cancellationToken));
        }

        // What they owed at the end of the day (as the aging rebuilds it) less the credit they hold with us now.
        var owed = (await AgingQuery.InvoicesAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), date, customer.Id, cancellationToken))
            .Where(i => i.CustomerId == customer.Id).Sum(i => i.Outstanding);
        var ourBalance = owed - account.UnallocatedCredit;

        var raised = new List<InvoiceDisputeDto>();
        for (var i = 0; i < wanted.Count; i++)
        {
            raised.Add(await disputes.RaiseWithinTransactionAsync(invoiceIds[i], wanted[i].DisputeAmount!.Value, wanted[i].Reason!.Trim(), user.Name, cancellationToken));
        }

        var reconciliation = new CustomerReconciliation(Guid.CreateVersion7(), customer.Id, account.Currency, date, customerBalance, ourBalance, raised.Sum(d => d.Amount),
            raised.Select(d => d.DisputeId).ToList(), string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(), user.Name, time.GetUtcNow());
        db.CustomerReconciliations.Add(reconciliation);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToDto(reconciliation, raised);
    }

    /// <summary>A customer's past reconciliations, newest date first, with their disputes as they stand now.</summary>
    public async Task<PagedResult<CustomerReconciliationDto>> ListAsync(CurrentUser user, string customerId, int page, int size, CancellationToken cancellationToken)
    {
        if (!user.IsCustomerOnly && !(user.Has(Permissions.CollectionManage) || user.Has(Permissions.PaymentProcess)))
        {
            throw new DomainException(DomainErrorKind.Forbidden, ErrorCodes.Forbidden, "Customer reconciliations are read by staff with collection.manage or payment.process, or by the customer.");
        }

        var customer = await customers.FindVisibleAsync(user, customerId, cancellationToken);
        var result = await db.CustomerReconciliations.AsNoTracking().Where(r => r.CustomerId == customer.Id)
            .OrderByDescending(r => r.ReconciliationDate).ThenByDescending(r => r.CreatedAt)
            .ToPageAsync(page, size, r => r, cancellationToken);
        var disputeIds = result.Data.SelectMany(r => r.DisputeIds).ToList();
        var found = await db.InvoiceDisputes.AsNoTracking().Where(d => disputeIds.Contains(d.Id))
            .Join(db.Invoices, d => d.InvoiceId, i => i.Id, (d, i) => new { Dispute = d, i.Number })
            .ToListAsync(cancellationToken);
        var byId = found.ToDictionary(x => x.Dispute.Id, x => DisputeService.ToDto(x.Dispute, x.Number));
        return new PagedResult<CustomerReconciliationDto>(
            result.Data.Select(r => ToDto(r, r.DisputeIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList())).ToList(), result.Pagination);
    }

    /// <summary>Every dispute line's problems at once (400 INVALID_DISPUTES, details.problems with the line from 1), before anything is read or locked.</summary>
    private static void CheckDisputes(IReadOnlyList<ReconciliationDisputeRequest> wanted)
    {
        var problems = new List<StatementProblem>();
        for (var i = 0; i < wanted.Count; i++)
        {
            var (line, dispute) = (i + 1, wanted[i]);
            if (string.IsNullOrWhiteSpace(dispute.InvoiceId) || dispute.InvoiceId.Trim().Length > InvoiceIdMaxLength)
            {
                problems.Add(new(line, "invoiceId", "the invoice number (INV-2026-000123) or id is missing or too long."));
            }

            if (dispute.DisputeAmount is not { } amount || amount <= 0 || decimal.Round(amount, 2) != amount)
            {
                problems.Add(new(line, "disputeAmount", "the disputed amount is greater than zero, with at most 2 decimals."));
            }

            if (dispute.Reason?.Trim() is not { Length: >= 3 and <= Core.Receivables.InvoiceDispute.ReasonMaxLength })
            {
                problems.Add(new(line, "reason", $"the reason has 3 to {Core.Receivables.InvoiceDispute.ReasonMaxLength} characters."));
            }
        }

        if (problems.Count > 0)
        {
            throw DomainException.Rule(ReconciliationErrors.InvalidDisputes, string.Join(" ", problems.Select(p => $"Dispute {p.Line}: {p.Message}")),
                new Dictionary<string, object?> { ["problems"] = problems });
        }
    }

    private async Task<Guid> InvoiceOfAsync(string customerId, string idOrNumber, CancellationToken cancellationToken)
    {
        var invoice = (Guid.TryParse(idOrNumber, out var id)
            ? await db.Invoices.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Id, i.Number, i.CustomerId }).SingleOrDefaultAsync(cancellationToken)
            : await db.Invoices.AsNoTracking().Where(i => i.Number == idOrNumber.ToUpperInvariant()).Select(i => new { i.Id, i.Number, i.CustomerId }).SingleOrDefaultAsync(cancellationToken))
            ?? throw DomainException.NotFound(ReceivablesService.InvoiceNotFound, $"Invoice not found: {idOrNumber}");
        if (invoice.CustomerId != customerId)
        {
            throw DomainException.Rule(ReconciliationErrors.InvoiceOfAnotherCustomer, $"Invoice {invoice.Number} is not an invoice of customer {customerId}.",
                new Dictionary<string, object?> { ["invoiceNumber"] = invoice.Number, ["customerId"] = customerId });
        }

        return invoice.Id;
    }

    private static CustomerReconciliationDto ToDto(CustomerReconciliation r, IReadOnlyList<InvoiceDisputeDto> disputes) => new(
        r.Id, r.CustomerId, r.Currency, r.ReconciliationDate, M(r.OurBalance), M(r.CustomerBalance), M(r.Difference), M(r.Disputed), M(r.Difference - r.Disputed),
        disputes, r.Notes, r.CreatedBy, r.CreatedAt);

    private static decimal M(decimal value) => Money.AtScale(value);
}
