using System.Net;
using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests;

public sealed class HealthTests
{
    [DatabaseTheory]
    public async Task Health_is_200_on_a_migrated_database(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: false);
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [DatabaseTheory]
    public async Task Api_without_token_is_401(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: false);
        var response = await app.CreateClient().GetAsync("/api/v1/units");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
