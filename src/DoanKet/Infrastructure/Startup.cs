using DoanKet.Features.Indicators;
using DoanKet.Data;
using DoanKet.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Infrastructure;

public static class Startup
{
    /// <summary>
    /// Applies pending migrations; in Development loads the demo data and prints its accounts. Anywhere else no demo
    /// data is loaded at start (the <c>demo</c> verb loads it on purpose), and the server refuses to start while a
    /// demo account still has the published password, unless Demo:AllowDemoPasswords is set for a training server.
    /// Returns false when the server must not serve.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(IServiceProvider services, IConfiguration config, IHostEnvironment env, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (config.GetValue("Database:MigrateOnStart", true)) await Catalogue.MigrateAsync(db);
        var loadDemo = config.GetValue("Demo:LoadOnStart", env.IsDevelopment());
        if (loadDemo && env.IsDevelopment())
        {
            var demo = ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider);
            await demo.LoadAsync();
            demo.PrintAccounts(output);
            return true;
        }
        if (loadDemo)
            output.WriteLine($"Demo:LoadOnStart chỉ có tác dụng ở môi trường Development (đang là {env.EnvironmentName}): không nạp dữ liệu mẫu. Nạp có chủ ý bằng lệnh `demo`.");
        // Tests host the app on copies of the demo database, with its published passwords.
        if (env.IsDevelopment() || env.IsEnvironment("Testing")) return true;

        if (!await db.Users.AnyAsync())
        {
            output.WriteLine("Chưa có tài khoản nào. Tạo tài khoản quản trị hệ thống đầu tiên (mật khẩu đọc từ stdin, hoặc được sinh và in ra):");
            output.WriteLine("  dotnet DoanKet.dll user add --unit VN --role SystemAdmin --email <địa chỉ thư> --name \"<họ tên>\"");
            return true;
        }
        var weak = await DemoAccountsWithPublishedPasswordAsync(db, scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>());
        if (weak.Count == 0) return true;
        if (config.GetValue("Demo:AllowDemoPasswords", false))
        {
            output.WriteLine($"Cảnh báo: {weak.Count} tài khoản mẫu còn mật khẩu công khai (Demo:AllowDemoPasswords=true, chỉ dùng cho máy tập huấn): {string.Join(", ", weak)}.");
            return true;
        }
        output.WriteLine($"Từ chối khởi động: các tài khoản sau còn mật khẩu mẫu đã công bố ({DemoData.Password}): {string.Join(", ", weak)}.");
        output.WriteLine("Đổi mật khẩu hoặc xóa các tài khoản này; máy tập huấn có thể đặt Demo__AllowDemoPasswords=true.");
        return false;
    }

    /// <summary>
    /// The published demo accounts that still open with the published password. Only those few are checked:
    /// verifying a password costs a PBKDF2 run, too much for every account of a province at each start.
    /// </summary>
    private static async Task<List<string>> DemoAccountsWithPublishedPasswordAsync(AppDb db, IPasswordHasher<AppUser> hasher)
    {
        var emails = DemoData.Accounts.Select(a => a.Email.ToUpperInvariant()).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!) && u.PasswordHash != null).ToListAsync();
        return [.. accounts
            .Where(u => hasher.VerifyHashedPassword(u, u.PasswordHash!, DemoData.Password) != PasswordVerificationResult.Failed)
            .Select(u => u.Email!).Order(StringComparer.Ordinal)];
    }
}
