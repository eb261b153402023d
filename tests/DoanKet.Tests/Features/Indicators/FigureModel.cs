using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Indicators;

/// <summary>
/// Brute force for figures over one subtree: the facts of every live record, recomputed from the record
/// rows with <see cref="RecordFacts"/> (never read from the Facts or totals tables), summed in memory per
/// indicator over the units under the target (as then) or restated onto today's units by a plain lineage
/// walk (as now).
/// </summary>
public sealed class FigureModel
{
    public sealed record RawFact(string Type, int RecordId, int UnitId, DateOnly Date, string Key, long Value)
    {
        public override string ToString() => $"{Type}#{RecordId} unit {UnitId} {Date:yyyy-MM-dd} {Key}={Value}";
    }

    public sealed record Expected(double Value, double? Of = null, (double Numerator, double Denominator)? Parts = null);

    public sealed record ExpectedSource(string RecordType, int RecordId, int UnitId, DateOnly Date, string Key, long Value, double Weight);

    public LineageModel Lineage { get; }
    /// <summary>Every version in the subtree, the root included.</summary>
    public List<Unit> Units { get; }
    public List<RawFact> Facts { get; }
    public Dictionary<string, Indicator> Indicators { get; }
    private readonly Dictionary<int, Dictionary<int, double>> _now = [];

    private FigureModel(LineageModel lineage, List<Unit> units, List<RawFact> facts, Dictionary<string, Indicator> indicators)
    {
        Lineage = lineage;
        Units = units;
        Facts = facts;
        Indicators = indicators;
    }

    public static bool Under(Unit unit, string path) => unit.Path.StartsWith(path, StringComparison.Ordinal);

    public static async Task<FigureModel> LoadAsync(AppDb db, string path)
    {
        var lineage = await LineageModel.LoadAsync(db);
        var units = lineage.Units.Values.Where(u => Under(u, path)).OrderBy(u => u.Id).ToList();
        var ids = units.Select(u => u.Id).ToList();
        var kinds = await db.ActivityKinds.AsNoTracking().ToDictionaryAsync(k => k.Id);
        var facts = new List<RawFact>();
        void Add(string type, int id, IEnumerable<FactRow> rows) =>
            facts.AddRange(rows.Select(r => new RawFact(type, id, r.UnitId, r.Date, r.Key, r.Value)));

        // Soft-deleted rows are dropped here explicitly, not by the query filters under test.
        foreach (var a in await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.UnitId)).ToListAsync())
            if (a.DeletedAt is null) Add(RecordFacts.ActivityType, a.Id, RecordFacts.Of(a, kinds[a.KindId]));
        foreach (var c in await db.Conferences.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.UnitId)).ToListAsync())
            if (c.DeletedAt is null) Add(RecordFacts.ConferenceType, c.Id, RecordFacts.Of(c));
        foreach (var i in await db.Initiatives.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.UnitId)).ToListAsync())
            if (i.DeletedAt is null) Add(RecordFacts.InitiativeType, i.Id, RecordFacts.Of(i));
        foreach (var d in await db.UnityDays.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.UnitId)).ToListAsync())
            if (d.DeletedAt is null) Add(RecordFacts.UnityDayType, d.Id, RecordFacts.Of(d));
        foreach (var c in await db.Commendations.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.UnitId)).ToListAsync())
            if (c.DeletedAt is null) Add(RecordFacts.CommendationType, c.Id, RecordFacts.Of(c));

        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code);
        return new FigureModel(lineage, units, facts, indicators);
    }

    /// <summary>Today's units a fact of this unit counts for, with their shares (itself with 1 when current).</summary>
    public Dictionary<int, double> Now(int unitId)
    {
        if (!_now.TryGetValue(unitId, out var s)) _now[unitId] = s = Lineage.Successors(unitId, DateOnly.MaxValue);
        return s;
    }

    private bool IsCurrentUnder(int unitId, Unit target) => Lineage.Units[unitId] is { ValidTo: null, DeletedAt: null } u && Under(u, target.Path);

    private IEnumerable<RawFact> InPeriod(IReadOnlyCollection<string> keys, Period p) =>
        Facts.Where(f => keys.Contains(f.Key) && p.Contains(f.Date));

    public Expected Compute(Indicator i, Unit target, Period p, FigureMode mode)
    {
        switch (i.Rule)
        {
            case IndicatorRule.Sum:
                return new(InPeriod(i.FactKeys, p).Sum(f => f.Value * Share(f.UnitId, target, mode)));
            case IndicatorRule.Coverage:
                var (x, y) = Coverage(i, target, p, mode);
                return new(x, y);
            default:
                double Part(string? code) => code is not null && Indicators.TryGetValue(code, out var part) ? Compute(part, target, p, mode).Value : 0;
                var (n, d) = (Part(i.Numerator), Part(i.Denominator));
                return new(d == 0 ? 0 : n / d * i.Scale, Parts: (n, d));
        }
    }

    /// <summary>As then a fact counts whole when its unit is under the target; as now, by the shares of its successors under it.</summary>
    private double Share(int unitId, Unit target, FigureMode mode) => mode == FigureMode.Then
        ? (Under(Lineage.Units[unitId], target.Path) ? 1 : 0)
        : Now(unitId).Where(kv => IsCurrentUnder(kv.Key, target)).Sum(kv => kv.Value);

    private (int X, int Y) Coverage(Indicator i, Unit target, Period p, FigureMode mode)
    {
        var level = i.CoverageLevel ?? UnitLevel.ResidentialGroup;
        // A unit "has" the facts when one of its day totals in the period is not zero.
        var active = InPeriod(i.FactKeys, p).GroupBy(f => (f.UnitId, f.Date, f.Key))
            .Where(g => g.Sum(f => f.Value) != 0).Select(g => g.Key.UnitId).Distinct().ToList();
        var ofLevel = Units.Where(u => u.Level == level && u.DeletedAt is null && Under(u, target.Path)).ToList();
        if (mode == FigureMode.Then)
            return (active.Count(id => ofLevel.Any(u => u.Id == id)),
                ofLevel.Count(u => u.ValidFrom <= p.To && (u.ValidTo is null || u.ValidTo > p.From)));
        var current = ofLevel.Where(u => u.ValidTo is null).Select(u => u.Id).ToHashSet();
        var reached = active.SelectMany(id => Now(id).Where(kv => kv.Value > 0).Select(kv => kv.Key)).Where(current.Contains).Distinct().Count();
        return (reached, current.Count);
    }

    /// <summary>The facts behind a Sum or Coverage figure, each with the share that counts.</summary>
    public List<ExpectedSource> Sources(Indicator i, Unit target, Period p, FigureMode mode)
    {
        UnitLevel? level = i.Rule == IndicatorRule.Coverage ? i.CoverageLevel ?? UnitLevel.ResidentialGroup : null;
        bool OfLevel(int unitId) => level is null || Lineage.Units[unitId].Level == level;
        var result = new List<ExpectedSource>();
        foreach (var f in InPeriod(i.FactKeys, p))
        {
            if (mode == FigureMode.Then)
            {
                if (OfLevel(f.UnitId) && Under(Lineage.Units[f.UnitId], target.Path))
                    result.Add(new(f.Type, f.RecordId, f.UnitId, f.Date, f.Key, f.Value, 1));
                continue;
            }
            if (target.ValidTo is not null) continue;
            foreach (var (c, w) in Now(f.UnitId))
                if (OfLevel(c) && IsCurrentUnder(c, target))
                    result.Add(new(f.Type, f.RecordId, f.UnitId, f.Date, f.Key, f.Value, w));
        }
        return result;
    }
}
