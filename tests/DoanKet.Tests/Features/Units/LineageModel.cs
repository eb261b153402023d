using DoanKet.Data;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Units;

/// <summary>
/// Brute force over all rows: a unit valid on the date is its own successor (predecessor); a unit that
/// ended by then passes each share along its outgoing edges (one not yet started, along its incoming ones).
/// Plain recursion over the whole graph in memory, to check the production walk and the UnitSuccessor table.
/// </summary>
public sealed class LineageModel
{
    public Dictionary<int, Unit> Units { get; }
    private readonly ILookup<int, UnitLineage> _out;
    private readonly ILookup<int, UnitLineage> _in;
    public List<UnitSuccessor> Table { get; }

    private LineageModel(List<Unit> units, List<UnitLineage> edges, List<UnitSuccessor> table)
    {
        Units = units.ToDictionary(u => u.Id);
        _out = edges.ToLookup(e => e.FromUnitId);
        _in = edges.ToLookup(e => e.ToUnitId);
        Table = table;
    }

    public static async Task<LineageModel> LoadAsync(AppDb db) => new(
        await db.Units.IgnoreQueryFilters().AsNoTracking().ToListAsync(),
        await db.UnitLineages.AsNoTracking().ToListAsync(),
        await db.UnitSuccessors.AsNoTracking().ToListAsync());

    public Dictionary<int, double> Successors(int id, DateOnly at)
    {
        var u = Units[id];
        if (u.IsValidOn(at)) return new() { [id] = 1 };
        var result = new Dictionary<int, double>();
        if (u.ValidFrom > at) return result;
        foreach (var e in _out[id])
            foreach (var (k, w) in Successors(e.ToUnitId, at))
                result[k] = result.GetValueOrDefault(k) + e.Weight * w;
        return result;
    }

    public Dictionary<int, double> Predecessors(int id, DateOnly at)
    {
        var u = Units[id];
        if (u.IsValidOn(at)) return new() { [id] = 1 };
        var result = new Dictionary<int, double>();
        if (u.ValidTo <= at) return result;
        foreach (var e in _in[id])
            foreach (var (k, w) in Predecessors(e.FromUnitId, at))
                result[k] = result.GetValueOrDefault(k) + e.Weight * w;
        return result;
    }

    /// <summary>
    /// The "as now" table must hold, for every ended unit, exactly its successors among current units;
    /// a current unit has no rows or only itself with weight 1.
    /// </summary>
    public void AssertSuccessorTable(IEnumerable<int> unitIds)
    {
        var rows = Table.ToLookup(s => s.OriginalUnitId);
        foreach (var id in unitIds)
        {
            var actual = rows[id].ToDictionary(s => s.CurrentUnitId, s => s.Weight);
            if (Units[id].ValidTo is null)
            {
                Assert.True(actual.Count == 0 || (actual.Count == 1 && actual.TryGetValue(id, out var self) && Math.Abs(self - 1) < 1e-9),
                    $"UnitSuccessor rows of current unit {id}: {Show(actual)}");
                continue;
            }
            AssertSame(Successors(id, DateOnly.MaxValue), actual, $"UnitSuccessor rows of ended unit {id} ({Units[id].Name})");
        }
    }

    public static void AssertSame(IReadOnlyDictionary<int, double> expected, IReadOnlyDictionary<int, double> actual, string what)
    {
        var ok = expected.Count == actual.Count && expected.All(kv => actual.TryGetValue(kv.Key, out var w) && Math.Abs(w - kv.Value) < 1e-9);
        Assert.True(ok, $"{what}: expected {Show(expected)}, got {Show(actual)}");
    }

    public static string Show(IReadOnlyDictionary<int, double> d) =>
        "{" + string.Join(", ", d.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value:0.######}")) + "}";
}
