using BankOffice.Core.Auth;
using BankOffice.Core.Dashboard;

namespace BankOffice.Web.Services;

public interface IDashboardClient
{
    Task<DashboardDto> GetAsync(CancellationToken ct = default);
}

public sealed class DashboardClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), IDashboardClient
{
    public Task<DashboardDto> GetAsync(CancellationToken ct = default) => GetAsync<DashboardDto>("dashboard", ct);
}

/// <summary>The signed-in user's own account (change password).</summary>
public interface IProfileClient
{
    Task ChangePasswordAsync(ChangePasswordRequest request, CancellationToken ct = default);
}

public sealed class ProfileClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), IProfileClient
{
    public Task ChangePasswordAsync(ChangePasswordRequest request, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Post, "auth/change-password", request, ct);
}
