using System.Globalization;
using BankOffice.Core.Collections;

namespace BankOffice.Web.Features.PaymentPlans;

public partial class PlanEditor
{
    /// <summary>The plan editor's fields, as typed; checked as you type with Core's <see cref="PaymentPlanRules.Problems"/>.</summary>
    public sealed class InputModel
    {
        public string? TotalAmount { get; set; }
        public string? DownPayment { get; set; }
        public DateOnly? StartDate { get; set; }
        public int? Installments { get; set; }
        public string? Notes { get; set; }
        public List<Row> Schedule { get; set; } = [];

        public decimal? Total => Number(TotalAmount);

        /// <summary>Empty means no down payment.</summary>
        public decimal? Down => string.IsNullOrWhiteSpace(DownPayment) ? 0m : Number(DownPayment);

        /// <summary>The down payment plus every installment typed so far.</summary>
        public decimal Scheduled => (Down ?? 0m) + Schedule.Sum(r => Number(r.Amount) ?? 0m);

        public bool CanSpread => Total is { } total && Down is { } down && total > down && StartDate is not null && Installments is >= 1 and <= PaymentPlanRules.MaxInstallments;

        /// <summary>What stops the plan being saved: unreadable fields first, then the API's own rules.</summary>
        public IReadOnlyList<string> Problems(DateOnly today)
        {
            var unreadable = new List<string>();
            if (Total is null)
            {
                unreadable.Add("Enter the total as a number such as 1500.00.");
            }

            if (Down is null)
            {
                unreadable.Add("Enter the down payment as a number such as 250.00 (or leave it empty).");
            }

            if (StartDate is null)
            {
                unreadable.Add("Choose the start date.");
            }

            unreadable.AddRange(Schedule.Select((r, i) => (r, i)).Where(x => x.r.DueDate is null || Number(x.r.Amount) is null)
                .Select(x => $"Installment {x.i + 1} needs a due date and an amount."));
            return unreadable.Count > 0 ? unreadable : PaymentPlanRules.Problems(Total!.Value, Down!.Value, Installments ?? 0, StartDate!.Value, Lines(), today);
        }

        public void SpreadEvenly()
        {
            if (CanSpread)
            {
                Schedule = ScheduleBuilder.SpreadEvenly(Total!.Value - Down!.Value, Installments!.Value, StartDate!.Value)
                    .Select(l => new Row { DueDate = l.DueDate, Amount = l.Amount.ToString("0.00", CultureInfo.InvariantCulture) }).ToList();
            }
        }

        public void AddRow()
        {
            Schedule.Add(new Row { DueDate = (Schedule.LastOrDefault()?.DueDate ?? StartDate)?.AddMonths(1) });
            Installments = Schedule.Count;
        }

        public void RemoveRow(Row row)
        {
            Schedule.Remove(row);
            Installments = Schedule.Count;
        }

        public PaymentPlanRequest ToRequest(string customerId) => new()
        {
            CustomerId = customerId,
            TotalAmount = Total,
            DownPayment = Down,
            Installments = Installments,
            StartDate = StartDate,
            Schedule = Lines().Select(l => new ScheduleLineRequest { DueDate = l.DueDate, Amount = l.Amount }).ToList(),
            Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
        };

        private List<ScheduleLine> Lines() => Schedule.Select(r => new ScheduleLine(r.DueDate!.Value, Number(r.Amount)!.Value)).ToList();

        private static decimal? Number(string? text) =>
            decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>One schedule row as typed.</summary>
    public sealed class Row
    {
        public DateOnly? DueDate { get; set; }
        public string? Amount { get; set; }
    }
}
