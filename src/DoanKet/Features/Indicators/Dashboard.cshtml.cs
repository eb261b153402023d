using System.Globalization;
using System.Text.Json;
using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Indicators;

/// <summary>
/// The dashboard of one unit for one period (/so-lieu for the account's own unit or ?unit=,
/// /so-lieu/{unitId}): every indicator by area against the previous period, each figure a link to
/// its records; for a commune and above, its units' main figures, Unity Day coverage and who has not
/// reported this week. Charts only illustrate: every number is in a table.
/// </summary>
public class DashboardModel(AppDb db, UnitScope scope, Figures figures) : PageModel
{
    /// <summary>At most this many units in the comparison chart (the table lists them all).</summary>
    public const int MaxCompared = 40;

    public sealed record Row(Figure Now, Figure? Before);
    public sealed record AreaRows(string Label, List<Row> Rows);
    public sealed record ChildRow(Unit Unit, Dictionary<string, Figure> Main, Figure? UnityDay);
    public sealed record Choice(string Value, string Label, bool Selected);
    public sealed record ChoiceGroup(string Label, List<Choice> Choices);
    public sealed record QuickLink(string Label, Period Period);

    public Unit Unit { get; private set; } = null!;
    public List<Unit> Ancestors { get; private set; } = [];
    public Period Period { get; private set; }
    public Period? Previous { get; private set; }
    public FigureMode Mode { get; private set; }
    public bool CanNow => Unit.ValidTo is null;
    public List<string> Errors { get; } = [];
    public List<AreaRows> Areas { get; private set; } = [];
    public List<Indicator> Main { get; private set; } = [];
    public List<Choice> UnitChoices { get; private set; } = [];
    public List<ChoiceGroup> PeriodChoices { get; private set; } = [];
    public List<QuickLink> QuickLinks { get; private set; } = [];
    public List<ChildRow>? Children { get; private set; }
    public Period UnityPeriod { get; private set; }
    public Figure? UnityDay { get; private set; }
    public Period Week { get; private set; }
    public List<Unit>? NotReported { get; private set; }
    public int NotReportedOf { get; private set; }
    public Indicator? ChartIndicator { get; private set; }
    public string? ComparisonTitle { get; private set; }
    public int ComparedCount { get; private set; }
    public string ChartJson { get; private set; } = "{}";
    public bool CanEnterWeekly { get; private set; }
    /// <summary>Indicators whose figure includes facts imported from old documents (Features/History).</summary>
    public HashSet<string> Imported { get; private set; } = [];

    public string Link(int unitId, Period period, FigureMode? mode = null) =>
        $"/so-lieu/{unitId.ToString(CultureInfo.InvariantCulture)}?period={Uri.EscapeDataString(period.Id)}&mode={(mode ?? Mode).Id()}";

    public string Sources(Indicator i, int unitId, Period period) => FigureText.SourcesUrl(i.Code, unitId, period, Mode);

    public async Task<IActionResult> OnGetAsync(int? unitId, string? unit, string? period, string? mode, string? chart)
    {
        var home = await scope.HomeAsync();
        if (home is null) return NotFound();
        var id = unitId ?? home.Id;
        if (unitId is null && !string.IsNullOrWhiteSpace(unit))
        {
            if (int.TryParse(unit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) id = parsed;
            else Errors.Add("Mã đơn vị không hợp lệ; đang hiển thị đơn vị của bạn.");
        }
        var found = await UnitsApi.FindReadableAsync(id, db, scope);
        if (found is null) return NotFound();
        Unit = found;

        if (!FigureText.TryPeriod(period, FigureText.QuarterOf(db.Clock.Today), out var p, out var periodError)) Errors.Add(periodError!);
        Period = p;
        try { Previous = Period.Previous(); }
        catch (InvalidOperationException) { Previous = null; }
        if (!FigureText.TryMode(mode, out var m)) Errors.Add(FigureText.ModeError);
        if (m == FigureMode.Now && !CanNow)
        {
            Errors.Add(FigureText.NowNeedsCurrentUnit);
            m = FigureMode.Then;
        }
        Mode = m;

        var now = await figures.ComputeAsync(Unit, Period, Mode);
        var before = Previous is Period prev ? (await figures.ComputeAsync(Unit, prev, Mode)).ToDictionary(f => f.Indicator.Code) : null;
        Areas = [.. Domain.Records.Areas.All
            .Select(a => new AreaRows(a.Label, [.. now.Where(f => f.Indicator.Area == a.Code).Select(f => new Row(f, before?.GetValueOrDefault(f.Indicator.Code)))]))
            .Where(a => a.Rows.Count > 0)];
        var other = now.Where(f => !Domain.Records.Areas.All.Any(a => a.Code == f.Indicator.Area)).ToList();
        if (other.Count > 0) Areas.Add(new AreaRows("Chỉ số khác", [.. other.Select(f => new Row(f, before?.GetValueOrDefault(f.Indicator.Code)))]));
        Main = [.. now.Select(f => f.Indicator).Where(i => i.Main)];
        await LoadImportedAsync(now);

        await LoadAncestorsAsync();
        await LoadChoicesAsync(home);
        await LoadQuickLinksAsync();
        await LoadUpperViewAsync();
        await LoadComparisonAsync(chart, now, before);
        CanEnterWeekly = Unit.ValidTo is null && scope.IsWriter && Unit.Level >= UnitLevel.Commune && await scope.CanWriteAsync(Unit);
        return Page();
    }

    private async Task LoadImportedAsync(List<Figure> now)
    {
        var keys = await History.HistoryImport.ImportedFacts(db, Unit, Period, Mode).Select(f => f.Key).Distinct().ToListAsync();
        if (keys.Count > 0) Imported = [.. now.Where(f => f.Indicator.FactKeys.Any(keys.Contains)).Select(f => f.Indicator.Code)];
    }

    private async Task LoadAncestorsAsync()
    {
        var ids = Unit.Path.Trim('/').Split('/').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(a => a != Unit.Id).ToList();
        var readable = await scope.ReadableAsync(db.Units.IgnoreQueryFilters().AsNoTracking());
        Ancestors = await readable.Where(u => ids.Contains(u.Id)).OrderBy(u => u.Level).ToListAsync();
    }

    /// <summary>Units that exist in the period (as then) or today (as now).</summary>
    private IQueryable<Unit> ChildrenOf(int parentId)
    {
        var units = db.Units.AsNoTracking().Where(u => u.ParentId == parentId);
        var (from, to) = (Period.From, Period.To);
        return Mode == FigureMode.Now
            ? units.Where(u => u.ValidTo == null)
            : units.Where(u => u.ValidFrom <= to && (u.ValidTo == null || u.ValidTo > from));
    }

    private static IOrderedEnumerable<Unit> Ordered(IEnumerable<Unit> units) =>
        units.OrderBy(u => u.Kind).ThenBy(u => u.Name.Length).ThenBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.ValidFrom);

    private static string Name(Unit u) => u.FullName + (u.ValidTo is null ? "" : $" (đến {Fmt.Until(u.ValidTo)})");

    private async Task LoadChoicesAsync(Unit home)
    {
        var choices = new List<Unit>();
        if (home.Id != Unit.Id && Ancestors.All(a => a.Id != home.Id)) choices.Add(home);
        choices.AddRange(Ancestors);
        choices.Add(Unit);
        // Units restated into this one (the wards merged into it), so their history is one choice away.
        var level = Unit.Level;
        var unitId = Unit.Id;
        choices.AddRange(await db.UnitSuccessors.Where(s => s.CurrentUnitId == unitId)
            .Join(db.Units.AsNoTracking().Where(u => u.Level == level && u.ValidTo != null), s => s.OriginalUnitId, u => u.Id, (s, u) => u)
            .Distinct().OrderBy(u => u.Name).ToListAsync());
        choices.AddRange(Ordered(await ChildrenOf(Unit.Id).ToListAsync()));
        UnitChoices = [.. choices.DistinctBy(u => u.Id).Select(u => new Choice(
            u.Id.ToString(CultureInfo.InvariantCulture), (u.Level > Unit.Level ? "— " : "") + Name(u), u.Id == Unit.Id))];

        var today = db.Clock.Today;
        var week = FigureText.WeekOf(db.Clock.Today);
        var groups = new List<ChoiceGroup>();
        var weeks = new List<Period> { week };
        for (var i = 0; i < 4; i++) weeks.Add(weeks[^1].Previous());
        groups.Add(new ChoiceGroup("Tuần", [.. weeks.Select(Option)]));
        foreach (var year in new[] { Period.From.Year, today.Year, today.Year - 1 }.Distinct().Where(y => y is >= Period.MinYear and <= Period.MaxYear))
        {
            var list = new List<Period>();
            for (var q = 1; q <= 4; q++) list.Add(Domain.Periods.Period.Quarter(year, q));
            list.AddRange([Domain.Periods.Period.FirstHalf(year), Domain.Periods.Period.NineMonths(year), Domain.Periods.Period.SecondHalf(year), Domain.Periods.Period.Year(year)]);
            if (year == Period.From.Year)
                for (var month = 1; month <= 12; month++) list.Add(Domain.Periods.Period.Month(year, month));
            groups.Add(new ChoiceGroup($"Năm {year.ToString(CultureInfo.InvariantCulture)}", [.. list.Select(Option)]));
        }
        if (!groups.Any(g => g.Choices.Any(c => c.Selected)))
            groups.Insert(0, new ChoiceGroup("Kỳ đang xem", [Option(Period)]));
        PeriodChoices = groups;
    }

    private Choice Option(Period p) => new(p.Id, p.Label, p == Period);

    private async Task LoadQuickLinksAsync()
    {
        var links = new List<QuickLink>();
        void Add(string label, Func<Period> make)
        {
            try
            {
                var p = make();
                if (p != Period && links.All(l => l.Period != p)) links.Add(new QuickLink(label, p));
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException) { }
        }
        Add("Kỳ trước", () => Period.Previous());
        Add("Cùng kỳ năm trước", () => Period.SamePeriodLastYear());
        var from = Period.From;
        Add("Quý", () => FigureText.QuarterOf(from));
        Add("6 tháng", () => from.Month <= 6 ? Domain.Periods.Period.FirstHalf(from.Year) : Domain.Periods.Period.SecondHalf(from.Year));
        Add("9 tháng", () => Domain.Periods.Period.NineMonths(from.Year));
        Add("Năm", () => Domain.Periods.Period.Year(from.Year));
        // The term of the nearest Front committee (the unit's own, or the level above) that covers the period.
        var pathIds = Unit.Path.Trim('/').Split('/').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var to = Period.To;
        var terms = await db.Terms.AsNoTracking()
            .Join(db.Organisations.Where(o => pathIds.Contains(o.UnitId) && o.Kind == OrganisationKind.FrontCommittee), t => t.OrganisationId, o => o.Id, (t, o) => new { t.StartDate, t.PlannedEnd, o.UnitId })
            .Where(t => t.StartDate <= to).ToListAsync();
        var term = terms.Where(t => t.PlannedEnd >= from)
            .OrderByDescending(t => pathIds.IndexOf(t.UnitId)).ThenByDescending(t => t.StartDate).FirstOrDefault();
        if (term is not null) Add("Nhiệm kỳ", () => Domain.Periods.Period.Term(term.StartDate.Year, term.PlannedEnd.Year));
        QuickLinks = links;
    }

    /// <summary>A commune over its residential groups, a province (or the centre) over its units.</summary>
    private async Task LoadUpperViewAsync()
    {
        if (Unit.Level >= UnitLevel.ResidentialGroup) return;
        var children = Ordered(await ChildrenOf(Unit.Id).ToListAsync()).ToList();
        var unityIndicator = (await figures.CatalogueAsync()).FirstOrDefault(i => i.Code == "ngay_hoi.khu_dan_cu");
        UnityPeriod = Period.Kind is PeriodKind.Year or PeriodKind.Term || Period.From.Year != Period.To.Year ? Period : Domain.Periods.Period.Year(Period.From.Year);
        if (unityIndicator is not null)
            UnityDay = (await figures.ComputeAsync(Unit, UnityPeriod, Mode, [unityIndicator]))[0];
        var rows = new List<ChildRow>();
        foreach (var child in children)
        {
            var main = (await figures.ComputeAsync(child, Period, Mode, Main)).ToDictionary(f => f.Indicator.Code);
            Figure? unity = null;
            if (unityIndicator is not null)
                unity = UnityPeriod == Period && main.TryGetValue(unityIndicator.Code, out var same) ? same : (await figures.ComputeAsync(child, UnityPeriod, Mode, [unityIndicator]))[0];
            rows.Add(new ChildRow(child, main, unity));
        }
        Children = rows;

        if (Unit.ValidTo is null && Unit.Level <= UnitLevel.Commune) await LoadNotReportedAsync();
    }

    /// <summary>
    /// This ISO week: for a commune, its residential groups with no activity dated in the week; above,
    /// the communes with no record of any kind (activity, conference, initiative, Unity Day,
    /// commendation) dated in the week, their own or their groups'.
    /// </summary>
    private async Task LoadNotReportedAsync()
    {
        Week = FigureText.WeekOf(db.Clock.Today);
        var (from, to) = (Week.From, Week.To);
        if (Unit.Level == UnitLevel.Commune)
        {
            var unitId = Unit.Id;
            var groups = Ordered(await db.Units.AsNoTracking().Where(u => u.ParentId == unitId && u.ValidTo == null && u.Level == UnitLevel.ResidentialGroup).ToListAsync()).ToList();
            var ids = groups.Select(g => g.Id).ToList();
            var reported = await db.Activities.Where(a => ids.Contains(a.UnitId) && a.Date >= from && a.Date <= to).Select(a => a.UnitId).Distinct().ToListAsync();
            NotReported = [.. groups.Where(g => !reported.Contains(g.Id))];
            NotReportedOf = groups.Count;
            return;
        }
        var under = db.Units.IgnoreQueryFilters().Under(Unit.Path);
        var seen = new HashSet<int>();
        seen.UnionWith(await db.Activities.Where(a => a.Date >= from && a.Date <= to).Join(under, a => a.UnitId, u => u.Id, (a, u) => a.UnitId).Distinct().ToListAsync());
        seen.UnionWith(await db.Conferences.Where(c => c.Date >= from && c.Date <= to).Join(under, c => c.UnitId, u => u.Id, (c, u) => c.UnitId).Distinct().ToListAsync());
        seen.UnionWith(await db.Initiatives.Where(i => i.RegisteredOn >= from && i.RegisteredOn <= to).Join(under, i => i.UnitId, u => u.Id, (i, u) => i.UnitId).Distinct().ToListAsync());
        seen.UnionWith(await db.UnityDays.Where(d => d.Date >= from && d.Date <= to).Join(under, d => d.UnitId, u => u.Id, (d, u) => d.UnitId).Distinct().ToListAsync());
        seen.UnionWith(await db.Commendations.Where(c => c.Date >= from && c.Date <= to).Join(under, c => c.UnitId, u => u.Id, (c, u) => c.UnitId).Distinct().ToListAsync());
        var seenIds = seen.ToList();
        var communesSeen = (await db.Units.IgnoreQueryFilters().Where(u => seenIds.Contains(u.Id)).Select(u => new { u.Id, u.Level, u.ParentId }).ToListAsync())
            .Select(u => u.Level == UnitLevel.ResidentialGroup ? u.ParentId ?? u.Id : u.Id).ToHashSet();
        var communes = Ordered(await db.Units.AsNoTracking().Under(Unit.Path).Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null).ToListAsync()).ToList();
        NotReported = [.. communes.Where(c => !communesSeen.Contains(c.Id))];
        NotReportedOf = communes.Count;
    }

    /// <summary>
    /// One main indicator across units: the unit's readable siblings when there are some to compare
    /// with, else its own units.
    /// </summary>
    private async Task LoadComparisonAsync(string? chart, List<Figure> now, Dictionary<string, Figure>? before)
    {
        if (Main.Count == 0) return;
        ChartIndicator = Main.FirstOrDefault(i => i.Code == chart);
        if (ChartIndicator is null)
        {
            if (!string.IsNullOrWhiteSpace(chart)) Errors.Add("Chỉ số để so sánh không có trong các chỉ số chính; đang dùng chỉ số đầu tiên.");
            ChartIndicator = Main[0];
        }
        var code = ChartIndicator.Code;
        var compared = new List<(Unit Unit, Figure Figure)>();
        if (Unit.Level >= UnitLevel.Commune && Unit.ParentId is int parentId)
        {
            var siblings = Ordered(await (await scope.ReadableAsync(ChildrenOf(parentId))).ToListAsync()).ToList();
            if (siblings.Count >= 2)
            {
                ComparisonTitle = "So sánh với các đơn vị cùng cấp";
                foreach (var s in siblings)
                    compared.Add((s, (await figures.ComputeAsync(s, Period, Mode, [ChartIndicator]))[0]));
            }
        }
        if (compared.Count == 0 && Children is { Count: > 0 })
        {
            ComparisonTitle = "So sánh các đơn vị trực thuộc";
            compared.AddRange(Children.Where(c => c.Main.ContainsKey(code)).Select(c => (c.Unit, c.Main[code])));
        }
        ComparedCount = compared.Count;
        // Highest first; ties keep the units' natural order (OrderBy is stable).
        var shown = compared.OrderByDescending(c => Plotted(c.Figure)).Take(MaxCompared).ToList();

        var mains = now.Where(f => f.Indicator.Main).ToList();
        double Scaled(double v, double max) => max <= 0 ? 0 : Math.Round(v / max * 100, 1);
        var data = new
        {
            main = new
            {
                labels = mains.Select(f => f.Indicator.Name).ToArray(),
                nowLabel = Period.Label,
                beforeLabel = Previous?.Label,
                now = mains.Select(f => Scaled(Plotted(f), Math.Max(Plotted(f), Before(f) is { } b ? Plotted(b) : 0))).ToArray(),
                before = mains.Select(f => Before(f) is { } b ? Scaled(Plotted(b), Math.Max(Plotted(f), Plotted(b))) : 0).ToArray(),
                nowText = mains.Select(FigureText.Value).ToArray(),
                beforeText = mains.Select(f => Before(f) is { } b ? FigureText.Value(b) : "—").ToArray(),
            },
            compare = ComparisonTitle is null ? null : new
            {
                title = $"{ChartIndicator.Name} ({(ChartIndicator.Rule == IndicatorRule.Coverage ? "%" : ChartIndicator.UnitOfMeasure)})",
                labels = shown.Select(c => c.Unit.FullName).ToArray(),
                values = shown.Select(c => Math.Round(Plotted(c.Figure), 1)).ToArray(),
                texts = shown.Select(c => FigureText.Value(c.Figure)).ToArray(),
                highlight = shown.Select(c => c.Unit.Id == Unit.Id).ToArray(),
            },
        };
        ChartJson = JsonSerializer.Serialize(data);

        Figure? Before(Figure f) => before?.GetValueOrDefault(f.Indicator.Code);
    }

    /// <summary>The number drawn: a coverage as its percentage, anything else as its value.</summary>
    private static double Plotted(Figure f) => f.Indicator.Rule == IndicatorRule.Coverage ? f.Percent : f.Value;
}
