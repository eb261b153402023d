using System.Net;
using DoanKet.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Security;

/// <summary>
/// A test that needs PostgreSQL only: skipped without DOANKET_TEST_PG, except under CI=true
/// where it runs (and fails on the missing database), like <see cref="DatabaseTheoryAttribute"/>.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Engines.PostgresAdmin is null && !Engines.IsCi) Skip = Engines.MissingPostgres;
    }
}

/// <summary>Two app instances on one PostgreSQL database share the data-protection key ring, so a cookie from one works on the other.</summary>
public sealed class TwoInstancesTests
{
    [PostgresFact]
    public async Task A_cookie_issued_by_one_instance_is_recognised_by_another_on_the_same_database()
    {
        await using var database = await TestDatabase.CreateAsync(Engines.Postgres, demo: true);
        await using var one = new TestApp(database, ownsDatabase: false);
        var (_, signIn) = await Browser.SignInAsync(one, Who.BoDeOfficer);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("doanket=", StringComparison.Ordinal));
        var keys = await one.DbAsync(db => db.DataProtectionKeys.CountAsync());
        Assert.True(keys >= 1, "the key ring should be stored in the database");

        // A second, independent instance (own service provider, own key ring cache) started after the sign-in.
        await using var two = new TestApp(database, ownsDatabase: false);
        var client = two.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);

        var home = await client.GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Cán bộ MTTQ phường Bồ Đề", html, StringComparison.Ordinal); // the account's full name
        Assert.Contains("Phường Bồ Đề", html, StringComparison.Ordinal);            // its unit
        var units = await client.GetAsync("/don-vi");
        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        var account = await client.GetAsync("/tai-khoan/ma-truy-cap");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);

        // Control: the same cookie on an instance with its own (ephemeral) keys is not recognised,
        // so the test above can fail, and the sharing comes from the database.
        await using var stranger = new TestApp(database, ownsDatabase: false);
        var isolated = stranger.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider())));
        var strangerClient = isolated.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        strangerClient.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.True(Browser.IsRedirectTo(await strangerClient.GetAsync("/don-vi"), "/dang-nhap"), "an instance without the shared keys must not accept the cookie");
        Assert.DoesNotContain("Cán bộ MTTQ phường Bồ Đề", await (await strangerClient.GetAsync("/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
