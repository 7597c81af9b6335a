namespace BankOffice.Api.Infrastructure;

public static class TimeProviderExtensions
{
    /// <summary>The business date: today in UTC, on the clock the app runs on (the database's, or a test's).</summary>
    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
