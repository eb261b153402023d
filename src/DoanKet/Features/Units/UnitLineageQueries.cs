using DoanKet.Data;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Units;

public sealed record WeightedUnit(Unit Unit, double Weight);

/// <summary>
/// successors(unit, date) and predecessors(unit, date) over the lineage graph, and the
/// <see cref="UnitSuccessor"/> table ("as now") they maintain. Every feature that restates
/// figures onto other units uses these.
/// </summary>
public sealed class UnitLineageQueries(AppDb db)
{
    /// <summary>The units valid on <paramref name="at"/> that carry on <paramref name="unitId"/>, with the share each takes.</summary>
    public Task<List<WeightedUnit>> SuccessorsAsync(int unitId, DateOnly at) => WalkAsync(unitId, at, forward: true);

    /// <summary>The units valid on <paramref name="at"/> that became <paramref name="unitId"/>, with the share of each that went into it.</summary>
    public Task<List<WeightedUnit>> PredecessorsAsync(int unitId, DateOnly at) => WalkAsync(unitId, at, forward: false);

    private async Task<List<WeightedUnit>> WalkAsync(int unitId, DateOnly at, bool forward)
    {
        var result = new Dictionary<int, WeightedUnit>();
        var frontier = new Dictionary<int, double> { [unitId] = 1 };
        for (var depth = 0; frontier.Count > 0 && depth < 64; depth++)
        {
            var ids = frontier.Keys.ToList();
            var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
            var follow = new List<int>();
            foreach (var (id, w) in frontier)
            {
                if (!units.TryGetValue(id, out var u)) continue;
                if (u.IsValidOn(at))
                    result[id] = new WeightedUnit(u, (result.TryGetValue(id, out var r) ? r.Weight : 0) + w);
                else if (forward ? u.ValidTo <= at : u.ValidFrom > at)
                    follow.Add(id);
            }
            var edges = forward
                ? await db.UnitLineages.AsNoTracking().Where(e => follow.Contains(e.FromUnitId)).Select(e => new { From = e.FromUnitId, To = e.ToUnitId, e.Weight }).ToListAsync()
                : await db.UnitLineages.AsNoTracking().Where(e => follow.Contains(e.ToUnitId)).Select(e => new { From = e.ToUnitId, To = e.FromUnitId, e.Weight }).ToListAsync();
            var next = new Dictionary<int, double>();
            foreach (var e in edges)
                next[e.To] = next.GetValueOrDefault(e.To) + frontier[e.From] * e.Weight;
            frontier = next;
        }
        return [.. result.Values.OrderBy(x => x.Unit.Path)];
    }

    /// <summary>
    /// Recomputes the "as now" rows of every unit that leads, through lineage, to any of
    /// <paramref name="changedUnitIds"/>. Runs in the caller's transaction.
    /// </summary>
    public async Task RecomputeSuccessorsAsync(IReadOnlyCollection<int> changedUnitIds)
    {
        // Everything upstream of the changed units (their predecessors, transitively) is affected.
        var affected = new HashSet<int>(changedUnitIds);
        var frontier = changedUnitIds.ToList();
        while (frontier.Count > 0)
        {
            var ids = frontier;
            frontier = await db.UnitLineages.Where(e => ids.Contains(e.ToUnitId)).Select(e => e.FromUnitId).Distinct().ToListAsync();
            frontier = frontier.Where(affected.Add).ToList();
        }
        foreach (var chunk in affected.Chunk(500))
        {
            var list = chunk.ToList();
            await db.UnitSuccessors.Where(s => list.Contains(s.OriginalUnitId)).ExecuteDeleteAsync();
        }
        foreach (var id in affected)
            foreach (var s in await SuccessorsAsync(id, DateOnly.MaxValue))
                db.UnitSuccessors.Add(new UnitSuccessor { OriginalUnitId = id, CurrentUnitId = s.Unit.Id, Weight = s.Weight });
        await db.SaveChangesAsync();
        // Rows were replaced with ExecuteDelete, behind the change tracker's back: forget them.
        foreach (var e in db.ChangeTracker.Entries<UnitSuccessor>().ToList()) e.State = EntityState.Detached;
    }
}
