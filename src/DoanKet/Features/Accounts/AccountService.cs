using System.Security.Cryptography;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace DoanKet.Features.Accounts;

/// <summary>Creating an account is shared by the admin page, the API, the CLI verb and the demo loader.</summary>
public static class AccountService
{
    public static async Task<IdentityResult> CreateAsync(UserManager<AppUser> users, RoleManager<IdentityRole> roles,
        string email, string fullName, int unitId, string role, string password, DateTime now)
    {
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        var user = new AppUser
        {
            UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, FullName = fullName.Trim(),
            UnitId = unitId, CreatedAt = now, LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, role);
        return result;
    }
}

public static class Passwords
{
    /// <summary>A random password that satisfies the policy (upper, lower, digit, 14 characters).</summary>
    public static string Generate()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        var all = upper + lower + digits;
        var chars = new List<char> { Pick(upper), Pick(lower), Pick(digits) };
        while (chars.Count < 14) chars.Add(Pick(all));
        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(1000))]);

        static char Pick(string s) => s[RandomNumberGenerator.GetInt32(s.Length)];
    }
}

public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Mật khẩu phải có ít nhất {length} ký tự." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Mật khẩu phải có ít nhất một chữ số (0–9)." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Mật khẩu phải có ít nhất một chữ thường (a–z)." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "Mật khẩu phải có ít nhất một chữ hoa (A–Z)." };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Mật khẩu phải có ít nhất một ký tự đặc biệt." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Mật khẩu phải có ít nhất {uniqueChars} ký tự khác nhau." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Thư điện tử {email} đã được dùng cho tài khoản khác." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Tên đăng nhập {userName} đã có." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"Thư điện tử “{email}” không hợp lệ." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"Tên đăng nhập “{userName}” chỉ được gồm chữ không dấu, số và . _ @ -." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Tài khoản vừa được người khác sửa; tải lại trang rồi thử lại." };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Có lỗi xảy ra với tài khoản." };
}
