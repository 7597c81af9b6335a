using System.Globalization;

namespace BankOffice.Core.Common;

/// <summary>
/// An amount in a currency. Always <see cref="decimal"/>, at most <see cref="Scale"/> decimals
/// (the database stores numeric(19,4)); arithmetic across currencies is refused.
/// </summary>
public readonly record struct Money
{
    public const int Scale = 4;
    public const int Precision = 19;

    /// <summary>Largest absolute amount that fits numeric(19,4).</summary>
    public static readonly decimal MaxAbsolute = 999_999_999_999_999.9999m;

    public Money(decimal amount, Currency currency)
    {
        if (decimal.Round(amount, Scale) != amount)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"Amount {amount.ToString(CultureInfo.InvariantCulture)} has more than {Scale} decimals.");
        }

        if (Math.Abs(amount) > MaxAbsolute)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "Amount is out of range.");
        }

        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }
    public Currency Currency { get; }

    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>
    /// The same value written with exactly <see cref="Scale"/> decimals (100.5 becomes 100.5000), as
    /// PostgreSQL returns numeric(19,4), so an answer built in memory reads the same as one read back.
    /// </summary>
    public static decimal AtScale(decimal value) => decimal.Round(value, Scale) + 0.0000m;

    public bool IsZero => Amount == 0m;
    public bool IsNegative => Amount < 0m;

    public static Money operator +(Money left, Money right) => new(left.Amount + SameCurrency(left, right).Amount, left.Currency);
    public static Money operator -(Money left, Money right) => new(left.Amount - SameCurrency(left, right).Amount, left.Currency);
    public static Money operator -(Money value) => new(-value.Amount, value.Currency);

    public override string ToString() => $"{Amount.ToString("N2", CultureInfo.InvariantCulture)} {Currency}";

    private static Money SameCurrency(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw DomainException.Rule("CURRENCY_MISMATCH", $"Cannot combine {left.Currency} and {right.Currency}.");
        }

        return right;
    }
}
