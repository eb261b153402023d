using System.Diagnostics;
using DoanKet.Cli;
using DoanKet.Domain;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Cli;

/// <summary>
/// The benchmark still works: <c>bench --quick</c> generates a tiny national set into an empty database and
/// finds the figures from the totals identical to those summed from the raw facts; the set itself is sound.
/// Timings are not asserted (see BENCHMARKS.md).
/// </summary>
public sealed class BenchTests
{
    private sealed record Run(int ExitCode, string Output, string Error);

    private static async Task<Run> RunAsync(TestDatabase db, params string[] args)
    {
        var dll = typeof(Program).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.WorkingDirectory = Path.GetDirectoryName(dll)!;
        psi.Environment["Database__Provider"] = db.Engine;
        psi.Environment[db.Engine == Engines.Sqlite ? "ConnectionStrings__Sqlite" : "ConnectionStrings__Postgres"] = db.ConnectionString;
        psi.Environment["DOANKET_DATA"] = Path.Combine(Path.GetTempPath(), "doanket-cli-data");
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["DOTNET_ENVIRONMENT"] = psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Clock__Start"] = TestClock.Setting;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return new Run(p.ExitCode, await output, await error);
    }

    [DatabaseTheory]
    public async Task Bench_quick_generates_a_small_set_and_finds_the_same_numbers_both_ways(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: false);
        var run = await RunAsync(app.Database, "bench", "--quick");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Assert.Contains("Số liệu từ bảng tổng hợp và từ số liệu gốc trùng khớp ở mọi trường hợp.", run.Output);
        Assert.Contains("Toàn quốc, như lúc đó", run.Output);
        Assert.DoesNotContain("KHÔNG", run.Output);

        await app.DbAsync(async db =>
        {
            var units = await db.Units.AsNoTracking().ToListAsync();
            var byId = units.ToDictionary(u => u.Id);
            Assert.Single(units, u => u.ParentId == null && u.Code == "VN");
            Assert.Equal(34, units.Count(u => u.Level == UnitLevel.Province && u.ValidTo == null));
            Assert.Equal(52, units.Count(u => u.Level == UnitLevel.Province && u.ValidTo == Generate.Reorganised));
            Assert.DoesNotContain(units, u => u.Level == UnitLevel.District && u.ValidTo != Generate.Reorganised);
            foreach (var u in units)
            {
                var parent = u.ParentId is int pid ? byId[pid] : null;
                Assert.Equal((parent?.Path ?? "/") + u.Id + "/", u.Path);
                Assert.Equal(Text.Fold(u.Name), u.NameFolded);
                Assert.Equal(Unit.LevelOf(u.Kind), u.Level);
                // A version lives inside its parent's life.
                if (parent is not null)
                    Assert.True(parent.ValidFrom <= u.ValidFrom && (parent.ValidTo is null || (u.ValidTo is not null && u.ValidTo <= parent.ValidTo)), $"{u.Path} outlives its parent");
            }

            // "As now" rows are exactly what the lineage walk gives, for every ended version; a split has weights.
            var successors = (await db.UnitSuccessors.AsNoTracking().ToListAsync()).ToLookup(s => s.OriginalUnitId);
            var lineage = new UnitLineageQueries(db);
            var ended = units.Where(u => u.ValidTo is not null).ToList();
            Assert.Equal(ended.Select(u => u.Id).Order(), successors.Select(g => g.Key).Order());
            foreach (var u in ended.Where((u, n) => u.Level != UnitLevel.ResidentialGroup || n % 7 == 0))
            {
                var walked = (await lineage.SuccessorsAsync(u.Id, DateOnly.MaxValue)).Select(w => (w.Unit.Id, w.Weight)).OrderBy(x => x.Id);
                Assert.Equal(walked, successors[u.Id].Select(s => (s.CurrentUnitId, s.Weight)).OrderBy(x => x.CurrentUnitId));
            }
            Assert.Contains(successors.SelectMany(g => g), s => s.Weight is > 0 and < 1);
            Assert.Contains(await db.UnitChanges.ToListAsync(), c => c.Kind == UnitChangeKind.Split);

            // Facts are what RecordFacts says each record writes; the totals add up to the facts.
            var kinds = await db.ActivityKinds.AsNoTracking().ToDictionaryAsync(k => k.Id);
            var activities = await db.Activities.AsNoTracking().ToListAsync();
            Assert.All(activities, a => Assert.Equal(RecordSource.Generated, a.Source));
            var facts = (await db.Facts.AsNoTracking().Where(f => f.RecordType == RecordFacts.ActivityType).ToListAsync()).ToLookup(f => f.RecordId);
            Assert.Equal(activities.Sum(a => RecordFacts.Of(a, kinds[a.KindId]).Count()), facts.Sum(g => g.Count()));
            foreach (var a in activities.Where((_, n) => n % 50 == 0))
                Assert.Equal(RecordFacts.Of(a, kinds[a.KindId]).Select(f => (f.UnitId, f.Date, f.Key, f.Value)).Order(),
                    facts[a.Id].Select(f => (f.UnitId, f.Date, f.Key, f.Value)).Order());
            var unityDays = await db.UnityDays.AsNoTracking().ToListAsync();
            Assert.Equal(unityDays.Sum(d => RecordFacts.Of(d).Count()), await db.Facts.CountAsync(f => f.RecordType == RecordFacts.UnityDayType));
            var total = await db.Facts.SumAsync(f => f.Value);
            Assert.Equal(total, await db.DailyTotals.SumAsync(t => t.Value));
            Assert.Equal(total, await db.MonthlyTotals.SumAsync(t => t.Value));
            Assert.False(await db.MonthlyTotals.Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => u.Level).AnyAsync(l => l == UnitLevel.ResidentialGroup));
            // Every generated fact lies under a province (the centre records nothing), each in the province of its commune.
            Assert.Equal(total, await db.ProvinceMonthlyTotals.SumAsync(t => t.Value));
            Assert.True(await db.ProvinceMonthlyTotals.Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => u.Level).AllAsync(l => l == UnitLevel.Province));
            // Each month a group held its Unity Day is a coverage month, in the group's province.
            Assert.Equal(await db.DailyTotals.Where(t => t.Key == "ngay_hoi.to_chuc" && t.Value != 0).GroupBy(t => new { t.UnitId, t.Day.Year, t.Day.Month }).CountAsync(),
                await db.CoverageMonths.CountAsync(c => c.Key == "ngay_hoi.to_chuc"));
            Assert.False(await db.CoverageMonths.AnyAsync(c => c.ProvinceId == null));
        });

        // Never into a database that has units: refused, nothing added.
        var activitiesBefore = await app.DbAsync(db => db.Activities.CountAsync());
        var again = await RunAsync(app.Database, "generate", "--scale", "0.002");
        Assert.True(again.ExitCode == 1, $"exit {again.ExitCode}: {again.Output} {again.Error}");
        Assert.Contains("đã có đơn vị", again.Output);
        Assert.Equal(activitiesBefore, await app.DbAsync(db => db.Activities.CountAsync()));
    }

    [DatabaseTheory]
    public async Task Generate_refuses_a_database_with_real_units(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var unitsBefore = await app.DbAsync(db => db.Units.CountAsync());
        var run = await RunAsync(app.Database, "generate", "--scale", "0.002");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("chỉ sinh dữ liệu vào một cơ sở dữ liệu trống", run.Output);
        Assert.Equal(unitsBefore, await app.DbAsync(db => db.Units.CountAsync()));
        Assert.Equal(0, await app.DbAsync(db => db.Activities.CountAsync(a => a.Source == RecordSource.Generated)));

        var usage = await RunAsync(app.Database, "generate", "--scale", "7");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--scale", usage.Error);
    }

    [Fact]
    public void The_national_tree_has_the_real_counts_and_is_the_same_for_the_same_seed()
    {
        var tree = Generate.Tree.Build(1, 2025);
        var current = tree.Units.Where(u => u.To is null).ToList();
        Assert.Equal(34, current.Count(u => u.Level == UnitLevel.Province));
        Assert.Equal(63, tree.Units.Count(u => u.Level == UnitLevel.Province && u.From < Generate.Reorganised));
        Assert.Equal(3321, current.Count(u => u.Level == UnitLevel.Commune));
        Assert.InRange(tree.Units.Count(u => u.Level == UnitLevel.District), 650, 750);
        Assert.InRange(tree.Units.Count(u => u.Level == UnitLevel.Commune && u.To is not null), 9_500, 10_700);
        Assert.InRange(current.Count(u => u.Level == UnitLevel.ResidentialGroup), 85_000, 95_000);
        // Every edge of a split sums to one for its source.
        foreach (var g in tree.Edges.GroupBy(e => e.From.Id))
            Assert.Equal(1, g.Sum(e => e.Weight), 9);

        var small = Generate.Tree.Build(0.01, 7);
        var again = Generate.Tree.Build(0.01, 7);
        Assert.Equal(small.Units.Select(u => (u.Id, u.Name, u.Path, u.From, u.To)), again.Units.Select(u => (u.Id, u.Name, u.Path, u.From, u.To)));
        Assert.NotEqual(small.Units.Select(u => u.Name), Generate.Tree.Build(0.01, 8).Units.Select(u => u.Name));
    }
}
