using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using DoanKet.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoanKet.Infrastructure;

public class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";
    /// <summary>The unit version the account acts for; it acts on that unit and everything below it.</summary>
    public int UnitId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string SystemAdmin = "SystemAdmin";
    public const string UnitAdmin = "UnitAdmin";
    public const string Officer = "Officer";
    public const string BoardHead = "BoardHead";
    public const string Reviewer = "Reviewer";

    public static readonly string[] All = [SystemAdmin, UnitAdmin, Officer, BoardHead, Reviewer];

    /// <summary>Roles that may change data in their scope (the reviewer only reads).</summary>
    public static readonly string[] Writers = [SystemAdmin, UnitAdmin, Officer, BoardHead];

    /// <summary>Roles that administer units and accounts in their scope.</summary>
    public static readonly string[] Admins = [SystemAdmin, UnitAdmin];

    public static string Label(string role) => role switch
    {
        SystemAdmin => "Quản trị hệ thống",
        UnitAdmin => "Quản trị đơn vị",
        Officer => "Cán bộ Mặt trận",
        BoardHead => "Trưởng ban công tác Mặt trận",
        Reviewer => "Cán bộ theo dõi (chỉ xem)",
        _ => role,
    };

    public static string? Parse(string? s) =>
        All.FirstOrDefault(r => string.Equals(r, s?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Personal access token for the API (Bearer). Only a SHA-256 of the secret is stored.</summary>
public class AccessToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public const string Prefix = "dk_";

    public static (string Secret, string Hash) NewSecret()
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return (secret, Hash(secret));
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>Authenticates "Authorization: Bearer dk_…" against stored token hashes.</summary>
public sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDb db, IUserClaimsPrincipalFactory<AppUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = AccessToken.Hash(header["Bearer ".Length..].Trim());
        var now = db.Clock.UtcNow;
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.TokenHash == hash);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt < now)
            return AuthenticateResult.Fail("Mã truy cập không hợp lệ hoặc đã hết hạn.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId);
        if (user is null || (user.LockoutEnd is { } end && end > db.Clock.UtcNow))
            return AuthenticateResult.Fail("Tài khoản đã bị khóa.");
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync();
        }
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, SchemeName)), SchemeName));
    }
}
