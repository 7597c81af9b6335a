using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Ledger;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Transactions;

/// <summary>The fields of a deposit or withdrawal; the transfer form extends it with the target.</summary>
public class AmountInputModel
{
    [Required(ErrorMessage = "Please enter the account number.")]
    [StringLength(BankOffice.Core.Accounts.AccountNumber.MaxLength)]
    public string? AccountNumber { get; set; }

    /// <summary>Typed text, parsed with <see cref="AmountInput"/> (positive, at most 4 decimals).</summary>
    [Amount]
    public string? Amount { get; set; }

    [StringLength(JournalEntry.DescriptionMaxLength, ErrorMessage = "The description has at most 500 characters.")]
    public string? Description { get; set; }

    public string? TrimmedDescription => string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
}
