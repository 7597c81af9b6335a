using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using BankOffice.Core.Common;
using BankOffice.Core.Reconciliation;
using BankOffice.Web.Services;

namespace BankOffice.Web.Features.Reconciliation;

public enum StatementSource
{
    Upload,
    Paste,
}

public partial class StatementForm
{
    public const string CsvHeader = "date,reference,amount,type,description";

    /// <summary>The statement's fields, and its lines as an uploaded CSV file or pasted CSV text.</summary>
    public sealed class InputModel : IValidatableObject
    {
        [Required(ErrorMessage = "Please enter the bank account the statement is for.")]
        [StringLength(BankReconciliation.BankAccountMaxLength, ErrorMessage = "The bank account is too long.")]
        public string? BankAccount { get; set; }

        [Required(ErrorMessage = "Please enter the statement date.")]
        public DateOnly? StatementDate { get; set; }

        /// <summary>Typed text: the closing balance on the statement, negative when overdrawn.</summary>
        public string? StatementBalance { get; set; }

        public Currency Currency { get; set; } = Currency.TRY;

        public StatementSource Source { get; set; } = StatementSource.Upload;

        public string? Pasted { get; set; } = CsvHeader + "\n";

        /// <summary>The chosen file's bytes (read when chosen), and its name.</summary>
        public byte[]? File { get; set; }

        public string? FileName { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!TryParseBalance(StatementBalance, out _, out var error))
            {
                yield return new ValidationResult(error, [nameof(StatementBalance)]);
            }

            if (Source == StatementSource.Upload && File is not { Length: > 0 })
            {
                yield return new ValidationResult("Please choose the statement file (CSV).", [nameof(File)]);
            }

            if (Source == StatementSource.Paste && (Pasted ?? string.Empty).Trim().Split('\n').Length < 2)
            {
                yield return new ValidationResult($"Please paste the statement lines under the header {CsvHeader}.", [nameof(Pasted)]);
            }
        }

        /// <summary>Pasted lines travel as a file too, so both get the same checks and line numbers.</summary>
        public StatementUpload ToUpload() => new(
            BankAccount!.Trim(), StatementDate!.Value, ParseBalance(StatementBalance), Currency,
            Source == StatementSource.Upload ? File! : Encoding.UTF8.GetBytes(Pasted ?? string.Empty),
            Source == StatementSource.Upload ? FileName ?? "statement.csv" : "pasted.csv");

        /// <summary>A signed amount with a point or comma for decimals and at most 4 of them; zero is a valid balance.</summary>
        public static bool TryParseBalance(string? text, out decimal balance, out string? error)
        {
            balance = 0m;
            var value = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.');
            if (value.Length == 0)
            {
                error = "Please enter the statement balance.";
                return false;
            }

            if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out balance)
                || decimal.Round(balance, Money.Scale) != balance || Math.Abs(balance) > Money.MaxAbsolute)
            {
                error = "The balance is a number such as 2500000 or -150.25.";
                return false;
            }

            error = null;
            return true;
        }

        private static decimal ParseBalance(string? text) => TryParseBalance(text, out var balance, out var error) ? balance : throw new FormatException(error);
    }
}
