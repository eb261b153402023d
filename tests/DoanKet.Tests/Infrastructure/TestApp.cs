using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using DoanKet.Data;
using DoanKet.Features.Accounts;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Infrastructure;

/// <summary>The whole app in memory on one test database. Migration and demo data are done by <see cref="TestDatabase"/>.</summary>
public sealed class TestApp(TestDatabase database, bool ownsDatabase = true) : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public TestDatabase Database => database;

    /// <summary>The app's time: starts at <see cref="TestClock.Start"/>; a test that needs time to pass advances it.</summary>
    public FakeTimeProvider Time { get; } = TestClock.NewProvider();
    public string Engine => database.Engine;

    /// <summary>A test app on a fresh copy of the demo database (or a migrated empty one).</summary>
    public static async Task<TestApp> StartAsync(string engine, bool demo = true)
    {
        var db = await TestDatabase.CreateAsync(engine, demo);
        return new TestApp(db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Engine);
        builder.UseSetting(database.Engine == Engines.Sqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:Postgres", database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "false");
        builder.UseSetting("Demo:LoadOnStart", "false");
        // The privacy scan opens every tracking code from one address; the form's own limit stays as configured.
        builder.UseSetting("Petitions:TrackLimit", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        // Each test database gets its own key ring; "no XML encryptor" is expected here.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>Runs <paramref name="work"/> with a fresh DbContext of the app.</summary>
    public async Task<T> DbAsync<T>(Func<AppDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public async Task DbAsync(Func<AppDb, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    /// <summary>An API client acting as the account with this e-mail (a personal access token issued directly).</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var secret = await DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var (_, s) = await Accounts.IssueTokenAsync(db, user.Id, new NewTokenInput("tests", 1));
            return s;
        });
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async Task<AppUser> UserAsync(string email) =>
        await DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase) await database.DisposeAsync();
    }
}

public static class HttpJson
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return JsonSerializer.Deserialize<T>(body, TestApp.Json)!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T value) =>
        client.PostAsJsonAsync(url, value, TestApp.Json);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T value) =>
        client.PutAsJsonAsync(url, value, TestApp.Json);

    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string url) => await (await client.GetAsync(url)).ReadAsync<T>();

    /// <summary>Asserts a problem-details answer (RFC 9457 body) with this status and returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.True(json.TryGetProperty("status", out var s) && s.GetInt32() == status && json.TryGetProperty("title", out var t) && t.GetString() is { Length: > 0 },
            $"not a problem details body: {body}");
        return json;
    }

    /// <summary>As <see cref="ProblemAsync"/>, and typed as such: Content-Type application/problem+json.</summary>
    public static async Task<JsonElement> TypedProblemAsync(this HttpResponseMessage response, int status)
    {
        var json = await response.ProblemAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return json;
    }
}
