using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Credit;

namespace BankOffice.Web.Features.Credit;

public sealed partial class ApplicationForm
{
    /// <summary>The application form: typed numbers as text, trade references as editable rows.</summary>
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Please choose the customer.")]
        [StringLength(BankOffice.Core.Customers.Customer.IdMaxLength)]
        public string? CustomerId { get; set; }

        [Display(Name = "requested limit")]
        [DecimalText(0, 999_999_999_999_999, Required = true, ExclusiveMin = true)]
        public string? RequestedLimit { get; set; }

        [Required(ErrorMessage = "Please explain why the customer needs this limit.")]
        [StringLength(CreditApplication.TextMaxLength, MinimumLength = 3, ErrorMessage = "The justification must be 3 to 1000 characters.")]
        public string? Justification { get; set; }

        [Display(Name = "annual revenue")]
        [DecimalText(0, 999_999_999_999_999)]
        public string? AnnualRevenue { get; set; }

        [Display(Name = "current ratio")]
        [DecimalText(0, 1000)]
        public string? CurrentRatio { get; set; }

        [Display(Name = "debt ratio")]
        [DecimalText(0, 1000)]
        public string? DebtRatio { get; set; }

        [TradeReferences]
        public List<ReferenceInput> References { get; set; } = [];

        public bool CanAddReference => References.Count < CreditApplication.MaxTradeReferences;

        public CreditApplicationRequest ToRequest() => new()
        {
            CustomerId = CustomerId?.Trim().ToUpperInvariant(),
            RequestedLimit = DecimalTextAttribute.Parse(RequestedLimit),
            Justification = Justification?.Trim(),
            FinancialData = new FinancialDataRequest
            {
                AnnualRevenue = DecimalTextAttribute.Parse(AnnualRevenue),
                CurrentRatio = DecimalTextAttribute.Parse(CurrentRatio),
                DebtRatio = DecimalTextAttribute.Parse(DebtRatio),
            },
            TradeReferences = References.Select(r => new TradeReferenceRequest { Company = r.Company?.Trim(), Contact = Text(r.Contact), Phone = Text(r.Phone) }).ToList(),
        };

        private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>One trade reference row: the company is required, contact and phone are optional.</summary>
    public sealed class ReferenceInput
    {
        public string? Company { get; set; }
        public string? Contact { get; set; }
        public string? Phone { get; set; }

        public string? Problem() =>
            string.IsNullOrWhiteSpace(Company) ? "the company is required."
            : new[] { Company, Contact, Phone }.Any(f => f?.Trim().Length > TradeReference.FieldMaxLength) ? $"each field has at most {TradeReference.FieldMaxLength} characters."
            : null;
    }

    /// <summary>Checks every trade reference row (an attribute, so it runs together with the other fields' checks).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    private sealed class TradeReferencesAttribute : ValidationAttribute
    {
        protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
        {
            var references = value as List<ReferenceInput> ?? [];
            var problems = references.Select((r, i) => r.Problem() is { } problem ? $"Trade reference {i + 1}: {problem}" : null).OfType<string>().ToList();
            if (references.Count > CreditApplication.MaxTradeReferences)
            {
                problems.Add($"At most {CreditApplication.MaxTradeReferences} trade references.");
            }

            return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join(" ", problems), [validationContext.MemberName!]);
        }
    }
}
