using DoanKet.Data;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Indicators;

/// <summary>One record through the whole chain: facts, both totals tables, then/now figures, sources, delete.</summary>
public sealed class FigureBasicsTests
{
    [DatabaseTheory]
    public async Task A_record_shows_in_its_figures_as_then_and_as_now_and_leaves_when_deleted(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var writer = scope.ServiceProvider.GetRequiredService<RecordWriter>();
        var figures = scope.ServiceProvider.GetRequiredService<Figures>();
        var group = await db.Units.Where(u => u.Code == "DEMO-NL-TDP11").OrderBy(u => u.ValidFrom).FirstAsync(u => u.ValidFrom <= new DateOnly(2024, 3, 1) && (u.ValidTo == null || u.ValidTo > new DateOnly(2024, 3, 1)));
        var ward = await db.Units.FirstAsync(u => u.Id == group.ParentId);
        var boDe = await Demo.CurrentAsync(db, "DEMO-BODE");
        var kind = await db.ActivityKinds.FirstAsync(k => k.Code == "tuyen_truyen");
        var before = await Values(figures, ward, FigureMode.Then);

        var a = new Activity { UnitId = group.Id, KindId = kind.Id, Date = new(2024, 3, 15), Title = "Tuyên truyền thử", Sessions = 1, Attendances = 45 };
        db.Activities.Add(a);
        await writer.SaveAsync(a);

        var then = await Values(figures, ward, FigureMode.Then);
        Assert.Equal(before["tuyen_truyen.cuoc"] + 1, then["tuyen_truyen.cuoc"]);
        Assert.Equal(before["tuyen_truyen.luot_nguoi"] + 45, then["tuyen_truyen.luot_nguoi"]);
        // A range not aligned to months reads the daily edges.
        var edge = await figures.ComputeAsync(ward, Period.Parse("2024-03-10..2024-04-20"), FigureMode.Then);
        Assert.True(edge.Single(f => f.Indicator.Code == "tuyen_truyen.luot_nguoi").Value >= 45);

        var now = await figures.ComputeAsync(boDe, Period.Parse("2024Q1"), FigureMode.Now);
        var sources = await figures.SourcesAsync(now.Single(f => f.Indicator.Code == "tuyen_truyen.luot_nguoi").Indicator, boDe, Period.Parse("2024Q1"), FigureMode.Now);
        Assert.Contains(sources, s => s.RecordType == "activity" && s.RecordId == a.Id && s.Value == 45);

        db.Activities.Remove(a);
        await writer.SaveAsync(a);
        Assert.Equal(before, await Values(figures, ward, FigureMode.Then));
        Assert.Equal(0, await db.Facts.CountAsync(f => f.RecordType == "activity" && f.RecordId == a.Id));
    }

    private static async Task<Dictionary<string, double>> Values(Figures figures, Domain.Units.Unit unit, FigureMode mode) =>
        (await figures.ComputeAsync(unit, Period.Parse("2024Q1"), mode)).ToDictionary(f => f.Indicator.Code, f => f.Value);
}
