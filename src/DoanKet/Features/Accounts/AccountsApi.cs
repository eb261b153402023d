using Microsoft.AspNetCore.Mvc;
using DoanKet.Data;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Accounts;

public sealed record MeDto(string Id, string Email, string FullName, IList<string> Roles, UnitDto Unit);
public sealed record AccountDto(string Id, string Email, string FullName, string Role, int UnitId, string UnitName, bool Locked);
public sealed record NewAccountInput(string? Email, string? FullName, int UnitId, string? Role, string? Password);
public sealed record RebindInput(int UnitId);
public sealed record NewTokenInput(string? Name, int? Days);
public sealed record TokenDto(int Id, string Name, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, bool Revoked);
public sealed record CreatedTokenDto(int Id, string Name, DateTime? ExpiresAt, string Token);

public static class AccountsApi
{
    public static void MapAccounts(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Me);
        api.MapGet("/accounts", List);
        api.MapPost("/accounts", Create);
        api.MapPut("/accounts/{id}/unit", Rebind);
        api.MapGet("/tokens", Tokens);
        api.MapPost("/tokens", CreateToken);
        api.MapDelete("/tokens/{id:int}", RevokeToken);
    }

    private static async Task<Ok<MeDto>> Me(UnitScope scope, UserManager<AppUser> users)
    {
        var user = (await users.GetUserAsync(scope.User))!;
        return TypedResults.Ok(new MeDto(user.Id, user.Email!, user.FullName, await users.GetRolesAsync(user), UnitDto.From((await scope.HomeAsync())!)));
    }

    private static async Task<Results<Ok<List<AccountDto>>, ForbidHttpResult>> List(AppDb db, UnitScope scope)
    {
        if (!scope.IsAdmin) return TypedResults.Forbid();
        return TypedResults.Ok(await Accounts.InScope(db, (await scope.HomeAsync())!));
    }

    private static async Task<Results<Created<AccountDto>, ValidationProblem, ForbidHttpResult>> Create(
        NewAccountInput input, AppDb db, UnitScope scope, UserManager<AppUser> users, RoleManager<IdentityRole> roles)
    {
        if (!scope.IsAdmin) return TypedResults.Forbid();
        var (errors, unit, role) = await Accounts.ValidateNewAsync(input, db, scope);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ.");
        var password = string.IsNullOrEmpty(input.Password) ? Passwords.Generate() : input.Password;
        var result = await AccountService.CreateAsync(users, roles, input.Email!, input.FullName!, unit!.Id, role!, password, db.Clock.UtcNow);
        if (!result.Succeeded)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = [.. result.Errors.Select(e => e.Description)] }, title: "Không tạo được tài khoản.");
        var created = await users.FindByEmailAsync(input.Email!);
        return TypedResults.Created($"/api/v1/accounts/{created!.Id}", new AccountDto(created.Id, created.Email!, created.FullName, role!, unit.Id, unit.FullName, false));
    }

    private static async Task<Results<Ok<AccountDto>, ProblemHttpResult, ForbidHttpResult, ValidationProblem>> Rebind(
        string id, RebindInput input, AppDb db, UnitScope scope, UserManager<AppUser> users)
    {
        if (!scope.IsAdmin) return TypedResults.Forbid();
        var home = (await scope.HomeAsync())!;
        if (home.ValidTo is not null) return TypedResults.Forbid();
        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id);
        var current = account is null ? null : await db.Units.IgnoreQueryFilters().FirstAsync(u => u.Id == account.UnitId);
        if (account is null || !UnitScope.Covers(home, current!)) return UnitsApi.NotFoundProblem();
        var target = await db.Units.FirstOrDefaultAsync(u => u.Id == input.UnitId);
        if (target is null || target.ValidTo is not null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["UnitId"] = ["Chọn một đơn vị đang hiệu lực."] });
        if (!UnitScope.Covers(home, target)) return TypedResults.Forbid();
        account.UnitId = target.Id;
        await users.UpdateAsync(account);
        var role = (await users.GetRolesAsync(account)).FirstOrDefault() ?? "";
        return TypedResults.Ok(new AccountDto(account.Id, account.Email!, account.FullName, role, target.Id, target.FullName, account.LockoutEnd > db.Clock.UtcNow));
    }

    private static async Task<Ok<List<TokenDto>>> Tokens(AppDb db, UnitScope scope, UserManager<AppUser> users)
    {
        var userId = users.GetUserId(scope.User);
        return TypedResults.Ok(await db.AccessTokens.Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenDto(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt != null)).ToListAsync());
    }

    private static async Task<Results<Ok<CreatedTokenDto>, ValidationProblem>> CreateToken(NewTokenInput input, AppDb db, UnitScope scope, UserManager<AppUser> users)
    {
        var errors = Accounts.ValidateToken(input);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ.");
        var (token, secret) = await Accounts.IssueTokenAsync(db, users.GetUserId(scope.User)!, input);
        return TypedResults.Ok(new CreatedTokenDto(token.Id, token.Name, token.ExpiresAt, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(int id, AppDb db, UnitScope scope, UserManager<AppUser> users)
    {
        var userId = users.GetUserId(scope.User);
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId);
        if (token is null) return UnitsApi.NotFoundProblem();
        token.RevokedAt ??= db.Clock.UtcNow;
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}

/// <summary>Account rules shared by the admin pages and the API.</summary>
public static class Accounts
{
    /// <summary>Accounts bound to the unit and everything below it, or with <paramref name="onlyThisUnit"/> to the unit itself.</summary>
    public static async Task<List<AccountDto>> InScope(AppDb db, Domain.Units.Unit home, bool onlyThisUnit = false)
    {
        var units = onlyThisUnit ? db.Units.IgnoreQueryFilters().Where(u => u.Id == home.Id) : db.Units.IgnoreQueryFilters().Under(home.Path);
        var rows = await db.Users.AsNoTracking()
            .Join(units, a => a.UnitId, u => u.Id, (a, u) => new { a, u })
            .OrderBy(x => x.u.Path).ThenBy(x => x.a.Email)
            .Select(x => new
            {
                x.a.Id, x.a.Email, x.a.FullName, x.a.UnitId, x.u.Name, x.u.Kind, x.a.LockoutEnd,
                Role = db.UserRoles.Where(r => r.UserId == x.a.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            })
            .Take(1000).ToListAsync();
        return [.. rows.Select(r => new AccountDto(r.Id, r.Email ?? "", r.FullName, r.Role ?? "", r.UnitId,
            Domain.Units.Unit.FullNameOf(r.Kind, r.Name), r.LockoutEnd > db.Clock.UtcNow))];
    }

    public static async Task<(Dictionary<string, string[]> Errors, Domain.Units.Unit? Unit, string? Role)> ValidateNewAsync(NewAccountInput input, AppDb db, UnitScope scope)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Email) || !System.Net.Mail.MailAddress.TryCreate(input.Email.Trim(), out _) || input.Email.Length > 200)
            errors["Email"] = ["Nhập thư điện tử hợp lệ, ví dụ: canbo.ngoclam@doanket.vn."];
        if (string.IsNullOrWhiteSpace(input.FullName) || input.FullName.Length > 200)
            errors["FullName"] = ["Nhập họ tên (tối đa 200 ký tự)."];
        var role = Roles.Parse(input.Role);
        if (role is null) errors["Role"] = ["Chọn vai trò."];
        else if (role == Roles.SystemAdmin && !scope.User.IsInRole(Roles.SystemAdmin))
            errors["Role"] = ["Chỉ quản trị hệ thống mới tạo được tài khoản quản trị hệ thống."];
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == input.UnitId);
        if (unit is null || unit.ValidTo is not null) errors["UnitId"] = ["Chọn một đơn vị đang hiệu lực."];
        else if (!await scope.CanAdministerAsync(unit)) errors["UnitId"] = ["Bạn chỉ tạo được tài khoản cho đơn vị mình quản lý và cấp dưới."];
        return (errors, unit, role);
    }

    public static Dictionary<string, string[]> ValidateToken(NewTokenInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 100) errors["Name"] = ["Đặt tên cho mã truy cập (tối đa 100 ký tự), ví dụ: “Đồng bộ Excel”."];
        if (input.Days is < 1 or > 365) errors["Days"] = ["Thời hạn từ 1 đến 365 ngày."];
        return errors;
    }

    public static async Task<(AccessToken Token, string Secret)> IssueTokenAsync(AppDb db, string userId, NewTokenInput input)
    {
        var (secret, hash) = AccessToken.NewSecret();
        var token = new AccessToken
        {
            UserId = userId, Name = input.Name!.Trim(), TokenHash = hash, CreatedAt = db.Clock.UtcNow,
            ExpiresAt = db.Clock.UtcNow.AddDays(input.Days ?? 90),
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync();
        return (token, secret);
    }
}
