using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Indicators;

public enum TargetStatus { Exceeded, Reached, InProgress, Missed, NotStarted, Unknown }

/// <summary>One target of a unit with how far the work has come.</summary>
public sealed record TargetLine(
    string Label, string Origin, string IndicatorCode, Indicator? Indicator, Period? Period, double Target, string TargetUnit,
    double? Current, string? CurrentText, double? Progress, TargetStatus Status, string? SourcesUrl, string? Problem)
{
    public string StatusLabel => TargetProgress.Label(Status);
}

/// <summary>
/// The targets of one unit — its yearly programme (<see cref="Target"/>) and the resolutions of its
/// congresses (<see cref="Domain.Organisations.CongressTarget"/> tied to an indicator) — with the value
/// reached so far: as now for a current unit (its predecessors' work counts), as then for an ended one.
/// </summary>
public static class TargetProgress
{
    public static string Label(TargetStatus s) => s switch
    {
        TargetStatus.Exceeded => "Vượt",
        TargetStatus.Reached => "Đạt",
        TargetStatus.InProgress => "Đang thực hiện",
        TargetStatus.Missed => "Chưa đạt",
        TargetStatus.NotStarted => "Chưa đến kỳ",
        _ => "Chưa tính được",
    };

    /// <summary>Reached or beyond whatever the date; below target is "in progress" until the period is over.</summary>
    public static TargetStatus StatusOf(double current, double target, Period period, DateOnly today)
    {
        const double tolerance = 1e-9;
        if (current > target + tolerance) return TargetStatus.Exceeded;
        if (current >= target - tolerance) return TargetStatus.Reached;
        if (period.To < today) return TargetStatus.Missed;
        return period.From > today ? TargetStatus.NotStarted : TargetStatus.InProgress;
    }

    /// <summary>The value compared with the target: coverage as a percentage when the target is in %.</summary>
    public static double Comparable(Figure f, string targetUnit) =>
        f.Indicator.Rule == IndicatorRule.Coverage && targetUnit.Trim() == "%" ? f.Percent : f.Value;

    /// <summary>The targets without an indicator (they are read, not computed), as "label (value unit)".</summary>
    public static async Task<List<string>> UncomputedAsync(AppDb db, Unit unit) =>
        [.. (await CongressTargets(db, unit, withIndicator: false).ToListAsync())
            .OrderBy(x => x.Congress.Date).ThenBy(x => x.Target.Number)
            .Select(x => $"{x.Target.Label} ({Fmt.Number(x.Target.TargetValue, 2)} {x.Target.UnitOfMeasure})")];

    public static async Task<List<TargetLine>> LoadAsync(AppDb db, Figures figures, Unit unit)
    {
        var today = db.Clock.Today;
        var mode = unit.ValidTo is null ? FigureMode.Now : FigureMode.Then;
        var catalogue = (await figures.CatalogueAsync()).ToDictionary(i => i.Code);
        var wanted = new List<(string Label, string Origin, string Code, string PeriodId, Period? Period, double Value, string Unit)>();

        foreach (var t in await db.Targets.AsNoTracking().Where(t => t.UnitId == unit.Id).ToListAsync())
        {
            var origin = t.Source == TargetSource.CongressResolution ? "Nghị quyết Đại hội" : "Chương trình công tác năm";
            wanted.Add((t.Label, origin, t.Indicator, t.Period, Period.TryParse(t.Period, out var p) ? p : null, t.Value,
                catalogue.TryGetValue(t.Indicator, out var i) ? i.UnitOfMeasure : ""));
        }
        foreach (var x in await CongressTargets(db, unit, withIndicator: true).ToListAsync())
        {
            Period? term = null;
            try { term = Period.Term(x.Term.StartDate.Year, x.Term.PlannedEnd.Year); }
            catch (ArgumentOutOfRangeException) { }
            var label = x.Term.Number is int n ? $"Nghị quyết Đại hội khóa {n}" : "Nghị quyết Đại hội";
            wanted.Add((x.Target.Label, $"{label} ({Fmt.Date(x.Congress.Date)})", x.Target.Indicator!, term?.Id ?? "", term, x.Target.TargetValue, x.Target.UnitOfMeasure));
        }

        var lines = new List<TargetLine>();
        foreach (var w in wanted.OrderBy(w => w.Period?.From ?? DateOnly.MaxValue).ThenBy(w => w.Label, StringComparer.Ordinal))
        {
            if (!catalogue.TryGetValue(w.Code, out var indicator))
            {
                lines.Add(new(w.Label, w.Origin, w.Code, null, w.Period, w.Value, w.Unit, null, null, null, TargetStatus.Unknown, null,
                    $"Chỉ số “{w.Code}” không có trong danh mục chỉ số."));
                continue;
            }
            if (w.Period is not Period period)
            {
                lines.Add(new(w.Label, w.Origin, w.Code, indicator, null, w.Value, w.Unit, null, null, null, TargetStatus.Unknown, null,
                    $"Kỳ “{w.PeriodId}” không hợp lệ."));
                continue;
            }
            var figure = (await figures.ComputeAsync(unit, period, mode, [indicator]))[0];
            var current = Comparable(figure, w.Unit);
            var progress = w.Value > 0 ? current / w.Value * 100 : (double?)null;
            var text = figure.Indicator.Rule == IndicatorRule.Coverage && w.Unit.Trim() == "%"
                ? $"{Fmt.Number(current, 1)} % ({figure.Display} {indicator.UnitOfMeasure})"
                : FigureText.Value(figure);
            lines.Add(new(w.Label, w.Origin, w.Code, indicator, period, w.Value, w.Unit, current, text, progress,
                StatusOf(current, w.Value, period, today), FigureText.SourcesUrl(indicator.Code, unit.Id, period, mode), null));
        }
        return lines;
    }

    private sealed record CongressTargetRow(Domain.Organisations.CongressTarget Target, Domain.Organisations.Congress Congress, Domain.Organisations.Term Term);

    private static IQueryable<CongressTargetRow> CongressTargets(AppDb db, Unit unit, bool withIndicator) =>
        from t in db.CongressTargets.AsNoTracking()
        join c in db.Congresses on t.CongressId equals c.Id
        join term in db.Terms on c.TermId equals term.Id
        join o in db.Organisations on term.OrganisationId equals o.Id
        where o.UnitId == unit.Id && (t.Indicator != null) == withIndicator
        select new CongressTargetRow(t, c, term);
}
