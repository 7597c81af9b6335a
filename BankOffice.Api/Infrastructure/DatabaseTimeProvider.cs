namespace BankOffice.Api.Infrastructure;

/// <summary>
/// The system clock cut to whole microseconds, PostgreSQL's timestamp precision, so that a value
/// the API returns right after a write equals the one it reads back later.
/// </summary>
public sealed class DatabaseTimeProvider : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
