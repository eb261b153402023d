using System.Globalization;
using System.Text;
using CsCheck;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Features.Units;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DoanKet.Tests.Indicators;

/// <summary>
/// Random records (activities, conferences, initiatives, Unity Days, commendations), edited, deleted and
/// restored, interleaved with random merges, splits, moves and renames of a small tree (province → 3
/// communes → 6 groups). Afterwards every indicator for every version of the tree and random periods
/// equals the brute force of <see cref="FigureModel"/>, as then and as now; the sources add up to the
/// figures; and the Facts, DailyTotals, MonthlyTotals, ProvinceMonthlyTotals and CoverageMonths tables equal what the live records state.
/// </summary>
public sealed class FigurePropertyTests(ITestOutputHelper output)
{
    public enum StepKind { Change, Activity, Conference, Initiative, UnityDay, Commendation, Edit, Delete, Restore }

    // Weights of the step kinds: mostly new records, some edits, a few tree changes.
    private static readonly StepKind[] KindTable =
    [
        StepKind.Change, StepKind.Change, StepKind.Activity, StepKind.Activity, StepKind.Activity, StepKind.Activity,
        StepKind.Conference, StepKind.Initiative, StepKind.UnityDay, StepKind.UnityDay, StepKind.Commendation,
        StepKind.Edit, StepKind.Edit, StepKind.Delete, StepKind.Restore, StepKind.Change,
    ];

    /// <summary>One step; its numbers pick units, dates and values from the state when it runs (as in the lineage test).</summary>
    public sealed record Step(StepKind Kind, int A, int B, int C, int D, int[] N)
    {
        public override string ToString() => $"{Kind}(a={A}, b={B}, c={C}, d={D}, n=[{string.Join(",", N)}])";
    }

    /// <summary>
    /// A period placed next to a record date or a tree change of the scenario (picked by <see cref="A"/>),
    /// so that its edges fall on, just before or just after days that hold facts or end unit versions.
    /// </summary>
    public sealed record PeriodPick(int Kind, int A, int B)
    {
        public Period Resolve(IReadOnlyList<DateOnly> dates)
        {
            var at = dates.Count == 0 ? Start : dates[A % dates.Count];
            var shift = B % 3 - 1;
            return Kind switch
            {
                0 => Period.Week(ISOWeek.GetYear(at.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(at.ToDateTime(TimeOnly.MinValue))),
                1 => Period.Month(at.AddMonths(shift).Year, at.AddMonths(shift).Month),
                2 => Period.Quarter(at.Year, 1 + (at.Month - 1) / 3),
                3 => Period.FirstHalf(at.Year),
                4 => Period.SecondHalf(at.Year),
                5 => Period.NineMonths(at.Year),
                6 => Period.Year(at.Year),
                7 => Period.Term(at.Year - B % 3, at.Year - B % 3 + 1 + B % 5),
                // Arbitrary days, starting at a fact's day ±1 or ending at one: the edges are read from the
                // daily totals, the whole months in between from the monthly ones.
                8 => Period.Range(at.AddDays(shift), at.AddDays(shift + B)),
                _ => Period.Range(at.AddDays(A % 3 - 1 - B), at.AddDays(A % 3 - 1)),
            };
        }

        public override string ToString() => $"({Kind}, {A}, {B})";
    }

    public sealed record Scenario(Step[] Steps, PeriodPick[] Periods)
    {
        public override string ToString() =>
            $"periods [{string.Join(", ", Periods.Select(p => p.ToString()))}]; steps:\n  " + string.Join("\n  ", Steps.Select(s => s.ToString()));
    }

    private static readonly Gen<Step> GenStep = Gen.Select(Gen.Int[0, KindTable.Length - 1], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 1000],
        Gen.Int[0, 1000], Gen.Int[0, 40].Array[7], (k, a, b, c, d, n) => new Step(KindTable[k], a, b, c, d, n));

    private static readonly Gen<PeriodPick> GenPeriod = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1000], Gen.Int[0, 800], (k, a, b) => new PeriodPick(k, a, b));

    private static readonly Gen<Scenario> GenScenario = Gen.Select(GenStep.Array[4, 60], GenPeriod.Array[2, 5], (s, p) => new Scenario(s, p));

    private static readonly DateOnly Start = new(2018, 1, 1);
    // Tree changes must be in force already (the day before today at the latest); records stay before this too.
    private static readonly DateOnly Limit = DateOnly.FromDateTime(TestClock.UtcNow.AddDays(-1)) is var d && d < new DateOnly(2025, 12, 31) ? d : new(2025, 12, 31);

    // Always checked: one range not aligned to months across everything, and a term of whole years.
    private static readonly Period[] Fixed = [Period.Range(new(2017, 12, 15), new(2026, 1, 10)), Period.Term(2018, 2025)];

    private static long Iterations => long.TryParse(Environment.GetEnvironmentVariable("DOANKET_PROPERTY_ITER"), out var n) ? n : 6;

    private static readonly ConferenceType[] ConferenceKinds = Enum.GetValues<ConferenceType>();
    private static readonly AwardLevel[] Levels = [AwardLevel.Commune, AwardLevel.District, AwardLevel.Province, AwardLevel.Central];

    [DatabaseTheory]
    public async Task Every_figure_equals_the_brute_force_over_raw_records_as_then_and_as_now(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var scenario = 0;
        var tally = new Tally();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await GenScenario.SampleAsync(s => RunScenarioAsync(app, ++scenario, s, tally), iter: Iterations, threads: 1,
            print: s => s.ToString());
        output.WriteLine($"{engine}: {scenario} scenarios in {clock.Elapsed.TotalSeconds:0.0} s; {tally}");
        // The comparisons must not all be of zeros.
        Assert.True(tally.Nonzero > 0, "no scenario produced a nonzero figure");
    }

    /// <summary>A record the scenario made, as the scenario knows it (to pick what to edit, delete or restore).</summary>
    private sealed class Rec(string type, int id, int unitId, DateOnly date)
    {
        public string Type { get; } = type;
        public int Id { get; } = id;
        public int UnitId { get; set; } = unitId;
        public DateOnly Date { get; set; } = date;
        public bool Live { get; set; } = true;
        public override string ToString() => $"{Type}#{Id}";
    }

    private sealed class Run(TestApp app, Tally tally)
    {
        public Tally Tally { get; } = tally;
        public TestApp App { get; } = app;
        public int Province { get; set; }
        public string Path { get; set; } = "";
        public DateOnly Clock { get; set; } = Start.AddDays(60);
        public DateOnly LastChange { get; set; } = Start;
        public int Seq { get; set; }
        public List<Rec> Records { get; } = [];
        public List<string> Log { get; } = [];
        public List<ActivityKind> Kinds { get; set; } = [];
    }

    /// <summary>What the scenarios exercised, to see that the checks are not all trivial.</summary>
    private sealed class Tally
    {
        public int Figures { get; set; }
        public int Nonzero { get; set; }
        public int Facts { get; set; }
        public int OnEndedUnits { get; set; }
        public int Shared { get; set; }
        public int Sources { get; set; }
        public int Changes { get; set; }
        public int Amended { get; set; }

        public override string ToString() =>
            $"{Figures} figures compared ({Nonzero} nonzero), {Facts} facts ({OnEndedUnits} on ended units, {Shared} shared by a split), "
            + $"{Sources} source lists, {Changes} tree changes ({Amended} units amended by a same-day change)";
    }

    private static async Task RunScenarioAsync(TestApp app, int n, Scenario scenario, Tally tally)
    {
        var run = new Run(app, tally);
        try
        {
            run.Kinds = await app.DbAsync(db => db.ActivityKinds.AsNoTracking().OrderBy(k => k.Id).ToListAsync());
            var vn = await app.DbAsync(db => Demo.CurrentAsync(db, "VN"));
            run.Province = await CreateAsync(app, $"Số liệu {n}", UnitKind.Province, vn.Id);
            for (var c = 1; c <= 3; c++)
            {
                var commune = await CreateAsync(app, $"X{c}", UnitKind.Commune, run.Province);
                for (var g = 1; g <= 2; g++) await CreateAsync(app, $"T{c}.{g}", UnitKind.ResidentialGroup, commune);
            }
            run.Path = await app.DbAsync(db => db.Units.Where(u => u.Id == run.Province).Select(u => u.Path).SingleAsync());

            foreach (var step in scenario.Steps)
            {
                if (step.Kind == StepKind.Change) await ChangeAsync(run, step);
                else await RecordStepAsync(run, step);
            }
            var dates = await app.DbAsync(db => db.Units.Where(u => u.Path.StartsWith(run.Path) && u.ValidFrom > Start).Select(u => u.ValidFrom).ToListAsync());
            dates = [.. dates.Concat(run.Records.Select(r => r.Date)).Distinct().Order()];
            var periods = scenario.Periods.Select(p => p.Resolve(dates)).ToList();
            run.Log.Add($"periods checked: {string.Join(", ", Fixed.Concat(periods).Select(p => p.Id))}");
            await CheckAsync(run, [.. Fixed, .. periods], tally);
        }
        catch (Exception e)
        {
            throw new XunitException($"scenario {n} (tree {run.Path}) failed: {e.Message}\nwhat it did:\n  {string.Join("\n  ", run.Log)}", e);
        }
    }

    // ------------------------------------------------------------------ tree changes (as in UnitLineagePropertyTests)

    private static async Task<UnitChangePlan> ApplyAsync(TestApp app, UnitChangeRequest request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<UnitChanges>().ApplyAsync(request, _ => true);
        Assert.True(plan.IsValid, $"{request.Kind} on {request.EffectiveDate} refused: " + string.Join("; ", plan.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return plan;
    }

    private static async Task<int> CreateAsync(TestApp app, string name, UnitKind kind, int parentId) =>
        (await ApplyAsync(app, new UnitChangeRequest(UnitChangeKind.Create, Start, "QĐ thử", null, [], [new NewUnit(name, kind, null, parentId)]))).Created[0].Id;

    private static async Task ChangeAsync(Run run, Step op)
    {
        var current = await run.App.DbAsync(db => db.Units.AsNoTracking()
            .Where(u => u.Path.StartsWith(run.Path) && u.Id != run.Province && u.ValidTo == null).OrderBy(u => u.Id).ToListAsync());
        // Now and then a second change on the day of the previous one, to the commune of a group that one made:
        // a same-day reorganisation amends that group in place (and its monthly totals move to the new commune).
        // Only when no record is dated that day on a unit the change could end.
        var amendable = current.Where(u => u.Level == UnitLevel.Commune && u.ValidFrom < run.Clock
            && current.Any(g => g.ParentId == u.Id && g.ValidFrom == run.Clock)).ToList();
        var sameDay = op.N[4] % 2 == 0 && run.LastChange == run.Clock && amendable.Count > 0
            && !run.Records.Any(r => r.Date >= run.Clock && current.Any(u => u.Id == r.UnitId && u.ValidFrom < run.Clock));
        var next = sameDay ? run.Clock : run.Clock.AddDays(1 + op.N[3] * 7);
        if (next > Limit) return;
        var communes = current.Where(u => u.Level == UnitLevel.Commune).ToList();
        var groups = current.Where(u => u.Level == UnitLevel.ResidentialGroup).ToList();
        // A unit that starts on the day cannot be changed that day (only amended as a child).
        var changeable = current.Where(u => u.ValidFrom < next).ToList();
        var srcCommunes = changeable.Where(u => u.Level == UnitLevel.Commune).ToList();
        var srcGroups = changeable.Where(u => u.Level == UnitLevel.ResidentialGroup).ToList();
        var weights = op.N.Take(3).Select(w => 1 + w % 9).ToArray();
        string Name() => $"N{++run.Seq}";
        var amend = sameDay ? amendable[op.A % amendable.Count] : null;
        UnitChangeRequest? request = amend is not null ? (op.D % 3) switch
        {
            0 when srcCommunes.Count >= 2 => Merge([amend, srcCommunes.First(c => c.Id != amend.Id)], UnitKind.Commune, run.Province),
            1 => SplitCommune(amend),
            _ => Rename(amend),
        }
        : (op.D % 6) switch
        {
            0 when srcGroups.Count >= 2 => Merge(Pick2(srcGroups, op), UnitKind.ResidentialGroup, communes[op.C % communes.Count].Id),
            1 when srcGroups.Count >= 1 => Split(srcGroups[op.A % srcGroups.Count], UnitKind.ResidentialGroup, i => communes[(op.C + i) % communes.Count].Id, null),
            2 when srcCommunes.Count >= 2 => Merge(Pick2(srcCommunes, op), UnitKind.Commune, run.Province),
            3 when srcCommunes.Count >= 1 => SplitCommune(srcCommunes[op.A % srcCommunes.Count]),
            4 when srcGroups.Count >= 1 && communes.Count >= 2 => Move(srcGroups[op.A % srcGroups.Count]),
            5 when changeable.Count >= 1 => Rename(changeable[op.A % changeable.Count]),
            _ => null,
        };
        if (request is null) return;
        var plan = await ApplyAsync(run.App, request);
        run.Clock = run.LastChange = next;
        run.Tally.Changes++;
        run.Tally.Amended += plan.Created.Count(c => c.Amended);
        run.Log.Add($"{next:yyyy-MM-dd} {request.Kind} [{string.Join(", ", request.SourceIds)}] → [{string.Join(", ", plan.Created.Select(c => $"{c.Id} {c.FullName}{(c.Amended ? " (amended)" : "")}"))}]"
            + (request.Kind == UnitChangeKind.Split ? $" shares [{string.Join(", ", request.Targets.Select(t => t.Weight.ToString("0.###")))}]" : ""));

        UnitChangeRequest Merge(Unit[] sources, UnitKind kind, int parent) =>
            new(UnitChangeKind.Merge, next, "QĐ sáp nhập", null, [.. sources.Select(s => s.Id)], [new NewUnit(Name(), kind, null, parent)]);

        UnitChangeRequest Split(Unit source, UnitKind kind, Func<int, int> parentOf, IReadOnlyDictionary<int, int>? childTargets)
        {
            var k = 2 + op.B % 2;
            var total = (double)weights.Take(k).Sum();
            return new(UnitChangeKind.Split, next, "QĐ chia tách", null, [source.Id],
                [.. Enumerable.Range(0, k).Select(i => new NewUnit(Name(), kind, null, parentOf(i), weights[i] / total))], childTargets);
        }

        UnitChangeRequest SplitCommune(Unit commune)
        {
            var children = groups.Where(g => g.ParentId == commune.Id).ToList();
            var k = 2 + op.B % 2;
            return Split(commune, UnitKind.Commune, _ => run.Province, children.Select((g, i) => (g.Id, (i + op.C) % k)).ToDictionary(x => x.Item1, x => x.Item2));
        }

        UnitChangeRequest Move(Unit group)
        {
            var others = communes.Where(c => c.Id != group.ParentId).ToList();
            return new(UnitChangeKind.Move, next, "QĐ điều chỉnh", null, [group.Id], [new NewUnit(group.Name, group.Kind, null, others[op.C % others.Count].Id)]);
        }

        UnitChangeRequest Rename(Unit unit) =>
            new(UnitChangeKind.Rename, next, "QĐ đổi tên", null, [unit.Id], [new NewUnit(Name(), unit.Kind, null, unit.ParentId)]);
    }

    private static Unit[] Pick2(List<Unit> units, Step op)
    {
        var a = op.A % units.Count;
        var b = (a + 1 + op.B % (units.Count - 1)) % units.Count;
        return [units[a], units[b]];
    }

    // ------------------------------------------------------------------ records

    /// <summary>Units of the tree a record may be kept by on this date: communes and groups valid then (only groups for a Unity Day).</summary>
    private static Task<List<Unit>> ValidOnAsync(AppDb db, Run run, DateOnly date, bool groupsOnly) =>
        db.Units.AsNoTracking()
            .Where(u => u.Path.StartsWith(run.Path) && u.ValidFrom <= date && (u.ValidTo == null || u.ValidTo > date)
                && (u.Level == UnitLevel.ResidentialGroup || (!groupsOnly && u.Level == UnitLevel.Commune)))
            .OrderBy(u => u.Id).ToListAsync();

    // A count as a form gives it: often empty, sometimes 0.
    private static int? Count(int v) => v switch { <= 4 => null, <= 8 => 0, _ => v - 8 };

    /// <summary>A date at most 400 days before the clock, often on or next to a month boundary.</summary>
    private static DateOnly DateOf(Run run, int c)
    {
        var d = run.Clock.AddDays(-(c % 400));
        if (c % 3 == 0) d = NearMonthEdge(d, c / 3);
        return d < Start ? Start : d > run.Clock ? run.Clock : d;
    }

    /// <summary>The first of the month, the day before it, or the day after it.</summary>
    private static DateOnly NearMonthEdge(DateOnly d, int pick) => new DateOnly(d.Year, d.Month, 1).AddDays(pick % 3 - 1);

    private static async Task RecordStepAsync(Run run, Step step)
    {
        // Time moves on between records too, so that records spread over several years; some records are
        // dated today, mostly on the units a change made today (a same-day change may then amend them).
        var today = step.D / 40 % (run.LastChange == run.Clock ? 2 : 4) == 0;
        var clock = today ? run.Clock : run.Clock.AddDays(step.D % 40);
        run.Clock = clock > Limit ? Limit : clock;
        await using var scope = run.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var writer = scope.ServiceProvider.GetRequiredService<RecordWriter>();
        var date = today ? run.Clock : DateOf(run, step.C);
        switch (step.Kind)
        {
            case StepKind.Edit:
                await EditAsync(run, db, writer, step);
                return;
            case StepKind.Delete:
            {
                var live = run.Records.Where(r => r.Live).ToList();
                if (live.Count == 0) return;
                var rec = live[step.A % live.Count];
                var record = await LoadAsync(db, rec, include: false);
                db.Remove(record);
                await SaveAsync(writer, record);
                rec.Live = false;
                run.Log.Add($"delete {rec}");
                return;
            }
            case StepKind.Restore:
            {
                var dead = run.Records.Where(r => !r.Live && !(r.Type == RecordFacts.UnityDayType && UnityDayTaken(run, r.UnitId, r.Date.Year, r.Id))).ToList();
                if (dead.Count == 0) return;
                var rec = dead[step.A % dead.Count];
                var record = await LoadAsync(db, rec, include: false);
                var deletable = (ISoftDeletable)record;
                (deletable.DeletedAt, deletable.DeletedBy) = (null, null);
                await SaveAsync(writer, record);
                rec.Live = true;
                run.Log.Add($"restore {rec}");
                return;
            }
        }

        var units = await ValidOnAsync(db, run, date, groupsOnly: step.Kind == StepKind.UnityDay);
        if (today && step.C % 4 != 0 && units.Any(u => u.ValidFrom == date)) units = [.. units.Where(u => u.ValidFrom == date)];
        if (units.Count == 0) return;
        var unit = units[step.B % units.Count];
        object created;
        switch (step.Kind)
        {
            case StepKind.Activity:
                var kind = run.Kinds[step.A % run.Kinds.Count];
                var a = new Activity { UnitId = unit.Id, KindId = kind.Id, Date = date, Title = $"Hoạt động thử {++run.Seq}" };
                SetCounts(a, step.N);
                db.Activities.Add(a);
                await writer.SaveAsync(a);
                created = a;
                break;
            case StepKind.Conference:
                var c = new Conference { UnitId = unit.Id, Date = date, Type = ConferenceKinds[step.A % ConferenceKinds.Length], Title = $"Hội nghị thử {++run.Seq}" };
                SetCounts(c, step.N);
                db.Conferences.Add(c);
                await writer.SaveAsync(c);
                created = c;
                break;
            case StepKind.Initiative:
                var i = new Initiative { UnitId = unit.Id, RegisteredOn = date, Name = $"Mô hình thử {++run.Seq}", Field = "khac" };
                SetCounts(i, step.A, step.N);
                db.Initiatives.Add(i);
                await writer.SaveAsync(i);
                created = i;
                break;
            case StepKind.UnityDay:
                if (UnityDayTaken(run, unit.Id, date.Year, null)) return;
                var u = new UnityDay { UnitId = unit.Id, Year = date.Year, Date = date };
                SetCounts(u, step.N);
                db.UnityDays.Add(u);
                await writer.SaveAsync(u);
                created = u;
                break;
            default:
                var k = new Commendation { UnitId = unit.Id, Date = date, Recipient = "" };
                SetCounts(k, step.A, step.N);
                db.Commendations.Add(k);
                await writer.SaveAsync(k);
                created = k;
                break;
        }
        run.Records.Add(new Rec(TypeOf(created), IdOf(created), unit.Id, date));
        run.Log.Add($"add {Describe(run, created)} on {unit.Name} #{unit.Id}");
    }

    /// <summary>Changes the values, the date, the unit, or all of them (and an activity's kind) of a live record.</summary>
    private static async Task EditAsync(Run run, AppDb db, RecordWriter writer, Step step)
    {
        var live = run.Records.Where(r => r.Live).ToList();
        if (live.Count == 0) return;
        var rec = live[step.A % live.Count];
        // Half the time the activity's kind is loaded with it, as a page showing it would.
        var record = await LoadAsync(db, rec, include: step.B % 2 == 0);
        var what = step.D % 4;
        if (what is 0 or 3)
        {
            switch (record)
            {
                case Activity a:
                    SetCounts(a, step.N);
                    if (what == 3) a.KindId = run.Kinds[step.C % run.Kinds.Count].Id;
                    break;
                case Conference c:
                    SetCounts(c, step.N);
                    if (what == 3) c.Type = ConferenceKinds[step.C % ConferenceKinds.Length];
                    break;
                case Initiative i: SetCounts(i, step.C, step.N); break;
                case UnityDay u: SetCounts(u, step.N); break;
                case Commendation k: SetCounts(k, step.C, step.N); break;
            }
        }
        if (what is 1 or 2 or 3)
        {
            var date = what == 2 ? rec.Date : DateOf(run, step.C + step.N[6]);
            var unityDay = record is UnityDay;
            var units = await ValidOnAsync(db, run, date, unityDay);
            var unit = what == 1 && units.Any(u => u.Id == rec.UnitId) ? rec.UnitId : units.Count == 0 ? (int?)null : units[step.B % units.Count].Id;
            if (unit is int id && !(unityDay && UnityDayTaken(run, id, date.Year, rec.Id)))
            {
                Place(record, id, date);
                rec.UnitId = id;
                rec.Date = date;
            }
        }
        await SaveAsync(writer, record);
        run.Log.Add($"edit {Describe(run, record)}");
    }

    private static bool UnityDayTaken(Run run, int unitId, int year, int? except) =>
        run.Records.Any(r => r.Live && r.Type == RecordFacts.UnityDayType && r.UnitId == unitId && r.Date.Year == year && r.Id != except);

    private static void SetCounts(Activity a, int[] n)
    {
        for (var i = 0; i < MeasureInfo.All.Length; i++)
        {
            var m = MeasureInfo.All[i];
            var v = Count(n[i]);
            a.SetCount(m, m == Measures.Money ? v * 50_000L : m == Measures.Attendances ? v * 7 : v);
        }
    }

    private static void SetCounts(Conference c, int[] n) => (c.Invited, c.Present, c.Opinions) = (Count(n[0]) * 3, Count(n[1]) * 2, Count(n[2]));

    private static void SetCounts(Initiative i, int pick, int[] n) =>
        (i.Field, i.Status) = (Initiative.Fields[pick % Initiative.Fields.Length].Code, (InitiativeStatus)(n[0] % 4));

    private static void SetCounts(UnityDay u, int[] n) => (u.Held, u.HouseholdsAttending, u.HouseholdsTotal) = (n[0] % 4 != 0, Count(n[1]) * 5, Count(n[2]) * 9);

    private static void SetCounts(Commendation k, int pick, int[] n)
    {
        k.Level = Levels[pick % Levels.Length];
        k.Collective = n[0] % 2 == 0;
        k.Proposed = n[1] % 3 == 0;
        k.Form = (CommendationForm)(n[2] % 4);
        k.Recipient = k.Collective ? "Ban Công tác Mặt trận" : "Nguyễn Văn An";
    }

    private static void Place(object record, int unitId, DateOnly date)
    {
        switch (record)
        {
            case Activity a: (a.UnitId, a.Date) = (unitId, date); break;
            case Conference c: (c.UnitId, c.Date) = (unitId, date); break;
            case Initiative i: (i.UnitId, i.RegisteredOn) = (unitId, date); break;
            case UnityDay u: (u.UnitId, u.Year, u.Date) = (unitId, date.Year, date); break;
            case Commendation k: (k.UnitId, k.Date) = (unitId, date); break;
        }
    }

    private static async Task<object> LoadAsync(AppDb db, Rec rec, bool include) => rec.Type switch
    {
        RecordFacts.ActivityType => include
            ? await db.Activities.IgnoreQueryFilters().Include(a => a.Kind).SingleAsync(a => a.Id == rec.Id)
            : await db.Activities.IgnoreQueryFilters().SingleAsync(a => a.Id == rec.Id),
        RecordFacts.ConferenceType => await db.Conferences.IgnoreQueryFilters().SingleAsync(c => c.Id == rec.Id),
        RecordFacts.InitiativeType => await db.Initiatives.IgnoreQueryFilters().SingleAsync(i => i.Id == rec.Id),
        RecordFacts.UnityDayType => await db.UnityDays.IgnoreQueryFilters().SingleAsync(u => u.Id == rec.Id),
        _ => await db.Commendations.IgnoreQueryFilters().SingleAsync(k => k.Id == rec.Id),
    };

    private static Task SaveAsync(RecordWriter writer, object record) => record switch
    {
        Activity a => writer.SaveAsync(a),
        Conference c => writer.SaveAsync(c),
        Initiative i => writer.SaveAsync(i),
        UnityDay u => writer.SaveAsync(u),
        Commendation k => writer.SaveAsync(k),
        _ => throw new ArgumentException(record.GetType().Name, nameof(record)),
    };

    private static int IdOf(object record) => record switch
    {
        Activity a => a.Id,
        Conference c => c.Id,
        Initiative i => i.Id,
        UnityDay u => u.Id,
        Commendation k => k.Id,
        _ => throw new ArgumentException(record.GetType().Name, nameof(record)),
    };

    private static string TypeOf(object record) => record switch
    {
        Activity => RecordFacts.ActivityType,
        Conference => RecordFacts.ConferenceType,
        Initiative => RecordFacts.InitiativeType,
        UnityDay => RecordFacts.UnityDayType,
        _ => RecordFacts.CommendationType,
    };

    private static string Describe(Run run, object record) => record switch
    {
        Activity a => $"activity#{a.Id} {run.Kinds.First(k => k.Id == a.KindId).Code} unit {a.UnitId} {a.Date:yyyy-MM-dd} "
            + string.Join(" ", MeasureInfo.All.Select(m => $"{MeasureInfo.Key(m)}={a.Count(m)?.ToString() ?? "∅"}")),
        Conference c => $"conference#{c.Id} {ConferenceTypes.Key(c.Type)} unit {c.UnitId} {c.Date:yyyy-MM-dd} moi={c.Invited} du={c.Present} y_kien={c.Opinions}",
        Initiative i => $"initiative#{i.Id} {i.Field} {i.Status} unit {i.UnitId} {i.RegisteredOn:yyyy-MM-dd}",
        UnityDay u => $"unity_day#{u.Id} held={u.Held} unit {u.UnitId} {u.Year} {u.Date:yyyy-MM-dd} ho_du={u.HouseholdsAttending} ho={u.HouseholdsTotal}",
        Commendation k => $"commendation#{k.Id} {Commendation.LevelKey(k.Level)} collective={k.Collective} proposed={k.Proposed} unit {k.UnitId} {k.Date:yyyy-MM-dd}",
        _ => record.ToString() ?? "",
    };

    // ------------------------------------------------------------------ checks

    private static bool Close(double expected, double actual) => Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected));

    /// <summary>Compares every figure and some source lists with the brute force.</summary>
    private static async Task CheckAsync(Run run, Period[] periods, Tally tally)
    {
        var model = await run.App.DbAsync(db => FigureModel.LoadAsync(db, run.Path));
        tally.Facts += model.Facts.Count;
        tally.OnEndedUnits += model.Facts.Count(f => model.Lineage.Units[f.UnitId].ValidTo is not null);
        tally.Shared += model.Facts.Count(f => model.Now(f.UnitId).Count > 1);
        await AssertTablesAsync(run, model);

        await using var scope = run.App.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<Figures>();
        var targets = model.Units;
        for (var t = 0; t < targets.Count; t++)
        {
            var target = targets[t];
            // Every period for the province; for the other versions one of the fixed periods and every other random one, to keep the run short.
            foreach (var (period, j) in periods.Select((p, j) => (p, j)))
            {
                if (target.Id != run.Province && (j < Fixed.Length ? j != t % Fixed.Length : (t + j) % 2 == 1)) continue;
                foreach (var mode in new[] { FigureMode.Then, FigureMode.Now })
                {
                    var actual = await figures.ComputeAsync(target, period, mode);
                    Assert.Equal(model.Indicators.Count, actual.Count);
                    foreach (var f in actual) AssertFigure(model, f, target, period, mode, tally);
                }
            }
        }

        // Only some indicators asked for: a ratio brings its parts along, but only what was asked comes back.
        var province = targets.Single(u => u.Id == run.Province);
        var catalogue = model.Indicators.Values.OrderBy(i => i.Code).ToList();
        var subset = catalogue.Where((i, k) => (k + run.Records.Count) % 5 == 0 || i.Rule == IndicatorRule.Ratio).ToList();
        foreach (var wanted in subset.Where(i => i.Rule == IndicatorRule.Ratio).Select(i => new List<Indicator> { i }).Append(subset))
            foreach (var mode in new[] { FigureMode.Then, FigureMode.Now })
            {
                var some = await figures.ComputeAsync(province, periods[^1], mode, wanted);
                Assert.Equal(wanted.Select(i => i.Code), some.Select(f => f.Indicator.Code));
                foreach (var f in some) AssertFigure(model, f, province, periods[^1], mode, tally);
            }

        // Sources: the province and one other version, over the first fixed period and the first random one.
        var sourceTargets = new[] { targets.Single(u => u.Id == run.Province), targets[run.Records.Count % targets.Count] }.Distinct().ToList();
        foreach (var target in sourceTargets)
            foreach (var period in new[] { periods[0], periods[Fixed.Length] })
                foreach (var mode in new[] { FigureMode.Then, FigureMode.Now })
                    foreach (var i in model.Indicators.Values.Where(i => i.Rule != IndicatorRule.Ratio).OrderBy(i => i.Code))
                    {
                        var expected = model.Sources(i, target, period, mode);
                        // Checking every empty list is slow and says little; check some.
                        if (expected.Count == 0 && i.Id % 8 != 0) continue;
                        var sources = await figures.SourcesAsync(i, target, period, mode);
                        tally.Sources++;
                        var where = $"sources of {i.Code} for {target.Name} #{target.Id} {period.Id} {mode}";
                        Assert.True(sources.Count < 500, $"{where}: {sources.Count} sources, the scenario is too big for this check");
                        AssertSameSources(expected, sources, where);
                        if (i.Rule == IndicatorRule.Sum)
                        {
                            var figure = model.Compute(i, target, period, mode).Value;
                            Assert.True(Close(figure, sources.Sum(s => s.Value * s.Weight)), $"{where}: sources add up to {sources.Sum(s => s.Value * s.Weight)}, the figure is {figure}");
                        }
                    }
    }

    private static void AssertFigure(FigureModel model, Figure f, Unit target, Period period, FigureMode mode, Tally tally)
    {
        var e = model.Compute(f.Indicator, target, period, mode);
        var where = $"{f.Indicator.Code} ({f.Indicator.Rule}) for {target.Name} #{target.Id} {target.Path} [{target.ValidFrom:yyyy-MM-dd}–{target.ValidTo:yyyy-MM-dd}] {period.Id} {mode}";
        Assert.True(Close(e.Value, f.Value), $"{where}: expected {e.Value}, got {f.Value}{Why(model, f.Indicator, target, period, mode)}");
        Assert.True(e.Of == f.Of, $"{where}: expected of {e.Of}, got {f.Of}");
        Assert.True(e.Parts is null == f.Parts is null && (e.Parts is null || (Close(e.Parts.Value.Numerator, f.Parts!.Value.Numerator) && Close(e.Parts.Value.Denominator, f.Parts.Value.Denominator))),
            $"{where}: expected parts {e.Parts}, got {f.Parts}");
        if (mode == FigureMode.Now && target.ValidTo is not null)
            Assert.True(f.Value == 0 && (f.Of ?? 0) == 0, $"{where}: an ended unit has nothing as now, got {f.Value}/{f.Of}");
        tally.Figures++;
        if (f.Value != 0) tally.Nonzero++;
    }

    /// <summary>On failure: the facts the model counted, with their shares.</summary>
    private static string Why(FigureModel model, Indicator i, Unit target, Period period, FigureMode mode)
    {
        if (i.Rule == IndicatorRule.Ratio) return "";
        var facts = model.Sources(i, target, period, mode);
        return "\nmodel's facts:\n  " + string.Join("\n  ", facts.Select(f => $"{f.RecordType}#{f.RecordId} unit {f.UnitId} {f.Date:yyyy-MM-dd} {f.Key}={f.Value} ×{f.Weight:0.######}"));
    }

    private static void AssertSameSources(List<FigureModel.ExpectedSource> expected, List<Source> actual, string where)
    {
        static string Row(string type, int id, int unit, DateOnly date, string key, long value, double weight) =>
            $"{type}#{id} unit {unit} {date:yyyy-MM-dd} {key}={value} ×{Math.Round(weight, 6):0.######}";
        var e = expected.Select(s => Row(s.RecordType, s.RecordId, s.UnitId, s.Date, s.Key, s.Value, s.Weight)).Order(StringComparer.Ordinal).ToList();
        var a = actual.Select(s => Row(s.RecordType, s.RecordId, s.UnitId, s.Date, s.Key, s.Value, s.Weight)).Order(StringComparer.Ordinal).ToList();
        Assert.True(e.SequenceEqual(a), $"{where}:\nexpected\n  {string.Join("\n  ", e)}\ngot\n  {string.Join("\n  ", a)}");
    }

    /// <summary>
    /// Facts of the tree = the recomputed facts of its live records; DailyTotals and MonthlyTotals = a
    /// GROUP BY over those facts (a group's facts under its commune each month); no row without facts.
    /// </summary>
    private static async Task AssertTablesAsync(Run run, FigureModel model)
    {
        var ids = model.Units.Select(u => u.Id).ToList();
        var rollup = model.Units.ToDictionary(u => u.Id, u => u.Level == UnitLevel.ResidentialGroup ? u.ParentId ?? u.Id : u.Id);
        await run.App.DbAsync(async db =>
        {
            var facts = await db.Facts.AsNoTracking().Where(f => ids.Contains(f.UnitId)).ToListAsync();
            AssertSameRows(model.Facts.Select(f => f.ToString()), facts.Select(f => new FigureModel.RawFact(f.RecordType, f.RecordId, f.UnitId, f.Date, f.Key, f.Value).ToString()),
                "Facts of the tree vs the facts its live records state");

            var daily = await db.DailyTotals.AsNoTracking().Where(t => ids.Contains(t.UnitId)).ToListAsync();
            AssertSameRows(
                facts.GroupBy(f => (f.UnitId, f.Date, f.Key)).Select(g => $"unit {g.Key.UnitId} {g.Key.Date:yyyy-MM-dd} {g.Key.Key}={g.Sum(f => f.Value)} ({g.Count()} facts)"),
                daily.Select(t => $"unit {t.UnitId} {t.Day:yyyy-MM-dd} {t.Key}={t.Value} ({t.Facts} facts)"),
                "DailyTotals vs GROUP BY unit, day, key over Facts");

            var monthly = await db.MonthlyTotals.AsNoTracking().Where(t => ids.Contains(t.UnitId)).ToListAsync();
            AssertSameRows(
                facts.GroupBy(f => (Unit: rollup[f.UnitId], Month: new DateOnly(f.Date.Year, f.Date.Month, 1), f.Key))
                    .Select(g => $"unit {g.Key.Unit} {g.Key.Month:yyyy-MM} {g.Key.Key}={g.Sum(f => f.Value)} ({g.Count()} facts)"),
                monthly.Select(t => $"unit {t.UnitId} {t.Month:yyyy-MM} {t.Key}={t.Value} ({t.Facts} facts)"),
                "MonthlyTotals vs GROUP BY commune, month, key over Facts");
            Assert.True(monthly.All(t => t.Month.Day == 1), "a MonthlyTotals row not on the first of its month");

            // Each fact once more under the province its unit's path lies in.
            var provinceOf = model.Units.ToDictionary(u => u.Id,
                u => model.Units.Where(p => p.Level == UnitLevel.Province && u.Path.StartsWith(p.Path, StringComparison.Ordinal)).Select(p => (int?)p.Id).FirstOrDefault());
            var provinces = await db.ProvinceMonthlyTotals.AsNoTracking().Where(t => ids.Contains(t.UnitId)).ToListAsync();
            AssertSameRows(
                facts.Where(f => provinceOf[f.UnitId] is not null)
                    .GroupBy(f => (Unit: provinceOf[f.UnitId]!.Value, Month: new DateOnly(f.Date.Year, f.Date.Month, 1), f.Key))
                    .Select(g => $"unit {g.Key.Unit} {g.Key.Month:yyyy-MM} {g.Key.Key}={g.Sum(f => f.Value)} ({g.Count()} facts)"),
                provinces.Select(t => $"unit {t.UnitId} {t.Month:yyyy-MM} {t.Key}={t.Value} ({t.Facts} facts)"),
                "ProvinceMonthlyTotals vs GROUP BY province, month, key over Facts");

            // A coverage month per unit, month and coverage key with a nonzero day, with the unit's level and province.
            var coverageKeys = (await db.Indicators.AsNoTracking().Where(i => i.Rule == IndicatorRule.Coverage).ToListAsync()).SelectMany(i => i.FactKeys).ToHashSet();
            var levelOf = model.Units.ToDictionary(u => u.Id, u => u.Level);
            var coverage = await db.CoverageMonths.AsNoTracking().Where(c => ids.Contains(c.UnitId)).ToListAsync();
            AssertSameRows(
                facts.Where(f => coverageKeys.Contains(f.Key)).GroupBy(f => (f.UnitId, f.Date, f.Key)).Where(g => g.Sum(f => f.Value) != 0)
                    .GroupBy(g => (g.Key.UnitId, Month: new DateOnly(g.Key.Date.Year, g.Key.Date.Month, 1), g.Key.Key))
                    .Select(g => $"unit {g.Key.UnitId} {g.Key.Month:yyyy-MM} {g.Key.Key} {levelOf[g.Key.UnitId]} in {provinceOf[g.Key.UnitId]}"),
                coverage.Where(c => coverageKeys.Contains(c.Key)).Select(c => $"unit {c.UnitId} {c.Month:yyyy-MM} {c.Key} {c.Level} in {c.ProvinceId}"),
                "CoverageMonths vs the days with a nonzero total of a coverage key");

            Assert.Equal(0, await db.DailyTotals.CountAsync(t => t.Facts <= 0));
            Assert.Equal(0, await db.MonthlyTotals.CountAsync(t => t.Facts <= 0));
            Assert.Equal(0, await db.ProvinceMonthlyTotals.CountAsync(t => t.Facts <= 0));
        });
    }

    private static void AssertSameRows(IEnumerable<string> expected, IEnumerable<string> actual, string what)
    {
        var e = expected.Order(StringComparer.Ordinal).ToList();
        var a = actual.Order(StringComparer.Ordinal).ToList();
        if (e.SequenceEqual(a)) return;
        var missing = e.Except(a).ToList();
        var extra = a.Except(e).ToList();
        var sb = new StringBuilder($"{what}: {e.Count} rows expected, {a.Count} found");
        if (missing.Count > 0) sb.Append("\nmissing:\n  ").AppendJoin("\n  ", missing);
        if (extra.Count > 0) sb.Append("\nunexpected:\n  ").AppendJoin("\n  ", extra);
        if (missing.Count == 0 && extra.Count == 0) sb.Append("\n(duplicated rows)");
        Assert.Fail(sb.ToString());
    }
}
