using System.Globalization;
using BankOffice.Core.Collections;

namespace BankOffice.Core.Tests.Collections;

public class PromiseRulesTests
{
    [Theory]
    [InlineData(20, "50000", PromiseStatus.KEPT)] // kept before the date
    [InlineData(20, "60000", PromiseStatus.KEPT)] // paying more also keeps it
    [InlineData(25, "50000", PromiseStatus.KEPT)] // exactly the amount on the date
    [InlineData(20, "0", PromiseStatus.OPEN)]
    [InlineData(25, "0", PromiseStatus.OPEN)] // the promise date itself is still in time
    [InlineData(25, "49999.99", PromiseStatus.OPEN)] // one cent short, but the day is not over
    [InlineData(26, "0", PromiseStatus.BROKEN)] // nothing paid, the day after
    [InlineData(26, "49999.99", PromiseStatus.BROKEN)] // a partial payment does not keep it
    [InlineData(31, "20000", PromiseStatus.BROKEN)]
    public void Evaluate_PaidByDayOfJanuary_KeptOpenOrBroken(int day, string paid, PromiseStatus expected)
    {
        // Seed 003's promise: 50,000 by 25 January 2024.
        PromiseRules.Evaluate(50_000m, new DateOnly(2024, 1, 25), decimal.Parse(paid, CultureInfo.InvariantCulture), new DateOnly(2024, 1, day))
            .Should().Be(expected);
    }
}
