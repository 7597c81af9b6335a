namespace BankOffice.Core.Common;

/// <summary>Currencies the bank books in (seed 004). Stored by name.</summary>
public enum Currency
{
    TRY,
    USD,
    EUR,
    GBP,
}

public static class CurrencyInfo
{
    public static string Symbol(Currency currency) => currency switch
    {
        Currency.TRY => "₺",
        Currency.USD => "$",
        Currency.EUR => "€",
        Currency.GBP => "£",
        _ => currency.ToString(),
    };

    public static string DisplayName(Currency currency) => currency switch
    {
        Currency.TRY => "Turkish Lira",
        Currency.USD => "US Dollar",
        Currency.EUR => "Euro",
        Currency.GBP => "British Pound",
        _ => currency.ToString(),
    };
}
