using BankOffice.Api.Auth;
using BankOffice.Api.Infrastructure;
using BankOffice.Core.Common;
using BankOffice.Core.Security;
using BankOffice.Core.Users;
using BankOffice.Data;
using BankOffice.Data.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BankOffice.Api.Users;

/// <summary>Admins manage logins and roles (user.admin).</summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Permissions.UserAdmin);
        group.MapGet("/", List);
        group.MapGet("/roles", ListRoles);
        group.MapGet("/{id}", Get);
        group.MapPost("/", Create).Validate<CreateUserRequest>();
        group.MapPut("/{id}", Update).Validate<UpdateUserRequest>();
        group.MapPost("/{id}/lock", Lock);
        group.MapPost("/{id}/unlock", Unlock);
        return api;
    }

    public static Ok<IReadOnlyList<RoleDto>> ListRoles() =>
        TypedResults.Ok<IReadOnlyList<RoleDto>>(Roles.All.Select(r => new RoleDto(r, RolePermissions.For(r))).ToList());

    public static async Task<Ok<PagedResult<UserDto>>> List([AsParameters] UserQuery query, BankOfficeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Paging.LikePattern(query.Search);
            users = users.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName, pattern));
        }

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == query.Role, cancellationToken)
                ?? throw DomainException.Invalid(ErrorCodes.ValidationError, "role is one of: " + string.Join(", ", Roles.All) + ".");
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == role.Id));
        }

        var page = await users.OrderBy(u => u.Email).ToPageAsync(query.Page, query.Size, u => u, cancellationToken);
        var roles = await RolesOfAsync(db, page.Data.Select(u => u.Id).ToList(), cancellationToken);
        return TypedResults.Ok(new PagedResult<UserDto>(page.Data.Select(u => ToDto(u, roles, time)).ToList(), page.Pagination));
    }

    public static async Task<Ok<UserDto>> Get(string id, BankOfficeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw NotFound(id);
        return TypedResults.Ok(ToDto(user, await RolesOfAsync(db, [id], cancellationToken), time));
    }

    public static async Task<Results<Created<UserDto>, ValidationProblem>> Create(
        CreateUserRequest request, UserManager<AppUser> users, BankOfficeDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        CheckRoles(request.Roles);
        if (request.Roles.Contains(Roles.Customer))
        {
            if (request.CustomerId is null || !await db.Customers.AnyAsync(c => c.Id == request.CustomerId, cancellationToken))
            {
                throw DomainException.Invalid(ErrorCodes.ValidationError, "A Customer login needs the id of an existing customer record.");
            }
        }

        var user = new AppUser
        {
            UserName = request.Email, Email = request.Email, DisplayName = request.DisplayName!, EmailConfirmed = true, CreatedAt = time.GetUtcNow(),
            CustomerId = request.Roles.Contains(Roles.Customer) ? request.CustomerId : null,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
        {
            return AuthEndpoints.IdentityErrors(result);
        }

        await users.AddToRolesAsync(user, request.Roles.Distinct());
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", ToDto(user, new Dictionary<string, List<string>> { [user.Id] = [.. request.Roles.Distinct()] }, time));
    }

    /// <summary>Changing roles revokes the user's tokens, so new permissions apply at their next sign-in.</summary>
    public static async Task<Ok<UserDto>> Update(
        string id, UpdateUserRequest request, HttpContext http, UserManager<AppUser> users, BankOfficeDbContext db, IMemoryCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        CheckRoles(request.Roles);
        var user = await users.FindByIdAsync(id) ?? throw NotFound(id);
        var current = await users.GetRolesAsync(user);
        if (id == http.CurrentUser().UserId && current.Contains(Roles.Admin) && !request.Roles.Contains(Roles.Admin))
        {
            throw DomainException.Rule(ErrorCodes.Forbidden, "You cannot remove your own Admin role.");
        }

        if (request.Roles.Contains(Roles.Customer) && user.CustomerId is null)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, "Only a login bound to a customer record can hold the Customer role.");
        }

        user.DisplayName = request.DisplayName!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.UpdateAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(request.Roles));
        await users.AddToRolesAsync(user, request.Roles.Distinct().Except(current));
        if (!current.ToHashSet().SetEquals(request.Roles))
        {
            await users.UpdateSecurityStampAsync(user);
            SecurityStampCheck.Forget(cache, user.Id);
        }

        await transaction.CommitAsync(cancellationToken);
        return await Get(id, db, time, cancellationToken);
    }

    /// <summary>Locks the login indefinitely and revokes its tokens.</summary>
    public static async Task<Ok<UserDto>> Lock(string id, HttpContext http, UserManager<AppUser> users, BankOfficeDbContext db, IMemoryCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        if (id == http.CurrentUser().UserId)
        {
            throw DomainException.Rule(ErrorCodes.Forbidden, "You cannot lock yourself out.");
        }

        var user = await users.FindByIdAsync(id) ?? throw NotFound(id);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        SecurityStampCheck.Forget(cache, id);
        return await Get(id, db, time, cancellationToken);
    }

    public static async Task<Ok<UserDto>> Unlock(string id, UserManager<AppUser> users, BankOfficeDbContext db, IMemoryCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id) ?? throw NotFound(id);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        SecurityStampCheck.Forget(cache, id);
        return await Get(id, db, time, cancellationToken);
    }

    private static void CheckRoles(IEnumerable<string> roles)
    {
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid(ErrorCodes.ValidationError, $"Unknown role(s): {string.Join(", ", unknown)}. Roles are: {string.Join(", ", Roles.All)}.");
        }
    }

    private static async Task<Dictionary<string, List<string>>> RolesOfAsync(BankOfficeDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        (await (from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                where userIds.Contains(ur.UserId)
                select new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
        .GroupBy(x => x.UserId)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Order(StringComparer.Ordinal).ToList());

    private static UserDto ToDto(AppUser u, IReadOnlyDictionary<string, List<string>> roles, TimeProvider time) =>
        new(u.Id, u.Email ?? string.Empty, u.DisplayName, roles.GetValueOrDefault(u.Id) ?? [], u.CustomerId,
            u.LockoutEnd is { } end && end > time.GetUtcNow(), u.LockoutEnd, u.AccessFailedCount, u.CreatedAt);

    private static DomainException NotFound(string id) => DomainException.NotFound(ErrorCodes.UserNotFound, $"User not found: {id}");
}
