using System.Globalization;
using BankOffice.Core.Collections;
using BankOffice.Core.Common;

namespace BankOffice.Core.Tests.Collections;

public class PromiseToPayTests
{
    // Seed 003's call: on 20 January 2024 the customer promised 50,000 by 25 January.
    private static readonly DateOnly Today = new(2024, 1, 20);
    private static readonly DateTimeOffset MadeAt = new(2024, 1, 20, 11, 15, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ResolvedAt = new(2024, 1, 26, 0, 10, 0, TimeSpan.Zero);

    private static PromiseToPay Make(decimal amount = 50_000m, DateOnly? promiseDate = null) =>
        PromiseToPay.Make(Guid.Parse("11111111-2222-4333-8444-555555555555"), "C001234", Currency.TRY, amount, promiseDate ?? new DateOnly(2024, 1, 25), Today,
            "collector.can", MadeAt);

    [Fact]
    public void Make_FutureDate_IsOpenAndCountsPaymentsFromToday()
    {
        var promise = Make();

        promise.Status.Should().Be(PromiseStatus.OPEN);
        promise.Amount.Should().Be(50_000m);
        promise.PromiseDate.Should().Be(new DateOnly(2024, 1, 25));
        promise.MadeOn.Should().Be(Today);
        promise.PaidAmount.Should().BeNull();
        promise.ResolvedAt.Should().BeNull();
    }

    [Fact]
    public void Make_DueToday_IsAccepted() => Make(promiseDate: Today).PromiseDate.Should().Be(Today);

    [Theory]
    [InlineData("0")]
    [InlineData("-100")]
    [InlineData("100.005")]
    public void Make_AmountNotPositiveOrWithThreeDecimals_IsRefused(string amount) =>
        ShouldBeInvalid(() => Make(amount: decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Fact]
    public void Make_DateYesterday_IsRefused() => ShouldBeInvalid(() => Make(promiseDate: new DateOnly(2024, 1, 19)));

    private static void ShouldBeInvalid(Action act) =>
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationError);

    [Theory]
    [InlineData(PromiseStatus.KEPT)]
    [InlineData(PromiseStatus.BROKEN)]
    [InlineData(PromiseStatus.CANCELLED)] // replaced by a newer promise
    public void Resolve_Open_RecordsOutcomeAndPaid(PromiseStatus outcome)
    {
        var promise = Make();

        promise.Resolve(outcome, 20_000m, ResolvedAt).Should().BeTrue();

        promise.Status.Should().Be(outcome);
        promise.PaidAmount.Should().Be(20_000m);
        promise.ResolvedAt.Should().Be(ResolvedAt);
    }

    [Fact]
    public void Resolve_AlreadyResolved_ChangesNothing()
    {
        // A late payment must not turn a broken promise into a kept one.
        var promise = Make();
        promise.Resolve(PromiseStatus.BROKEN, 20_000m, ResolvedAt);

        promise.Resolve(PromiseStatus.KEPT, 50_000m, ResolvedAt.AddDays(2)).Should().BeFalse();

        promise.Status.Should().Be(PromiseStatus.BROKEN);
        promise.PaidAmount.Should().Be(20_000m);
        promise.ResolvedAt.Should().Be(ResolvedAt);
    }

    [Fact]
    public void Resolve_ToOpen_ChangesNothing()
    {
        var promise = Make();

        promise.Resolve(PromiseStatus.OPEN, 0m, ResolvedAt).Should().BeFalse();

        promise.ResolvedAt.Should().BeNull();
        promise.PaidAmount.Should().BeNull();
    }
}
