using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DoanKet.Features.Demo;
using DoanKet.Infrastructure;
using DoanKet.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Cli;

/// <summary>The server started as a real deployment would (ASPNETCORE_ENVIRONMENT=Production, the built app as a process).</summary>
public sealed partial class CliTests
{
    private sealed record Served(bool Healthy, int? ExitCode, string Output);

    /// <summary>Starts the server on a free port; waits until /health answers or the process exits; then stops it.</summary>
    private static async Task<Served> ServeAsync(TestDatabase db, params (string Key, string Value)[] settings)
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; }
        var url = $"http://127.0.0.1:{port}";
        using var p = Start(db, settings, "--urls", url);
        var output = new StringBuilder();
        p.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.StandardInput.Close();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        var healthy = false;
        while (!healthy && !p.HasExited && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            try { healthy = (await http.GetAsync(url + "/health")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (!healthy) await Task.Delay(200);
        }
        int? exit = null;
        if (p.HasExited) { await p.WaitForExitAsync(); exit = p.ExitCode; }
        else { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
        lock (output) return new Served(healthy, exit, output.ToString());
    }

    /// <summary>Its own class, so that xunit runs these beside the other command-line cases (the cases of one class run one after another).</summary>
    public sealed class ProductionStart
    {
        [Fact]
        public async Task A_production_start_on_an_empty_database_creates_no_demo_account_and_says_how_to_make_the_first_administrator()
        {
            await using var db = await TestDatabase.CreateEmptyAsync(Engines.Sqlite);
            // Even asked to, Production loads no demo data at start.
            var served = await ServeAsync(db, ("Demo__LoadOnStart", "true"));
            Assert.True(served.Healthy, served.Output);
            Assert.Contains("Chưa có tài khoản nào", served.Output, StringComparison.Ordinal);
            Assert.Contains("user add --unit VN --role SystemAdmin", served.Output, StringComparison.Ordinal);
            Assert.Contains("Demo:LoadOnStart chỉ có tác dụng ở môi trường Development", served.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(DemoData.Password, served.Output, StringComparison.Ordinal);

            await using (var conn = db.OpenConnection())
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "SELECT (SELECT COUNT(*) FROM \"AspNetUsers\") + (SELECT COUNT(*) FROM \"Units\")";
                Assert.Equal(0L, Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
            }

            // The first administrator, as the message says; the national unit is made for it.
            var added = await RunAsync(db, "MatKhauQuanTri2026\n", "user", "add", "--unit", "VN", "--role", "SystemAdmin", "--email", "quantri@mttq.gov.vn", "--name", "Quản trị");
            Assert.True(added.ExitCode == 0, added.Output + added.Error);
            var again = await ServeAsync(db);
            Assert.True(again.Healthy, again.Output);
            Assert.DoesNotContain("Chưa có tài khoản nào", again.Output, StringComparison.Ordinal);
        }

        [DatabaseTheory]
        public async Task A_production_start_refuses_while_demo_accounts_keep_the_published_password(string engine)
        {
            await using var app = await TestApp.StartAsync(engine);
            var refused = await ServeAsync(app.Database);
            Assert.False(refused.Healthy, refused.Output);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("Từ chối khởi động", refused.Output, StringComparison.Ordinal);
            foreach (var (email, _, _, _) in DemoData.Accounts) Assert.Contains(email, refused.Output, StringComparison.Ordinal);

            // A training server says so explicitly.
            var training = await ServeAsync(app.Database, ("Demo__AllowDemoPasswords", "true"));
            Assert.True(training.Healthy, training.Output);
            Assert.Contains("Cảnh báo", training.Output, StringComparison.Ordinal);

            // Every demo account changed or gone: it serves, and no start or demo load brings them back.
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                foreach (var (email, _, _, _) in DemoData.Accounts)
                {
                    var user = (await users.FindByEmailAsync(email))!;
                    if (email == "admin@doanket.vn") Assert.True((await users.DeleteAsync(user)).Succeeded);
                    else Assert.True((await users.ChangePasswordAsync(user, DemoData.Password, "MatKhauRieng2026")).Succeeded);
                }
            }
            var served = await ServeAsync(app.Database);
            Assert.True(served.Healthy, served.Output);
            Assert.Equal(0, (await RunAsync(app.Database, null, "demo")).ExitCode);
            Assert.False(await app.DbAsync(db => db.Users.AnyAsync(u => u.Email == "admin@doanket.vn")));
            Assert.True((await ServeAsync(app.Database)).Healthy);
        }
    }
}
