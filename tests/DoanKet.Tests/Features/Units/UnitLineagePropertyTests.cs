using CsCheck;
using DoanKet.Data;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Units;

/// <summary>
/// Random sequences of merges, splits, moves and renames on a small tree (province → 3 communes → 6 groups).
/// After each sequence: the tree is well formed on every date, successors and predecessors equal a
/// brute-force walk over all rows, weights are conserved, the two directions agree, and the "as now"
/// table equals the brute force.
/// </summary>
public sealed class UnitLineagePropertyTests
{
    public sealed record Op(int Kind, int A, int B, int C, int Days, int[] Weights)
    {
        public override string ToString() => $"{(OpKind)Kind}(a={A}, b={B}, c={C}, +{Days}d, w=[{string.Join(",", Weights)}])";
    }

    public enum OpKind { MergeGroups, SplitGroup, MergeCommunes, SplitCommune, MoveGroup, Rename }

    private static readonly Gen<Op> GenOp = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[1, 500], Gen.Int[1, 9].Array[3],
        (k, a, b, c, d, w) => new Op(k, a, b, c, d, w));

    private static readonly Gen<Op[]> GenOps = GenOp.Array[1, 7];

    private static readonly DateOnly Start = new(2000, 1, 1);

    private static long Iterations => long.TryParse(Environment.GetEnvironmentVariable("DOANKET_PROPERTY_ITER"), out var n) ? n : 12;

    [DatabaseTheory]
    public async Task Random_changes_keep_the_tree_lineage_and_as_now_table_consistent(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var scenario = 0;
        await GenOps.SampleAsync(ops => RunScenarioAsync(app, ++scenario, ops), iter: Iterations, threads: 1,
            print: ops => string.Join(" → ", ops.Select(o => o.ToString())));
    }

    private static async Task<UnitChangePlan> ApplyAsync(TestApp app, UnitChangeRequest request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<UnitChanges>().ApplyAsync(request, _ => true);
        Assert.True(plan.IsValid, $"{request.Kind} on {request.EffectiveDate} refused: " + string.Join("; ", plan.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return plan;
    }

    private static async Task<int> CreateAsync(TestApp app, string name, UnitKind kind, int parentId) =>
        (await ApplyAsync(app, new UnitChangeRequest(UnitChangeKind.Create, Start, "QĐ thử", null, [], [new NewUnit(name, kind, null, parentId)]))).Created[0].Id;

    private static async Task RunScenarioAsync(TestApp app, int n, Op[] ops)
    {
        var vn = await app.DbAsync(db => Demo.CurrentAsync(db, "VN"));
        var province = await CreateAsync(app, $"Thử {n}", UnitKind.Province, vn.Id);
        for (var c = 1; c <= 3; c++)
        {
            var commune = await CreateAsync(app, $"X{c}", UnitKind.Commune, province);
            for (var g = 1; g <= 2; g++) await CreateAsync(app, $"T{c}.{g}", UnitKind.ResidentialGroup, commune);
        }
        var path = await app.DbAsync(db => db.Units.Where(u => u.Id == province).Select(u => u.Path).SingleAsync());

        var date = Start;
        var seq = 0;
        var applied = new List<(DateOnly Date, UnitChangePlan Plan, UnitChangeRequest Request)>();
        foreach (var op in ops)
        {
            var current = await app.DbAsync(db => db.Units.AsNoTracking().Where(u => u.Path.StartsWith(path) && u.Id != province && u.ValidTo == null).OrderBy(u => u.Id).ToListAsync());
            var communes = current.Where(u => u.Level == UnitLevel.Commune).ToList();
            var groups = current.Where(u => u.Level == UnitLevel.ResidentialGroup).ToList();
            var next = date.AddDays(op.Days);
            string Name() => $"N{++seq}";
            UnitChangeRequest? request = (OpKind)op.Kind switch
            {
                OpKind.MergeGroups when groups.Count >= 2 => Merge(Pick2(groups, op), UnitKind.ResidentialGroup, communes[op.C % communes.Count].Id),
                OpKind.SplitGroup when groups.Count >= 1 => Split(groups[op.A % groups.Count], UnitKind.ResidentialGroup, i => communes[(op.C + i) % communes.Count].Id, null),
                OpKind.MergeCommunes when communes.Count >= 2 => Merge(Pick2(communes, op), UnitKind.Commune, province),
                OpKind.SplitCommune when communes.Count >= 1 => SplitCommune(communes[op.A % communes.Count]),
                OpKind.MoveGroup when groups.Count >= 1 && communes.Count >= 2 => Move(groups[op.A % groups.Count]),
                OpKind.Rename when current.Count >= 1 => Rename(current[op.A % current.Count]),
                _ => null,
            };
            if (request is null) continue;
            var plan = await ApplyAsync(app, request);
            applied.Add((next, plan, request));
            date = next;

            UnitChangeRequest Merge(Unit[] sources, UnitKind kind, int parent) =>
                new(UnitChangeKind.Merge, next, "QĐ sáp nhập", null, [.. sources.Select(s => s.Id)], [new NewUnit(Name(), kind, null, parent)]);

            UnitChangeRequest Split(Unit source, UnitKind kind, Func<int, int> parentOf, IReadOnlyDictionary<int, int>? childTargets)
            {
                var k = 2 + op.B % 2;
                var total = (double)op.Weights.Take(k).Sum();
                return new(UnitChangeKind.Split, next, "QĐ chia tách", null, [source.Id],
                    [.. Enumerable.Range(0, k).Select(i => new NewUnit(Name(), kind, null, parentOf(i), op.Weights[i] / total))], childTargets);
            }

            UnitChangeRequest SplitCommune(Unit commune)
            {
                var children = groups.Where(g => g.ParentId == commune.Id).ToList();
                var k = 2 + op.B % 2;
                return Split(commune, UnitKind.Commune, _ => province, children.Select((g, i) => (g.Id, (i + op.C) % k)).ToDictionary(x => x.Item1, x => x.Item2));
            }

            UnitChangeRequest Move(Unit group)
            {
                var others = communes.Where(c => c.Id != group.ParentId).ToList();
                return new(UnitChangeKind.Move, next, "QĐ điều chỉnh", null, [group.Id], [new NewUnit(group.Name, group.Kind, null, others[op.C % others.Count].Id)]);
            }

            UnitChangeRequest Rename(Unit unit) =>
                new(UnitChangeKind.Rename, next, "QĐ đổi tên", null, [unit.Id], [new NewUnit(Name(), unit.Kind, null, unit.ParentId)]);
        }

        await CheckAsync(app, path, province, applied);
    }

    private static Unit[] Pick2(List<Unit> units, Op op)
    {
        var a = op.A % units.Count;
        var b = (a + 1 + op.B % (units.Count - 1)) % units.Count;
        return [units[a], units[b]];
    }

    private static async Task CheckAsync(TestApp app, string path, int province, List<(DateOnly Date, UnitChangePlan Plan, UnitChangeRequest Request)> applied)
    {
        var model = await app.DbAsync(LineageModel.LoadAsync);
        var units = model.Units.Values.Where(u => u.Path.StartsWith(path, StringComparison.Ordinal)).ToList();
        var dates = units.SelectMany(u => new[] { u.ValidFrom, u.ValidFrom.AddDays(-1) }.Concat(u.ValidTo is { } t ? [t, t.AddDays(-1)] : []))
            .Where(d => d >= Start).Distinct().Order().ToList();

        // 1. On every date the versions valid form a tree: each one's parent is valid then, and its path is the parent's path plus its id.
        foreach (var d in dates)
        {
            var valid = units.Where(u => u.IsValidOn(d)).ToList();
            Assert.Contains(valid, u => u.Id == province);
            foreach (var u in valid.Where(u => u.Id != province))
            {
                var parent = model.Units[u.ParentId!.Value];
                Assert.True(parent.IsValidOn(d), $"on {d} unit {u.Id} {u.Name} has parent {parent.Id} {parent.Name} valid {parent.ValidFrom}–{parent.ValidTo}");
                Assert.Equal(parent.Path + u.Id + "/", u.Path);
                Assert.True(parent.Level < u.Level);
            }
            // Names of current siblings do not matter, but ids of valid units never repeat and every group sits under a commune.
            Assert.All(valid.Where(u => u.Level == UnitLevel.ResidentialGroup), u => Assert.Equal(UnitLevel.Commune, model.Units[u.ParentId!.Value].Level));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var lineage = scope.ServiceProvider.GetRequiredService<UnitLineageQueries>();
        async Task<Dictionary<int, double>> Succ(int id, DateOnly at) => (await lineage.SuccessorsAsync(id, at)).ToDictionary(w => w.Unit.Id, w => w.Weight);
        async Task<Dictionary<int, double>> Pred(int id, DateOnly at) => (await lineage.PredecessorsAsync(id, at)).ToDictionary(w => w.Unit.Id, w => w.Weight);

        // 2. Successors and predecessors equal the brute force on every date; shares are conserved going forward.
        foreach (var u in units)
            foreach (var d in dates)
            {
                if (d >= u.ValidFrom)
                {
                    var succ = await Succ(u.Id, d);
                    LineageModel.AssertSame(model.Successors(u.Id, d), succ, $"successors of {u.Id} {u.Name} on {d}");
                    Assert.True(Math.Abs(succ.Values.Sum() - 1) < 1e-9, $"successors of {u.Id} on {d} carry {succ.Values.Sum()} of it");
                }
                if (u.ValidTo is null || d < u.ValidTo)
                    LineageModel.AssertSame(model.Predecessors(u.Id, d), await Pred(u.Id, d), $"predecessors of {u.Id} {u.Name} on {d}");
            }

        // 3. Each change, seen from the day before: the sources go into exactly the new units, with the requested shares.
        foreach (var (date, plan, request) in applied)
        {
            var targets = plan.Created.Where(c => !c.Amended).Take(request.Targets.Count).Select(c => c.Id).ToList();
            foreach (var source in request.SourceIds)
            {
                var expected = request.Kind == UnitChangeKind.Split
                    ? targets.Select((t, i) => (t, request.Targets[i].Weight)).ToDictionary(x => x.t, x => x.Weight)
                    : new Dictionary<int, double> { [targets[0]] = 1 };
                LineageModel.AssertSame(expected, await Succ(source, date), $"{request.Kind} of {source} on {date}");
                foreach (var (t, w) in expected)
                    Assert.Equal(w, (await Pred(t, date.AddDays(-1))).GetValueOrDefault(source), 9);
            }
            // The units valid the day before and on the day: forward and backward shares agree.
            foreach (var u in units.Where(u => u.IsValidOn(date.AddDays(-1))))
                foreach (var (v, w) in await Succ(u.Id, date))
                    Assert.Equal(w, (await Pred(v, date.AddDays(-1))).GetValueOrDefault(u.Id), 9);
        }

        // 4. The "as now" table equals the brute force for every version in the scenario.
        model.AssertSuccessorTable(units.Select(u => u.Id));
    }
}
