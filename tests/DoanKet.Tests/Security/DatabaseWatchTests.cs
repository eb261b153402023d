using DoanKet.Domain.Portal;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Security;

/// <summary>The access matrix's cheap change check sees every committed change, and nothing else.</summary>
public sealed class DatabaseWatchTests
{
    [DatabaseTheory]
    public async Task The_watch_names_a_changed_table_and_stays_quiet_otherwise(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await using var watch = await DatabaseWatch.StartAsync(app);
        Assert.Null(await watch.ChangedAsync());
        await app.DbAsync(db => db.Units.AsNoTracking().CountAsync()); // a read changes nothing

        Assert.Null(await watch.ChangedAsync());
        var unit = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        await app.DbAsync(async db =>
        {
            db.Articles.Add(new Article { UnitId = unit.Id, Title = "Bài theo dõi", Lead = "", Body = "", CreatedAt = TestClock.UtcNow, CreatedBy = "tests" });
            await db.SaveChangesAsync();
        });
        Assert.StartsWith("Articles:", await watch.ChangedAsync(), StringComparison.Ordinal);
        Assert.Null(await watch.ChangedAsync());

        // A changed byte of a stored file is a change too.
        var photo = await app.DbAsync(db => db.StoredFiles.AsNoTracking().OrderBy(f => f.Id).FirstAsync());
        await app.DbAsync(db => db.StoredFiles.Where(f => f.Id == photo.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.Bytes, photo.Bytes.Reverse().ToArray())));
        Assert.StartsWith("StoredFiles:", await watch.ChangedAsync(), StringComparison.Ordinal);
    }
}
