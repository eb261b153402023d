using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

/// <summary>
/// Work records of a unit (with everything below it, and the older units restated into it) for a period,
/// one tab per kind of record, a small page at a time. Deletes and restores of every kind land here.
/// </summary>
public class IndexModel(AppDb db, UnitScope scope, RecordWriter writer) : PageModel
{
    public const int PageSize = 20;

    public static readonly (string Slug, string Label)[] Tabs =
    [
        ("hoat-dong", "Hoạt động"), ("hoi-nghi", "Hội nghị"), ("mo-hinh", "Mô hình"),
        ("ngay-hoi", "Ngày hội Đại đoàn kết"), ("khen-thuong", "Khen thưởng"), ("chi-tieu", "Chỉ tiêu"),
    ];

    public sealed record Row(int Id, string When, int UnitId, string UnitName, string Title, string Figures, string? Link, string? EditLink, long Version, bool Deleted, bool CanWrite);

    [BindProperty(SupportsGet = true, Name = "unit")] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodId { get; set; }
    [BindProperty(SupportsGet = true, Name = "tab")] public string? Tab { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public int? KindId { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "da-xoa")] public bool ShowDeleted { get; set; }
    [TempData] public string? Message { get; set; }

    public Unit Unit { get; private set; } = null!;
    public Unit? Parent { get; private set; }
    public List<Unit> UnitChoices { get; private set; } = [];
    public Period Period { get; private set; }
    public string? PeriodError { get; private set; }
    public List<Period> PeriodChoices { get; private set; } = [];
    public List<ActivityKind> Kinds { get; private set; } = [];
    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    /// <summary>The account may add records here (the selected unit or, for a wider unit, the units below it).</summary>
    public bool CanAdd { get; private set; }
    public bool IsWriter => scope.IsWriter;

    public string Link(string? tab = null, int? page = null, bool? deleted = null) =>
        $"/cong-viec?tab={tab ?? Tab}&unit={Unit.Id}&period={Uri.EscapeDataString(Period.Id)}"
        + (KindId is { } k && (tab ?? Tab) == "hoat-dong" ? $"&kind={k}" : "")
        + ((deleted ?? ShowDeleted) ? "&da-xoa=true" : "")
        + (page is > 1 ? $"&trang={page}" : "");

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } result) return result;
        return Page();
    }

    public Task<IActionResult> OnPostDeleteAsync(string? type, int id, long? version) => ChangeAsync(type, id, version, restore: false);

    public Task<IActionResult> OnPostRestoreAsync(string? type, int id, long? version) => ChangeAsync(type, id, version, restore: true);

    private async Task<IActionResult> ChangeAsync(string? type, int id, long? version, bool restore)
    {
        Task<Fail?> Run<T>(IQueryable<T> set, Func<T, int> unitOf) where T : class, Domain.IAudited, Domain.ISoftDeletable, Domain.IVersioned =>
            RecordRules.DeleteOrRestoreAsync(db, scope, writer, set, id, unitOf, version, restore);
        var work = type switch
        {
            "hoat-dong" => Run(db.Activities, r => r.UnitId),
            "hoi-nghi" => Run(db.Conferences, r => r.UnitId),
            "mo-hinh" => Run(db.Initiatives, r => r.UnitId),
            "khen-thuong" => Run(db.Commendations, r => r.UnitId),
            "chi-tieu" => Run(db.Targets, r => r.UnitId),
            _ => null,
        };
        var fail = work is null ? new Fail(404, RecordRules.NotFound) : await work;
        if (fail is { Status: 404 }) return NotFound();
        if (fail is { Status: 403 }) return Forbid();
        Tab = type;
        if (fail is not null)
        {
            ModelState.AddModelError("", fail.Message);
            if (await LoadAsync() is { } result) return result;
            return Page();
        }
        Message = restore ? "Đã khôi phục bản ghi; số liệu đã được tính lại." : "Đã xóa bản ghi (có thể khôi phục ở mục “Đã xóa”); số liệu đã được tính lại.";
        return Redirect($"/cong-viec?tab={type}" + (UnitId is { } u ? $"&unit={u}" : "") + (PeriodId is { } p ? "&period=" + Uri.EscapeDataString(p) : ""));
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var home = await scope.HomeAsync();
        if (home is null) return Challenge();
        var unit = UnitId is { } id ? await UnitsApi.FindReadableAsync(id, db, scope) : home;
        if (unit is null) return NotFound();
        Unit = unit;
        if (!Tabs.Any(t => t.Slug == Tab)) Tab = Tabs[0].Slug;
        var today = db.Clock.Today;
        var current = Period.Quarter(today.Year, (today.Month - 1) / 3 + 1);
        Period = current;
        if (!string.IsNullOrWhiteSpace(PeriodId))
        {
            if (Period.TryParse(PeriodId.Trim(), out var p)) Period = p;
            else PeriodError = $"Kỳ “{PeriodId}” không hợp lệ; đang xem {current.Label.ToLowerInvariant()}.";
        }
        var q = current;
        PeriodChoices = [current];
        for (var i = 0; i < 5; i++) PeriodChoices.Add(q = q.Previous());
        foreach (var y in new[] { today.Year, today.Year - 1 })
            PeriodChoices.AddRange([Period.FirstHalf(y), Period.NineMonths(y), Period.Year(y)]);
        PeriodChoices.Add(Period.Year(today.Year - 2));

        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());
        Parent = unit.ParentId is { } pid ? await readable.FirstOrDefaultAsync(u => u.Id == pid) : null;
        var children = await readable.Where(u => u.ParentId == unit.Id && u.ValidTo == null)
            .OrderBy(u => u.Kind).ThenBy(u => u.Name.Length).ThenBy(u => u.Name).Take(500).ToListAsync();
        UnitChoices = [.. new[] { home, unit }.DistinctBy(u => u.Id).Concat(children.Where(c => c.Id != home.Id))];
        CanAdd = scope.IsWriter && home.ValidTo is null && unit.ValidTo is null && UnitScope.Covers(home, unit);
        if (PageNumber < 1) PageNumber = 1;
        if (ShowDeleted && !CanAdd) ShowDeleted = false;

        var area = await RecordRules.AreaAsync(db, scope, unit);
        if (ShowDeleted) area = area.Under(home.Path);
        var (from, to) = (Period.From, Period.To);
        switch (Tab)
        {
            case "hoat-dong":
                Kinds = await db.ActivityKinds.AsNoTracking().OrderBy(k => k.SortOrder).ThenBy(k => k.Name).ToListAsync();
                var acts = Deleted(db.Activities.AsNoTracking(), ShowDeleted).Where(a => area.Any(u => u.Id == a.UnitId) && a.Date >= from && a.Date <= to);
                if (KindId is { } kind) acts = acts.Where(a => a.KindId == kind);
                var (actRows, actTotal) = await PageOf(acts.OrderByDescending(a => a.Date).ThenByDescending(a => a.Id));
                var kinds = Kinds.ToDictionary(k => k.Id);
                await RowsAsync(actRows, a => a.UnitId, a => new Row(a.Id, When(a.Date, a.EndDate), a.UnitId, "", $"{kinds[a.KindId].Name}: {a.Title}",
                    ActivityFigures(a, kinds[a.KindId]), $"/cong-viec/hoat-dong/{a.Id}", $"/cong-viec/hoat-dong/{a.Id}/sua", a.Version, a.DeletedAt is not null, false), actTotal);
                break;
            case "hoi-nghi":
                var confs = Deleted(db.Conferences.AsNoTracking(), ShowDeleted).Where(c => area.Any(u => u.Id == c.UnitId) && c.Date >= from && c.Date <= to);
                var (confRows, confTotal) = await PageOf(confs.OrderByDescending(c => c.Date).ThenByDescending(c => c.Id));
                await RowsAsync(confRows, c => c.UnitId, c => new Row(c.Id, Fmt.Date(c.Date), c.UnitId, "", c.Title, ConferenceFigures(c),
                    $"/cong-viec/hoi-nghi/{c.Id}", $"/cong-viec/hoi-nghi/{c.Id}/sua", c.Version, c.DeletedAt is not null, false), confTotal);
                break;
            case "mo-hinh":
                var inits = Deleted(db.Initiatives.AsNoTracking(), ShowDeleted).Where(i => area.Any(u => u.Id == i.UnitId) && i.RegisteredOn >= from && i.RegisteredOn <= to);
                var (initRows, initTotal) = await PageOf(inits.OrderByDescending(i => i.RegisteredOn).ThenByDescending(i => i.Id));
                await RowsAsync(initRows, i => i.UnitId, i => new Row(i.Id, Fmt.Date(i.RegisteredOn), i.UnitId, "", i.Name,
                    $"{Initiative.FieldLabel(i.Field)} · {Initiative.StatusLabel(i.Status)}", null, $"/cong-viec/mo-hinh/{i.Id}/sua", i.Version, i.DeletedAt is not null, false), initTotal);
                break;
            case "ngay-hoi":
                var days = db.UnityDays.AsNoTracking().Where(d => area.Any(u => u.Id == d.UnitId) && d.Year >= from.Year && d.Year <= to.Year);
                var (dayRows, dayTotal) = await PageOf(days.OrderByDescending(d => d.Year).ThenBy(d => d.UnitId));
                await RowsAsync(dayRows, d => d.UnitId, d => new Row(d.Id, $"Năm {d.Year}", d.UnitId, "", "Ngày hội Đại đoàn kết toàn dân tộc", UnityDayFigures(d),
                    $"/cong-viec/ngay-hoi/{d.UnitId}?nam={d.Year}", null, d.Version, false, false), dayTotal);
                break;
            case "khen-thuong":
                var coms = Deleted(db.Commendations.AsNoTracking(), ShowDeleted).Where(c => area.Any(u => u.Id == c.UnitId) && c.Date >= from && c.Date <= to);
                var (comRows, comTotal) = await PageOf(coms.OrderByDescending(c => c.Date).ThenByDescending(c => c.Id));
                await RowsAsync(comRows, c => c.UnitId, c => new Row(c.Id, Fmt.Date(c.Date), c.UnitId, "", c.Recipient, CommendationFigures(c),
                    null, $"/cong-viec/khen-thuong/{c.Id}/sua", c.Version, c.DeletedAt is not null, false), comTotal);
                break;
            default:
                var periods = RecordRules.TargetPeriodsOverlapping(Period);
                var targets = Deleted(db.Targets.AsNoTracking(), ShowDeleted).Where(t => area.Any(u => u.Id == t.UnitId) && periods.Contains(t.Period));
                var (targetRows, targetTotal) = await PageOf(targets.OrderByDescending(t => t.Period).ThenBy(t => t.UnitId).ThenBy(t => t.Indicator));
                var codes = targetRows.Select(t => t.Indicator).Distinct().ToList();
                var indicators = await db.Indicators.AsNoTracking().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code);
                await RowsAsync(targetRows, t => t.UnitId, t => new Row(t.Id, Period.TryParse(t.Period, out var p) ? Cap(p.Label) : t.Period, t.UnitId, "", t.Label,
                    TargetFigures(t, indicators.GetValueOrDefault(t.Indicator)), null, $"/cong-viec/chi-tieu/{t.Id}/sua", t.Version, t.DeletedAt is not null, false), targetTotal);
                break;
        }
        return null;
    }

    private static IQueryable<T> Deleted<T>(IQueryable<T> set, bool deleted) where T : class, Domain.ISoftDeletable =>
        deleted ? set.IgnoreQueryFilters().Where(r => r.DeletedAt != null) : set;

    private async Task<(List<T> Rows, int Total)> PageOf<T>(IQueryable<T> q)
    {
        var total = await q.CountAsync();
        if ((PageNumber - 1) * PageSize >= total) PageNumber = Math.Max(1, (total + PageSize - 1) / PageSize);
        return (await q.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(), total);
    }

    /// <summary>Fills names and, per row, whether the account may change it (a current unit in its subtree).</summary>
    private async Task RowsAsync<T>(List<T> records, Func<T, int> unitOf, Func<T, Row> row, int total)
    {
        Total = total;
        var ids = records.Select(unitOf).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        var home = await scope.HomeAsync();
        var writer = scope.IsWriter && home is { ValidTo: null };
        Rows = [.. records.Select(r =>
        {
            var u = units[unitOf(r)];
            var x = row(r);
            var canWrite = writer && u.ValidTo is null && UnitScope.Covers(home!, u);
            return x with { UnitName = u.FullName, CanWrite = canWrite, EditLink = canWrite && !x.Deleted ? x.EditLink : null };
        })];
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string When(DateOnly date, DateOnly? end) => end is { } e && e != date ? $"{Fmt.Date(date)} – {Fmt.Date(e)}" : Fmt.Date(date);

    public static string ActivityFigures(Activity a, ActivityKind kind) => string.Join(", ", MeasureInfo.All
        .Where(m => (kind.Measures & m) != 0 && a.Count(m) is not null)
        .Select(m => m == Measures.Money ? Fmt.Money(a.Count(m)!.Value) : $"{Fmt.Number(a.Count(m)!.Value)} {MeasureInfo.UnitOfMeasure(m)}"));

    public static string ConferenceFigures(Conference c) => string.Join("; ", new[]
    {
        ConferenceTypes.Label(c.Type) + (c.SessionNumber is { } n ? $", lần thứ {n}" : ""),
        RecordRules.Rate(c.Present, c.Invited) is { } rate ? "có mặt " + rate : c.Present is { } p ? $"có mặt {Fmt.Number(p)} đại biểu" : null,
        c.Opinions is { } o ? $"{Fmt.Number(o)} ý kiến" : null,
    }.OfType<string>());

    public static string UnityDayFigures(UnityDay d) => !d.Held ? "Chưa tổ chức"
        : $"Đã tổ chức{(d.Date is { } date ? " ngày " + Fmt.Date(date) : "")}"
          + (d.HouseholdsAttending is { } a ? $"; {Fmt.Number(a)}{(d.HouseholdsTotal is { } t ? "/" + Fmt.Number(t) : "")} hộ tham dự" : "")
          + (d.HouseholdsAttending is { } x && d.HouseholdsTotal is > 0 ? $" ({Fmt.Percent((double)x / d.HouseholdsTotal.Value)})" : "");

    public static string CommendationFigures(Commendation c) => string.Join(" · ", new[]
    {
        Commendation.FormLabel(c.Form), Commendation.LevelLabel(c.Level), c.Collective ? "Tập thể" : "Cá nhân",
        c.Proposed ? "đề nghị cấp trên" : null, c.DecisionNumber is { } n ? "QĐ " + n : null,
    }.OfType<string>());

    public static string TargetFigures(Target t, Indicator? i) =>
        $"{Fmt.Number(t.Value, 2)} {i?.UnitOfMeasure ?? ""} · {i?.Name ?? t.Indicator} · {RecordRules.TargetSourceLabel(t.Source)}";
}
