using BankOffice.Core.Common;
using BankOffice.Core.Users;

namespace BankOffice.Web.Services;

public interface IUsersClient
{
    Task<PagedResult<UserDto>> ListAsync(UserQuery query, CancellationToken ct = default);
    Task<UserDto> GetAsync(string id, CancellationToken ct = default);
    Task<UserDto> CreateAsync(CreateUserRequest request, CancellationToken ct = default);
    Task<UserDto> UpdateAsync(string id, UpdateUserRequest request, CancellationToken ct = default);
    Task<UserDto> LockAsync(string id, CancellationToken ct = default);
    Task<UserDto> UnlockAsync(string id, CancellationToken ct = default);
    Task<IReadOnlyList<RoleDto>> RolesAsync(CancellationToken ct = default);
}

public sealed class UsersClient(HttpClient http, IAccessTokenProvider tokens) : ApiClientBase(http, tokens), IUsersClient
{
    public Task<PagedResult<UserDto>> ListAsync(UserQuery query, CancellationToken ct = default) =>
        GetAsync<PagedResult<UserDto>>(
            QueryString.Build("users", ("page", query.Page), ("size", query.Size), ("search", query.Search), ("role", query.Role)), ct);

    public Task<UserDto> GetAsync(string id, CancellationToken ct = default) =>
        GetAsync<UserDto>($"users/{Uri.EscapeDataString(id)}", ct);

    public Task<UserDto> CreateAsync(CreateUserRequest request, CancellationToken ct = default) =>
        ReadAsync<UserDto>(HttpMethod.Post, "users", request, ct);

    public Task<UserDto> UpdateAsync(string id, UpdateUserRequest request, CancellationToken ct = default) =>
        ReadAsync<UserDto>(HttpMethod.Put, $"users/{Uri.EscapeDataString(id)}", request, ct);

    public Task<UserDto> LockAsync(string id, CancellationToken ct = default) =>
        ReadAsync<UserDto>(HttpMethod.Post, $"users/{Uri.EscapeDataString(id)}/lock", null, ct);

    public Task<UserDto> UnlockAsync(string id, CancellationToken ct = default) =>
        ReadAsync<UserDto>(HttpMethod.Post, $"users/{Uri.EscapeDataString(id)}/unlock", null, ct);

    public async Task<IReadOnlyList<RoleDto>> RolesAsync(CancellationToken ct = default) =>
        await GetAsync<List<RoleDto>>("users/roles", ct);
}
