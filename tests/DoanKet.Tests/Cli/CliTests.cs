using System.Diagnostics;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Cli;

/// <summary>The command-line verbs, run as the built app (dotnet DoanKet.dll VERB …) against the test database.</summary>
public sealed partial class CliTests
{
    private sealed record Run(int ExitCode, string Output, string Error);

    private static async Task<Run> RunAsync(TestDatabase db, string? stdin, params string[] args)
    {
        using var p = Start(db, args);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return new Run(p.ExitCode, await output, await error);
    }

    /// <summary>The built app as a child process on the test database, output redirected.</summary>
    private static Process Start(TestDatabase db, params string[] args) => Start(db, [], args);

    private static Process Start(TestDatabase db, (string Key, string Value)[] settings, params string[] args)
    {
        var dll = typeof(Program).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.WorkingDirectory = Path.GetDirectoryName(dll)!;
        psi.Environment["Database__Provider"] = db.Engine;
        psi.Environment[db.Engine == Engines.Sqlite ? "ConnectionStrings__Sqlite" : "ConnectionStrings__Postgres"] = db.ConnectionString;
        psi.Environment["DOANKET_DATA"] = Path.Combine(Path.GetTempPath(), "doanket-cli-data");
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["DOTNET_ENVIRONMENT"] = psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Clock__Start"] = TestClock.Setting;
        foreach (var (key, value) in settings) psi.Environment[key] = value;
        return Process.Start(psi)!;
    }

    [DatabaseTheory]
    public async Task User_add_creates_an_account_bound_to_the_unit_with_the_password_from_stdin(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        const string email = "canbo.moi@doanket.vn";
        var run = await RunAsync(app.Database, "MatKhauMoi2026\n", "user", "add", "--unit", "DEMO-BODE", "--role", "officer", "--email", email, "--name", "Nguyễn Văn Mới");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Output} {run.Error}");
        Assert.Contains("Đã tạo tài khoản", run.Output);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.Equal("Nguyễn Văn Mới", user.FullName);
        var bode = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        Assert.Equal(bode.Id, user.UnitId);
        Assert.Equal(new[] { Roles.Officer }, await users.GetRolesAsync(user));
        Assert.True(await users.CheckPasswordAsync(user, "MatKhauMoi2026"));

        // The new account works on the API within its unit.
        var client = await app.ClientForAsync(email);
        Assert.Equal(bode.Id, (await client.GetJsonAsync<UnitDto>($"/api/v1/units/{bode.Id}")).Id);

        // The same e-mail twice, a weak password, an unknown unit: refused with a message, exit code 1.
        var again = await RunAsync(app.Database, "MatKhauMoi2026\n", "user", "add", "--unit", "DEMO-BODE", "--role", "Officer", "--email", email);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains(email, again.Error);
        var weak = await RunAsync(app.Database, "abc\n", "user", "add", "--unit", "DEMO-BODE", "--role", "Officer", "--email", "yeu@doanket.vn");
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("Mật khẩu", weak.Error);
        var unknown = await RunAsync(app.Database, "MatKhauMoi2026\n", "user", "add", "--unit", "KHONG-CO", "--role", "Officer", "--email", "x@doanket.vn");
        Assert.Equal(1, unknown.ExitCode);
        var usage = await RunAsync(app.Database, null, "user", "add", "--unit", "DEMO-BODE");
        Assert.Equal(2, usage.ExitCode);
        Assert.Null(await users.FindByEmailAsync("yeu@doanket.vn"));
    }

    [DatabaseTheory]
    public async Task Backup_then_restore_brings_back_identical_contents(string engine)
    {
        var db = await TestDatabase.CreateAsync(engine, demo: true);
        await using var _ = db;
        var file = Path.Combine(Path.GetTempPath(), $"doanket-backup-{Guid.NewGuid():N}.{(engine == Engines.Sqlite ? "db" : "dump")}");
        try
        {
            var before = await db.SnapshotAsync();
            var backup = await RunAsync(db, null, "backup", "--out", file);
            Assert.True(backup.ExitCode == 0, $"backup exit {backup.ExitCode}: {backup.Output} {backup.Error}");
            Assert.True(new FileInfo(file).Length > 0);

            // Change things after the backup: details, a new unit, a new account and its token.
            await using (var app = new TestApp(db, ownsDatabase: false))
            {
                var bode = await app.DbAsync(d => Demo.CurrentAsync(d, "DEMO-BODE"));
                var client = await app.ClientForAsync(Demo.HanoiAdmin);
                await (await client.PutJsonAsync($"/api/v1/units/{bode.Id}", new UnitDetailsInput("Địa chỉ sau sao lưu", null, null, 99, null, bode.Version))).ReadAsync<UnitDto>();
                await (await client.PostJsonAsync("/api/v1/unit-changes", new UnitChangeRequest(Domain.Units.UnitChangeKind.Create, new DateOnly(2026, 1, 1), "QĐ 5", null, [],
                    [new NewUnit("Tổ sau sao lưu", Domain.Units.UnitKind.ResidentialGroup, null, bode.Id)]))).ReadAsync<System.Text.Json.JsonElement>();
            }
            var changed = await db.SnapshotAsync();
            Assert.NotEqual(Flatten(before), Flatten(changed));

            var restore = await RunAsync(db, null, "restore", file);
            Assert.True(restore.ExitCode == 0, $"restore exit {restore.ExitCode}: {restore.Output} {restore.Error}");
            var after = await db.SnapshotAsync();
            Assert.Equal(before.Keys, after.Keys);
            foreach (var table in before.Keys)
                Assert.True(before[table].SequenceEqual(after[table]),
                    $"table {table} differs after restore: {before[table].Count} rows before, {after[table].Count} after; first difference: {before[table].Except(after[table]).Concat(after[table].Except(before[table])).FirstOrDefault()}");

            // The restored database serves again.
            await using var served = new TestApp(db, ownsDatabase: false);
            var bodeAgain = await served.DbAsync(d => Demo.CurrentAsync(d, "DEMO-BODE"));
            Assert.Null(bodeAgain.Address);
            Assert.False(await served.DbAsync(d => d.Units.AnyAsync(u => u.Name == "Tổ sau sao lưu")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Flatten(SortedDictionary<string, List<string>> snapshot) =>
        string.Join("\n", snapshot.Select(kv => kv.Key + ":" + string.Join("\n", kv.Value)));
}
