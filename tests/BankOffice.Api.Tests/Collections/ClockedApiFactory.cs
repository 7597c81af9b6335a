using BankOffice.Core.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BankOffice.Api.Tests.Collections;

/// <summary>
/// The API's clock for tests: real time plus an offset that only <see cref="Advance"/> moves, cut to
/// whole microseconds like the API's own clock. It keeps running (so "newest first" orders mean
/// something) while a test moves it days ahead to break promises, miss installments or reach the
/// effective date of a limit change.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public DateTimeOffset Now => GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void AdvanceDays(int days) => Advance(TimeSpan.FromDays(days));
}

/// <summary>Staff logins shared by the tests of one class (tests in a class run one after another).</summary>
public sealed record Staff(
    HttpClient CreditOfficer, string CreditOfficerEmail,
    HttpClient SecondOfficer, string SecondOfficerEmail,
    HttpClient Collector, string CollectorEmail,
    HttpClient OtherCollector, string OtherCollectorEmail,
    HttpClient Teller, string TellerEmail,
    HttpClient Manager) : IDisposable
{
    public void Dispose()
    {
        foreach (var client in new[] { CreditOfficer, SecondOfficer, Collector, OtherCollector, Teller, Manager })
        {
            client.Dispose();
        }
    }
}

/// <summary>
/// <see cref="ApiFactory"/> whose <see cref="TimeProvider"/> is a <see cref="TestClock"/>: "today" for
/// invoices, payments, postings, promises, plans and limit changes follows the test clock. Sign-ins
/// keep real time, so the clients signed in before the clock moves stay signed in. Open for
/// subclasses that change settings (the period close tests set their own rates and batches).
/// </summary>
public class ClockedApiFactory : ApiFactory, IAsyncLifetime
{
    private readonly SemaphoreSlim _staffGate = new(1, 1);
    private Staff? _staff;

    public TestClock Clock { get; } = new();

    /// <summary>One credit officer, a second one, two collectors, a teller and a manager for the whole class.</summary>
    public async Task<Staff> StaffAsync()
    {
        await _staffGate.WaitAsync();
        try
        {
            return _staff ??= await SignInStaffAsync();
        }
        finally
        {
            _staffGate.Release();
        }
    }

    public new async Task DisposeAsync()
    {
        _staff?.Dispose();
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.TimeProvider = TimeProvider.System);
        });
    }

    private async Task<Staff> SignInStaffAsync()
    {
        async Task<(HttpClient, string)> SignIn(string role)
        {
            var email = await CreateUserAsync(role);
            return (await ClientForAsync(email), email);
        }

        var (officer, officerEmail) = await SignIn(Roles.CreditOfficer);
        var (second, secondEmail) = await SignIn(Roles.CreditOfficer);
        var (collector, collectorEmail) = await SignIn(Roles.Collector);
        var (other, otherEmail) = await SignIn(Roles.Collector);
        var (teller, tellerEmail) = await SignIn(Roles.Teller);
        var (manager, _) = await SignIn(Roles.Manager);
        return new Staff(officer, officerEmail, second, secondEmail, collector, collectorEmail, other, otherEmail, teller, tellerEmail, manager);
    }
}
