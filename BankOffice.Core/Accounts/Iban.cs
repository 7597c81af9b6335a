using System.Numerics;
using System.Text;

namespace BankOffice.Core.Accounts;

/// <summary>
/// An International Bank Account Number (ISO 13616), validated with the MOD-97 check (ISO 7064)
/// and the registered length of its country. Stored and compared in electronic form
/// (upper case, no spaces); <see cref="ToPrintString"/> gives the paper form in groups of four.
/// </summary>
public readonly record struct Iban
{
    public const int MaxLength = 34;

    // Registered lengths (SWIFT IBAN registry) for the countries a European or Turkish bank meets most.
    private static readonly Dictionary<string, int> CountryLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AT"] = 20, ["AZ"] = 28, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BR"] = 29,
        ["CH"] = 21, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24,
        ["FI"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GR"] = 27, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22,
        ["IL"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LI"] = 21,
        ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MT"] = 31, ["NL"] = 18, ["NO"] = 15, ["PK"] = 24,
        ["PL"] = 28, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["SA"] = 24, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24,
        ["SM"] = 27, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29,
    };

    private Iban(string value) => Value = value;

    public string Value { get; }

    public string CountryCode => Value[..2];

    public override string ToString() => Value;

    public string ToPrintString()
    {
        var value = Value;
        return string.Join(' ', value.Chunk(4).Select(group => new string(group)));
    }

    public static Iban Parse(string? input) =>
        TryParse(input, out var iban, out var error) ? iban : throw Common.DomainException.Invalid(Common.ErrorCodes.InvalidIban, error!);

    public static bool IsValid(string? input) => TryParse(input, out _, out _);

    public static bool TryParse(string? input, out Iban iban, out string? error)
    {
        iban = default;
        var normalized = Normalize(input);
        if (normalized.Length < 5 || normalized.Length > MaxLength)
        {
            error = "An IBAN has between 5 and 34 characters.";
            return false;
        }

        if (!char.IsAsciiLetterUpper(normalized[0]) || !char.IsAsciiLetterUpper(normalized[1]) ||
            !char.IsAsciiDigit(normalized[2]) || !char.IsAsciiDigit(normalized[3]))
        {
            error = "An IBAN starts with a two-letter country code and two check digits.";
            return false;
        }

        if (!normalized.All(char.IsAsciiLetterOrDigit))
        {
            error = "An IBAN holds only letters and digits.";
            return false;
        }

        if (CountryLengths.TryGetValue(normalized[..2], out var expected) && normalized.Length != expected)
        {
            error = $"A {normalized[..2]} IBAN has {expected} characters, not {normalized.Length}.";
            return false;
        }

        if (Mod97(normalized[4..] + normalized[..4]) != 1)
        {
            error = "The IBAN check digits are wrong (MOD-97).";
            return false;
        }

        iban = new Iban(normalized);
        error = null;
        return true;
    }

    /// <summary>Builds an IBAN from a country code and a BBAN, computing the check digits (98 - mod97).</summary>
    public static Iban Create(string countryCode, string bban)
    {
        var country = countryCode.ToUpperInvariant();
        var body = Normalize(bban);
        var check = 98 - Mod97(body + country + "00");
        return Parse($"{country}{check:00}{body}");
    }

    private static string Normalize(string? input) =>
        (input ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static int Mod97(string rearranged)
    {
        // Letters become two digits (A=10 ... Z=35); the number can exceed 64 bits.
        var digits = new StringBuilder(rearranged.Length * 2);
        foreach (var c in rearranged)
        {
            digits.Append(char.IsAsciiDigit(c) ? (c - '0').ToString(System.Globalization.CultureInfo.InvariantCulture) : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return (int)(BigInteger.Parse(digits.ToString(), System.Globalization.CultureInfo.InvariantCulture) % 97);
    }
}
