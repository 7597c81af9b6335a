using System.ComponentModel.DataAnnotations;
using BankOffice.Core.Statements;

namespace BankOffice.Web.Features.Statements;

public sealed partial class StatementRunForm
{
    /// <summary>A run of a closed period in at least one of the formats the run stores (PDF by default, as Statements:RunFormats).</summary>
    public sealed class InputModel : IValidatableObject
    {
        [Required(ErrorMessage = "Choose the closed period to run statements for.")]
        public string? Period { get; set; }

        public bool Pdf { get; set; } = true;

        public bool Excel { get; set; }

        public bool Csv { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!Pdf && !Excel && !Csv)
            {
                yield return new ValidationResult("Choose at least one format to store.", [nameof(Pdf)]);
            }
        }

        public StartStatementRunRequest ToRequest()
        {
            var formats = new List<string>();
            if (Pdf)
            {
                formats.Add("pdf");
            }

            if (Excel)
            {
                formats.Add("excel");
            }

            if (Csv)
            {
                formats.Add("csv");
            }

            return new StartStatementRunRequest(Period, formats);
        }
    }
}
