namespace BankOffice.Core.Accounts;

/// <summary>The system account number, <c>ACC-{UUID}</c> (seed 004), globally unique.</summary>
public readonly record struct AccountNumber
{
    public const string Prefix = "ACC-";
    public const int MaxLength = 50;

    private AccountNumber(string value) => Value = value;

    public string Value { get; }

    public static AccountNumber New() => new(Prefix + Guid.NewGuid().ToString("D"));

    public static bool TryParse(string? input, out AccountNumber number)
    {
        number = default;
        if (input is null || !input.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ||
            !Guid.TryParseExact(input[Prefix.Length..], "D", out var id))
        {
            return false;
        }

        number = new AccountNumber(Prefix + id.ToString("D"));
        return true;
    }

    public override string ToString() => Value;
}
