namespace BankOffice.Api.Collections;

public sealed class CollectionsOptions
{
    public const string SectionName = "Collections";

    /// <summary>How often the sweep resolves promises, settles payment plans and applies due limit changes; zero turns the background sweep off.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Days after an installment's due date before it counts as missed.</summary>
    public int InstallmentGraceDays { get; set; }
}
