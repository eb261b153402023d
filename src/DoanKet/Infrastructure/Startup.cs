using DoanKet.Features.Indicators;
using DoanKet.Data;
using DoanKet.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Infrastructure;

public static class Startup
{
    /// <summary>Applies pending migrations and, when configured, loads the demo data and prints its accounts.</summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, IConfiguration config)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (!config.GetValue("Database:MigrateOnStart", true)) return;
        await Catalogue.MigrateAsync(db);
        if (config.GetValue("Demo:LoadOnStart", true))
        {
            var demo = ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider);
            await demo.LoadAsync();
            demo.PrintAccounts(Console.Out);
        }
    }
}
