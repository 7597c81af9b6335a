using System.Globalization;
using System.Numerics;
using System.Text;

namespace BankOffice.Core.Tests.Accounts;

/// <summary>
/// An ISO 7064 MOD 97-10 written from the standard, independent of the production code, so the
/// tests do not check <c>Iban</c> against itself.
/// </summary>
internal static class ReferenceMod97
{
    public static int Remainder(string iban)
    {
        var rearranged = iban[4..] + iban[..4];
        var digits = new StringBuilder();
        foreach (var c in rearranged)
        {
            digits.Append(char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture));
        }

        return (int)(BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture) % 97);
    }

    public static bool Holds(string iban) => Remainder(iban) == 1;

    /// <summary>The check digits ISO 13616 prescribes for a country and BBAN: 98 - (BBAN + country + "00") mod 97.</summary>
    public static string CheckDigits(string country, string bban) =>
        (98 - Remainder(country + "00" + bban)).ToString("00", CultureInfo.InvariantCulture);
}
