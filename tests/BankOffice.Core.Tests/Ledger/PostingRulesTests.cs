using System.Globalization;
using BankOffice.Core.Accounts;
using BankOffice.Core.Common;
using BankOffice.Core.Ledger;

namespace BankOffice.Core.Tests.Ledger;

public class PostingRulesTests
{
    private const decimal Max = 999_999_999_999_999.9999m;

    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    private static AccountSnapshot Account(decimal balance, AccountType type = AccountType.CHECKING, AccountStatus status = AccountStatus.ACTIVE, Currency currency = Currency.TRY) =>
        new(Guid.NewGuid(), "ACC-test-1", "TR330006100519786457841326", "C000001", type, currency, status, balance);

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    // ---- CheckAmount ----

    [Theory]
    [InlineData("0")]
    [InlineData("0.0000")]
    [InlineData("-0.0001")]
    [InlineData("-100")]
    public void CheckAmount_ZeroOrNegative_IsRefusedAsInvalidAmount(string amount)
    {
        var refusal = Refusal(() => PostingRules.CheckAmount(D(amount)));

        refusal.Code.Should().Be(PostingRules.InvalidAmount);
        refusal.Kind.Should().Be(DomainErrorKind.Validation);
        refusal.Details["field"].Should().Be("amount");
    }

    [Theory]
    [InlineData("0.00001")]
    [InlineData("10.12345")]
    [InlineData("1.00005")]
    public void CheckAmount_FiveDecimals_IsRefused(string amount)
    {
        Refusal(() => PostingRules.CheckAmount(D(amount))).Code.Should().Be(PostingRules.InvalidAmount);
    }

    [Theory]
    [InlineData("1000000000000000")]
    [InlineData("79228162514264337593543950335")]
    public void CheckAmount_BeyondNumeric19_4_IsRefused(string amount)
    {
        Refusal(() => PostingRules.CheckAmount(D(amount))).Code.Should().Be(PostingRules.InvalidAmount);
    }

    [Theory]
    [InlineData("0.0001")]
    [InlineData("1")]
    [InlineData("123.4567")]
    [InlineData("5.10000")] // five written decimals but only four significant ones: numeric(19,4) stores it exactly
    [InlineData("999999999999999.9999")]
    public void CheckAmount_PositiveWithinScaleAndRange_ReturnsTheAmount(string amount)
    {
        PostingRules.CheckAmount(D(amount)).Should().Be(D(amount));
    }

    // ---- Apply: status x reversal ----

    [Theory]
    [InlineData(AccountStatus.ACTIVE, false, true)]
    [InlineData(AccountStatus.ACTIVE, true, true)]
    [InlineData(AccountStatus.SUSPENDED, false, false)]
    [InlineData(AccountStatus.SUSPENDED, true, true)] // a reversal may correct a suspended account
    [InlineData(AccountStatus.CLOSED, false, false)]
    [InlineData(AccountStatus.CLOSED, true, false)] // a closed account is never posted to again
    public void Apply_StatusAndReversalFlag_AllowsOnlyActiveOrReversalOnSuspended(AccountStatus status, bool isReversal, bool allowed)
    {
        var account = Account(50m, status: status);

        var act = () => PostingRules.Apply(account, 10m, Currency.TRY, isReversal);

        if (allowed)
        {
            act().Should().Be(60m);
        }
        else
        {
            var refusal = act.Should().Throw<DomainException>().Which;
            refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
            refusal.Code.Should().Be(status == AccountStatus.CLOSED ? ErrorCodes.AccountClosed : ErrorCodes.AccountNotActive);
            // Seed 004's wording, which clients match on.
            refusal.Message.Should().Be($"Cannot update balance: Account is {status}");
            refusal.Details["accountNumber"].Should().Be(account.Number);
            refusal.Details["status"].Should().Be(status.ToString());
        }
    }

    // ---- Apply: deposit accounts ----

    [Theory]
    [InlineData(AccountType.CHECKING)]
    [InlineData(AccountType.SAVINGS)]
    [InlineData(AccountType.BUSINESS)]
    public void Apply_DebitBeyondBalanceOnDepositAccount_RefusesWithExactDetails(AccountType type)
    {
        var account = Account(30.25m, type);

        var refusal = Refusal(() => PostingRules.Apply(account, -100.5m, Currency.TRY));

        refusal.Code.Should().Be(PostingRules.InsufficientBalance);
        refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
        refusal.Details["accountNumber"].Should().Be(account.Number);
        refusal.Details["currentBalance"].Should().Be(30.25m);
        refusal.Details["requestedAmount"].Should().Be(-100.5m, "seed 004 shows the requested amount signed");
        refusal.Details["shortfall"].Should().Be(100.5m - 30.25m);
    }

    [Fact]
    public void Apply_DebitOfExactlyTheBalance_LeavesZero()
    {
        PostingRules.Apply(Account(42.4242m), -42.4242m, Currency.TRY).Should().Be(0m);
    }

    [Fact]
    public void Apply_DebitOneTenThousandthBeyondBalance_IsRefused()
    {
        var refusal = Refusal(() => PostingRules.Apply(Account(42.4242m), -42.4243m, Currency.TRY));

        refusal.Details["shortfall"].Should().Be(0.0001m);
    }

    [Fact]
    public void Apply_CreditAndDebitWithinBalance_ReturnsTheNewBalance()
    {
        PostingRules.Apply(Account(100m), 0.0001m, Currency.TRY).Should().Be(100.0001m);
        PostingRules.Apply(Account(100m), -99.9999m, Currency.TRY).Should().Be(0.0001m);
    }

    [Fact]
    public void Apply_ResultBeyondNumeric19_4_IsRefused()
    {
        Refusal(() => PostingRules.Apply(Account(Max), 0.0001m, Currency.TRY)).Code.Should().Be(PostingRules.InvalidAmount);
    }

    // ---- Apply: LOAN ----

    [Fact]
    public void Apply_DebitOnLoan_DrawsDownBelowZero()
    {
        // A loan's negative balance is what the customer owes; a debit increases it.
        PostingRules.Apply(Account(0m, AccountType.LOAN), -1000m, Currency.TRY).Should().Be(-1000m);
        PostingRules.Apply(Account(-1000m, AccountType.LOAN), -250m, Currency.TRY).Should().Be(-1250m);
    }

    [Fact]
    public void Apply_CreditRepayingExactlyTheLoan_LeavesZero()
    {
        PostingRules.Apply(Account(-1000m, AccountType.LOAN), 1000m, Currency.TRY).Should().Be(0m);
    }

    [Fact]
    public void Apply_CreditAboveWhatIsOwedOnLoan_RefusesAsOverpaymentWithDetails()
    {
        var account = Account(-400m, AccountType.LOAN);

        var refusal = Refusal(() => PostingRules.Apply(account, 500.5m, Currency.TRY));

        refusal.Code.Should().Be(PostingRules.LoanOverpayment);
        refusal.Kind.Should().Be(DomainErrorKind.BusinessRule);
        refusal.Details["accountNumber"].Should().Be(account.Number);
        refusal.Details["outstanding"].Should().Be(400m);
        refusal.Details["requestedAmount"].Should().Be(500.5m);
        refusal.Details["excess"].Should().Be(500.5m - 400m);
    }

    [Fact]
    public void Apply_CreditOnLoanWithNothingOwed_IsRefused()
    {
        Refusal(() => PostingRules.Apply(Account(0m, AccountType.LOAN), 0.0001m, Currency.TRY)).Code.Should().Be(PostingRules.LoanOverpayment);
    }

    // ---- Apply: currency ----

    [Fact]
    public void Apply_OtherCurrency_RefusesAsCurrencyMismatchWithDetails()
    {
        var account = Account(100m, currency: Currency.EUR);

        var refusal = Refusal(() => PostingRules.Apply(account, 10m, Currency.USD));

        refusal.Code.Should().Be(PostingRules.CurrencyMismatch);
        refusal.Details["accountNumber"].Should().Be(account.Number);
        refusal.Details["accountCurrency"].Should().Be("EUR");
        refusal.Details["requestedCurrency"].Should().Be("USD");
    }

    [Fact]
    public void Apply_OtherCurrencyOnClosedAccount_ReportsTheCurrencyFirst()
    {
        // The currency check comes first, so a wrongly routed posting is reported as such.
        var account = Account(0m, status: AccountStatus.CLOSED, currency: Currency.GBP);

        Refusal(() => PostingRules.Apply(account, 10m, Currency.TRY)).Code.Should().Be(PostingRules.CurrencyMismatch);
    }

    [Theory]
    [InlineData("0", "0.00")]
    [InlineData("1234.5", "1234.50")]
    [InlineData("-7.1234", "-7.1234")]
    [InlineData("3.10000", "3.10")]
    public void Format_ShowsTwoToFourDecimalsInvariant(string amount, string expected)
    {
        PostingRules.Format(D(amount)).Should().Be(expected);
    }
}
