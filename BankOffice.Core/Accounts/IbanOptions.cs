namespace BankOffice.Core.Accounts;

/// <summary>
/// How the bank forms the IBANs of its accounts: country code, then the check digits, then the BBAN
/// <c>{BankCode}{Reserved}{serial padded to AccountDigits}</c>. The default is the Turkish format of
/// seed 004: TR + 2 check + 5 bank code + 1 reserved + 16 account digits = 26 characters.
/// </summary>
public sealed class IbanOptions
{
    public const string SectionName = "Iban";

    public string CountryCode { get; set; } = "TR";
    public string BankCode { get; set; } = "00062";
    public string Reserved { get; set; } = "0";
    public int AccountDigits { get; set; } = 16;

    public Iban ForSerial(long serial)
    {
        if (serial <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(serial), "IBAN serials start at 1.");
        }

        var account = serial.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(AccountDigits, '0');
        if (account.Length > AccountDigits)
        {
            throw new InvalidOperationException("The IBAN account-number space is exhausted.");
        }

        return Iban.Create(CountryCode, BankCode + Reserved + account);
    }
}
