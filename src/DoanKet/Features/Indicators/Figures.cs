using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Indicators;

/// <summary>Units as they were when the work was done, or restated onto today's units through lineage.</summary>
public enum FigureMode { Then, Now }

/// <summary>
/// One computed figure. For a coverage, <see cref="Value"/> is x and <see cref="Of"/> is y; for a
/// ratio, <see cref="Value"/> is the ratio and <see cref="Parts"/> its numerator and denominator.
/// </summary>
public sealed record Figure(Indicator Indicator, double Value, double? Of = null, (double Numerator, double Denominator)? Parts = null)
{
    /// <summary>Coverage as a percentage (x of y), or the value itself.</summary>
    public double Percent => Indicator.Rule == IndicatorRule.Coverage ? (Of is > 0 ? Value / Of.Value * 100 : 0) : Value;

    public string Display => Indicator.Rule switch
    {
        IndicatorRule.Coverage => $"{Fmt.Number((long)Value)}/{Fmt.Number((long)(Of ?? 0))}",
        IndicatorRule.Ratio when Parts is { Denominator: 0 } => "—",
        IndicatorRule.Ratio => Fmt.Number(Value, 1) + (Indicator.UnitOfMeasure == "%" ? " %" : ""),
        _ => Fmt.Number(Value, 0),
    };
}

/// <summary>A fact behind a figure, with the share of it that counts ("as now" after a split).</summary>
public sealed record Source(string RecordType, int RecordId, int UnitId, DateOnly Date, string Key, long Value, double Weight);

/// <summary>
/// Computes indicator values for a unit (with everything below it) and a period, as then or as now,
/// from the totals tables — never from raw records — and lists the facts behind any figure.
/// </summary>
public sealed class Figures(AppDb db)
{
    public async Task<List<Indicator>> CatalogueAsync() =>
        await db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync();

    /// <summary>
    /// Every indicator (or the listed ones) for the unit and period. "As now" needs a current unit:
    /// an ended unit has nothing under it today, so its "as now" figures are all zero.
    /// </summary>
    public async Task<List<Figure>> ComputeAsync(Unit unit, Period period, FigureMode mode, IReadOnlyCollection<Indicator>? indicators = null)
    {
        var all = await CatalogueAsync();
        var byCode = all.ToDictionary(i => i.Code);
        var wanted = indicators?.ToList() ?? all;
        // Ratios need their parts.
        var needed = new Dictionary<string, Indicator>();
        foreach (var i in wanted) Need(i, byCode, needed);

        var sumKeys = needed.Values.Where(i => i.Rule == IndicatorRule.Sum).SelectMany(i => i.FactKeys).Distinct().ToList();
        var sums = mode == FigureMode.Then ? await SumsThenAsync(unit, period, sumKeys) : await SumsNowAsync(unit, period, sumKeys);

        var values = new Dictionary<string, Figure>();
        foreach (var i in needed.Values.Where(i => i.Rule == IndicatorRule.Sum))
            values[i.Code] = new Figure(i, i.FactKeys.Sum(k => sums.GetValueOrDefault(k)));
        foreach (var i in needed.Values.Where(i => i.Rule == IndicatorRule.Coverage))
        {
            var (x, y) = await CoverageAsync(unit, period, mode, i);
            values[i.Code] = new Figure(i, x, y);
        }
        foreach (var i in needed.Values.Where(i => i.Rule == IndicatorRule.Ratio))
            values[i.Code] = RatioOf(i, values);
        return [.. wanted.Select(i => values[i.Code])];
    }

    private static void Need(Indicator i, Dictionary<string, Indicator> byCode, Dictionary<string, Indicator> needed)
    {
        if (!needed.TryAdd(i.Code, i) || i.Rule != IndicatorRule.Ratio) return;
        foreach (var part in new[] { i.Numerator, i.Denominator })
            if (part is not null && byCode.TryGetValue(part, out var p)) Need(p, byCode, needed);
    }

    private static Figure RatioOf(Indicator i, Dictionary<string, Figure> values)
    {
        double Part(string? code) => code is not null && values.TryGetValue(code, out var f) ? f.Value : 0;
        var (n, d) = (Part(i.Numerator), Part(i.Denominator));
        return new Figure(i, d == 0 ? 0 : n / d * i.Scale, Parts: (n, d));
    }

    /// <summary>
    /// As then: whole months from the monthly totals (commune × month) when the unit is a commune or
    /// above, and the days at either edge of the period from the daily totals.
    /// </summary>
    private async Task<Dictionary<string, double>> SumsThenAsync(Unit unit, Period period, List<string> keys)
    {
        var result = new Dictionary<string, double>();
        if (keys.Count == 0) return result;
        var (lo, hi) = UnitScope.PathRange(unit.Path);
        var units = db.Units.IgnoreQueryFilters().Where(u => string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0);

        var (firstMonth, endMonth) = WholeMonths(period);
        var useMonths = unit.Level <= UnitLevel.Commune && firstMonth < endMonth;

        if (useMonths)
        {
            // Monthly rows are keyed by the unit a fact rolls into: a residential group's go to its parent, so groups
            // with a parent never have rows of their own and are left out of the join (a province then probes its
            // communes, not its tens of thousands of groups).
            var rollups = units.Where(u => u.Level != UnitLevel.ResidentialGroup || u.ParentId == null);
            var rows = db.MonthlyTotals.Where(t => keys.Contains(t.Key) && t.Month >= firstMonth && t.Month < endMonth);
            if (unit.Level <= UnitLevel.Province)
            {
                // A province or the country reads the provinces' rows, plus the monthly rows of the units above them.
                // The few ids are read first, so each table is probed by its key rather than scanned for the months.
                var (provinces, above) = await ProvincesAndAboveAsync(lo, hi);
                var sums = await db.ProvinceMonthlyTotals
                    .Where(t => keys.Contains(t.Key) && t.Month >= firstMonth && t.Month < endMonth && provinces.Contains(t.UnitId))
                    .GroupBy(t => t.Key).Select(g => new { g.Key, Sum = g.Sum(t => t.Value) }).ToListAsync();
                foreach (var m in sums) result[m.Key] = m.Sum;
                rows = rows.Where(t => above.Contains(t.UnitId));
            }
            else
                rows = rows.Where(t => rollups.Any(u => u.Id == t.UnitId));
            var monthly = await rows.GroupBy(t => t.Key).Select(g => new { g.Key, Sum = g.Sum(t => t.Value) }).ToListAsync();
            foreach (var m in monthly) result[m.Key] = result.GetValueOrDefault(m.Key) + m.Sum;
        }
        // The days outside the whole months, each edge read on its own: a period of whole months reads no daily rows at all.
        foreach (var (from, to) in useMonths ? Edges(period, firstMonth, endMonth) : [(period.From, period.To)])
        {
            var daily = await db.DailyTotals
                .Where(t => keys.Contains(t.Key) && t.Day >= from && t.Day <= to)
                .Join(units, t => t.UnitId, u => u.Id, (t, u) => t)
                .GroupBy(t => t.Key).Select(g => new { g.Key, Sum = g.Sum(t => t.Value) }).ToListAsync();
            foreach (var d in daily) result[d.Key] = result.GetValueOrDefault(d.Key) + d.Sum;
        }
        return result;
    }

    /// <summary>
    /// As now: facts of current units under the target count whole; facts of ended units count through
    /// <see cref="UnitSuccessor"/> with their weight when the successor is under the target.
    /// </summary>
    private async Task<Dictionary<string, double>> SumsNowAsync(Unit unit, Period period, List<string> keys)
    {
        var result = new Dictionary<string, double>();
        if (keys.Count == 0 || unit.ValidTo is not null) return result;
        var (lo, hi) = UnitScope.PathRange(unit.Path);
        var (from, to) = (period.From, period.To);
        var totals = db.DailyTotals.Where(t => keys.Contains(t.Key) && t.Day >= from && t.Day <= to);
        var units = db.Units.IgnoreQueryFilters();

        var direct = await totals
            .Join(units, t => t.UnitId, u => u.Id, (t, u) => new { t, u })
            .Where(x => x.u.ValidTo == null && string.Compare(x.u.Path, lo) >= 0 && string.Compare(x.u.Path, hi) < 0)
            .GroupBy(x => x.t.Key).Select(g => new { g.Key, Sum = g.Sum(x => (double)x.t.Value) }).ToListAsync();
        var restated = await totals
            .Join(units.Where(o => o.ValidTo != null), t => t.UnitId, o => o.Id, (t, o) => t)
            .Join(db.UnitSuccessors, t => t.UnitId, s => s.OriginalUnitId, (t, s) => new { t, s })
            .Join(units, x => x.s.CurrentUnitId, c => c.Id, (x, c) => new { x.t, x.s, c })
            .Where(x => string.Compare(x.c.Path, lo) >= 0 && string.Compare(x.c.Path, hi) < 0)
            .GroupBy(x => x.t.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.t.Value * x.s.Weight) }).ToListAsync();
        foreach (var r in direct.Concat(restated)) result[r.Key] = result.GetValueOrDefault(r.Key) + r.Sum;
        return result;
    }

    /// <summary>
    /// x = distinct units of the level under the target with any of the facts in the period; y = units of
    /// the level under the target that existed during the period (as then) or exist today (as now).
    /// </summary>
    /// <summary>The provinces of a subtree and the units above province level in it (an index range on level and path).</summary>
    private async Task<(List<int> Provinces, List<int> Above)> ProvincesAndAboveAsync(string lo, string hi)
    {
        var top = await db.Units.IgnoreQueryFilters()
            .Where(u => u.Level <= UnitLevel.Province && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0)
            .Select(u => new { u.Id, u.Level }).ToListAsync();
        return ([.. top.Where(u => u.Level == UnitLevel.Province).Select(u => u.Id)], [.. top.Where(u => u.Level < UnitLevel.Province).Select(u => u.Id)]);
    }

    /// <summary>COUNT(DISTINCT …) in one aggregate: cheaper than counting a DISTINCT subquery over many rows.</summary>
    private static Task<int> CountDistinctAsync(IQueryable<int> ids) =>
        ids.GroupBy(_ => 1).Select(g => g.Distinct().Count()).SingleOrDefaultAsync();

    /// <summary>The whole months inside a period: [first, end), empty when first ≥ end.</summary>
    private static (DateOnly First, DateOnly End) WholeMonths(Period period)
    {
        var first = period.From.Day == 1 ? period.From : new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(1);
        var end = new DateOnly(period.To.Year, period.To.Month, 1); // first month not wholly inside, unless To is a month end
        if (period.To == end.AddMonths(1).AddDays(-1)) end = end.AddMonths(1);
        return (first, end);
    }

    /// <summary>The days of a period outside its whole months (the whole period when it has none).</summary>
    private static List<(DateOnly From, DateOnly To)> Edges(Period period, DateOnly first, DateOnly end) =>
        first < end
            ? [.. new[] { (period.From, first.AddDays(-1)), (end, period.To) }.Where(e => e.Item1 <= e.Item2)]
            : [(period.From, period.To)];

    private async Task<(int X, int Y)> CoverageAsync(Unit unit, Period period, FigureMode mode, Indicator i)
    {
        var level = i.CoverageLevel ?? UnitLevel.ResidentialGroup;
        var keys = i.FactKeys;
        var (lo, hi) = UnitScope.PathRange(unit.Path);
        var (from, to) = (period.From, period.To);
        var units = db.Units.IgnoreQueryFilters();
        var under = db.Units.Where(u => u.Level == level && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0);
        var totals = db.DailyTotals.Where(t => keys.Contains(t.Key) && t.Day >= from && t.Day <= to && t.Value != 0);
        if (mode == FigureMode.Then && unit.Level <= UnitLevel.Province)
        {
            // Whole months from the coverage months of the provinces below (or of the units themselves above
            // province level), the days at either edge from the daily totals; a unit counted once over both.
            var (firstMonth, endMonth) = WholeMonths(period);
            var (provinces, _) = await ProvincesAndAboveAsync(lo, hi);
            var months = db.CoverageMonths.Where(c => keys.Contains(c.Key) && c.Level == level && c.Month >= firstMonth && c.Month < endMonth);
            // The whole country needs no province filter; a unit's rows all have its one province, so the units under
            // provinces and those above them (the centre's) are disjoint and their counts add up.
            var all = provinces.Count == await db.Units.IgnoreQueryFilters().CountAsync(u => u.Level == UnitLevel.Province);
            var inProvinces = months.Where(c => c.ProvinceId != null && (all || provinces.Contains(c.ProvinceId.Value))).Select(c => c.UnitId);
            var aboveProvinces = months.Where(c => c.ProvinceId == null).Join(under, c => c.UnitId, u => u.Id, (c, u) => u.Id);
            var edges = Edges(period, firstMonth, endMonth);
            var y = await under.CountAsync(u => u.ValidFrom <= to && (u.ValidTo == null || u.ValidTo > from));
            if (edges.Count == 0)
                return (await CountDistinctAsync(inProvinces) + (unit.Level < UnitLevel.Province ? await CountDistinctAsync(aboveProvinces) : 0), y);
            var ids = inProvinces.Union(aboveProvinces);
            foreach (var (edgeFrom, edgeTo) in edges)
                ids = ids.Union(db.DailyTotals.Where(t => keys.Contains(t.Key) && t.Day >= edgeFrom && t.Day <= edgeTo && t.Value != 0)
                    .Join(under, t => t.UnitId, u => u.Id, (t, u) => u.Id));
            return (await ids.Distinct().CountAsync(), y);
        }
        if (mode == FigureMode.Then)
        {
            var x = await totals.Join(under, t => t.UnitId, u => u.Id, (t, u) => u.Id).Distinct().CountAsync();
            var y = await under.CountAsync(u => u.ValidFrom <= to && (u.ValidTo == null || u.ValidTo > from));
            return (x, y);
        }
        if (unit.ValidTo is not null) return (0, 0);
        var current = under.Where(u => u.ValidTo == null);
        var direct = await totals.Join(current, t => t.UnitId, u => u.Id, (t, u) => u.Id).Distinct().ToListAsync();
        var restated = await totals
            .Join(units.Where(o => o.ValidTo != null), t => t.UnitId, o => o.Id, (t, o) => t)
            .Join(db.UnitSuccessors.Where(s => s.Weight > 0), t => t.UnitId, s => s.OriginalUnitId, (t, s) => s.CurrentUnitId)
            .Join(current, c => c, u => u.Id, (c, u) => u.Id).Distinct().ToListAsync();
        return (direct.Union(restated).Count(), await current.CountAsync());
    }

    /// <summary>
    /// The facts behind one figure: the same filters as the figure, on the facts instead of the totals,
    /// so the list can never disagree with the number. A ratio lists the facts of both its parts.
    /// </summary>
    public async Task<List<Source>> SourcesAsync(Indicator indicator, Unit unit, Period period, FigureMode mode, int take = 500)
    {
        var keys = await KeysOfAsync(indicator);
        var (lo, hi) = UnitScope.PathRange(unit.Path);
        var (from, to) = (period.From, period.To);
        var level = indicator.Rule == IndicatorRule.Coverage ? indicator.CoverageLevel ?? UnitLevel.ResidentialGroup : (UnitLevel?)null;
        var facts = db.Facts.Where(f => keys.Contains(f.Key) && f.Date >= from && f.Date <= to);
        var units = db.Units.IgnoreQueryFilters().Where(u => level == null || u.Level == level);
        if (mode == FigureMode.Then)
            return await facts.Join(units.Where(u => string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0), f => f.UnitId, u => u.Id, (f, u) => f)
                .OrderByDescending(f => f.Date).ThenByDescending(f => f.Id).Take(take)
                .Select(f => new Source(f.RecordType, f.RecordId, f.UnitId, f.Date, f.Key, f.Value, 1)).ToListAsync();
        if (unit.ValidTo is not null) return [];
        var direct = await facts.Join(units.Where(u => u.ValidTo == null && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0), f => f.UnitId, u => u.Id, (f, u) => f)
            .OrderByDescending(f => f.Date).Take(take)
            .Select(f => new Source(f.RecordType, f.RecordId, f.UnitId, f.Date, f.Key, f.Value, 1)).ToListAsync();
        var restated = await facts
            .Join(db.Units.IgnoreQueryFilters().Where(o => o.ValidTo != null), f => f.UnitId, o => o.Id, (f, o) => f)
            .Join(db.UnitSuccessors, f => f.UnitId, s => s.OriginalUnitId, (f, s) => new { f, s })
            .Join(units.Where(c => string.Compare(c.Path, lo) >= 0 && string.Compare(c.Path, hi) < 0), x => x.s.CurrentUnitId, c => c.Id, (x, c) => x)
            .OrderByDescending(x => x.f.Date).Take(take)
            .Select(x => new Source(x.f.RecordType, x.f.RecordId, x.f.UnitId, x.f.Date, x.f.Key, x.f.Value, x.s.Weight)).ToListAsync();
        return [.. direct.Concat(restated).OrderByDescending(s => s.Date).Take(take)];
    }

    private async Task<string[]> KeysOfAsync(Indicator indicator)
    {
        if (indicator.Rule != IndicatorRule.Ratio) return indicator.FactKeys;
        var parts = await db.Indicators.AsNoTracking().Where(i => i.Code == indicator.Numerator || i.Code == indicator.Denominator).ToListAsync();
        var keys = new List<string>();
        foreach (var p in parts) keys.AddRange(await KeysOfAsync(p));
        return [.. keys.Distinct()];
    }
}
