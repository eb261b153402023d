using System.Globalization;
using System.Text.RegularExpressions;
using DoanKet.Data;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Weekly;

/// <summary>
/// The residential board's week on one screen (/nhap-tuan): one row per weekly activity kind with the
/// counts it declares. Saving keeps one activity per group, kind and week (Source = Weekly): a new
/// count adds it, a changed count updates it, clearing a kind's counts deletes it (softly), all in one
/// transaction. No script: plain form, server-side checks, Vietnamese messages.
/// </summary>
public partial class IndexModel(AppDb db, UnitScope scope, RecordWriter writer) : PageModel
{
    /// <summary>How many past weeks may still be entered here (older work goes through the full record form).</summary>
    public const int WeeksBack = 8;
    public const int MaxNote = 1000;
    public const long MaxCount = 100_000;
    public const long MaxMoney = 100_000_000_000;

    public sealed record Field(string Name, Measures Measure, string Label, string? Value, string? Error)
    {
        public string Id => "w-" + Name.Replace('.', '-');
    }

    public sealed record KindRow(ActivityKind Kind, List<Field> Fields);

    public Unit? Group { get; private set; }
    /// <summary>When no group is chosen yet: the unit whose units are offered, and those units.</summary>
    public Unit? PickFrom { get; private set; }
    public List<Unit> Choices { get; private set; } = [];
    public Period Week { get; private set; }
    public List<Period> Weeks { get; private set; } = [];
    public List<KindRow> Rows { get; private set; } = [];
    public string? Note { get; private set; }
    public List<string> Errors { get; } = [];
    public bool Closed { get; private set; }
    public string? DashboardUrl { get; private set; }
    public string? DashboardLabel { get; private set; }
    [TempData] public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string? unit, string? week)
    {
        if (!scope.IsWriter) return Forbid();
        var result = await ResolveAsync(unit);
        if (result is not null) return result;
        if (Group is null) return Page();
        if (!CheckWeek(week, out var w)) w = FigureText.WeekOf(db.Clock.Today);
        Week = w;
        await LoadAsync(posted: false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? unit, string? week, string? note)
    {
        if (!scope.IsWriter) return Forbid();
        var result = await ResolveAsync(unit);
        if (result is not null) return result;
        if (Group is null)
        {
            Errors.Add("Chọn tổ dân phố, thôn để nhập số liệu.");
            return Page();
        }
        var weekOk = CheckWeek(week, out var w);
        Week = weekOk ? w : FigureText.WeekOf(db.Clock.Today);
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (Note is { Length: > MaxNote }) Errors.Add($"Ghi chú dài quá {MaxNote} ký tự.");
        await LoadAsync(posted: true);
        if (!weekOk || Closed || Errors.Count > 0 || Rows.Any(r => r.Fields.Any(f => f.Error is not null)))
        {
            if (Errors.Count == 0) Errors.Add("Số liệu chưa hợp lệ: xem các ô được đánh dấu.");
            return Page();
        }

        var summary = await SaveAsync();
        if (summary is null) return Page();
        Saved = summary;
        return Redirect($"/nhap-tuan?unit={Group.Id.ToString(CultureInfo.InvariantCulture)}&week={Week.Id}");
    }

    /// <summary>Who may enter for which group: the account's own group, or one chosen among the units it writes for.</summary>
    private async Task<IActionResult?> ResolveAsync(string? unit)
    {
        var home = await scope.HomeAsync();
        if (home is null) return NotFound();
        var target = home;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            if (!int.TryParse(unit, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return NotFound();
            target = await UnitsApi.FindReadableAsync(id, db, scope);
            if (target is null) return NotFound();
        }
        if (!await scope.CanWriteAsync(target)) return Forbid();
        if (target.Level == UnitLevel.ResidentialGroup)
        {
            Group = target;
            if (target.ValidTo is not null) Errors.Add($"{target.FullName} đã kết thúc từ {Fmt.Until(target.ValidTo)}; không nhập thêm số liệu tuần.");
            return null;
        }
        if (target.ValidTo is not null) return Forbid();
        // A commune officer picks one of its groups; an upper level picks a unit, then a group.
        PickFrom = target;
        var targetId = target.Id;
        Choices = [.. (await db.Units.AsNoTracking().Where(u => u.ParentId == targetId && u.ValidTo == null).ToListAsync())
            .OrderBy(u => u.Kind).ThenBy(u => u.Name.Length).ThenBy(u => u.Name, StringComparer.Ordinal)];
        return null;
    }

    private bool CheckWeek(string? id, out Period week)
    {
        var current = FigureText.WeekOf(db.Clock.Today);
        week = current;
        if (string.IsNullOrWhiteSpace(id)) return true;
        if (!Period.TryParse(id, out var p) || p.Kind != PeriodKind.Week)
        {
            Errors.Add($"Tuần không hợp lệ: “{Shorten(id)}”. Chọn một tuần trong danh sách (dạng 2026W05).");
            return false;
        }
        if (p.From > current.From)
        {
            Errors.Add($"{p.Label} chưa đến: không nhập trước số liệu cho tuần chưa đến.");
            return false;
        }
        if (p.From < current.From.AddDays(-7 * WeeksBack))
        {
            Errors.Add($"Chỉ nhập nhanh được {WeeksBack} tuần gần nhất; số liệu cũ hơn hãy ghi ở mục Công việc.");
            return false;
        }
        if (Group is not null && p.To < Group.ValidFrom)
        {
            Errors.Add($"{Group.FullName} bắt đầu từ {Fmt.Date(Group.ValidFrom)}; không nhập được cho {p.Label}.");
            return false;
        }
        week = p;
        return true;
    }

    private static string Shorten(string s) => s.Length > 20 ? s[..20] + "…" : s;

    /// <summary>The weekly kinds with what is saved for the week, or what was typed (and checked) on a post.</summary>
    private async Task LoadAsync(bool posted)
    {
        var group = Group!;
        Closed = group.ValidTo is not null;
        var current = FigureText.WeekOf(db.Clock.Today);
        Weeks = [];
        for (var w = current; Weeks.Count <= WeeksBack && w.To >= group.ValidFrom; w = w.Previous()) Weeks.Add(w);
        if (!Weeks.Contains(Week)) Weeks.Insert(0, Week);

        var saved = await WeekActivitiesAsync();
        if (!posted) Note = saved.Values.Select(a => a.Note).FirstOrDefault(n => n is not null);
        var kinds = await db.ActivityKinds.AsNoTracking().Where(k => k.Weekly && !k.Retired).OrderBy(k => k.SortOrder).ThenBy(k => k.Id).ToListAsync();
        Rows = [.. kinds.Select(k => new KindRow(k, [.. MeasureInfo.All.Where(m => (k.Measures & m) != 0).Select(m =>
        {
            var name = $"{k.Code}.{MeasureInfo.Key(m)}";
            // A count the post does not carry at all is left as saved (the form always carries every count, empty or not).
            if (!posted || !Request.Form.ContainsKey(name))
                return new Field(name, m, MeasureInfo.Label(m), saved.TryGetValue(k.Id, out var a) && a.Count(m) is long v ? v.ToString(CultureInfo.InvariantCulture) : null, null);
            var raw = Request.Form[name].ToString();
            return new Field(name, m, MeasureInfo.Label(m), raw, Parse(raw, m, out _));
        })]))];

        var commune = group.ParentId is int parentId ? await db.Units.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == parentId) : null;
        if (commune is not null && await scope.CanReadAsync(commune.Id))
        {
            DashboardUrl = $"/so-lieu/{commune.Id.ToString(CultureInfo.InvariantCulture)}?period={Week.Id}&mode=then";
            DashboardLabel = $"Xem số liệu {commune.FullName} trong tuần";
        }
        else
        {
            DashboardUrl = $"/so-lieu/{group.Id.ToString(CultureInfo.InvariantCulture)}?period={Week.Id}&mode=then";
            DashboardLabel = $"Xem số liệu {group.FullName} trong tuần";
        }
    }

    /// <summary>The live weekly activity of each kind for the group and week.</summary>
    private async Task<Dictionary<int, Activity>> WeekActivitiesAsync()
    {
        var (groupId, weekId) = (Group!.Id, Week.Id);
        return (await db.Activities.AsNoTracking().Where(a => a.UnitId == groupId && a.Week == weekId && a.Source == RecordSource.Weekly).ToListAsync())
            .GroupBy(a => a.KindId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Id).First());
    }

    /// <summary>A whole number ≥ 0; empty is 0. "1.500.000" (dots between thousands) is read as 1500000.</summary>
    public static string? Parse(string? raw, Measures measure, out long value)
    {
        value = 0;
        var s = (raw ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (s.Length == 0) return null;
        if (Thousands().IsMatch(s)) s = s.Replace(".", "", StringComparison.Ordinal);
        if (s.StartsWith('-')) return "Không nhập số âm.";
        if (!Digits().IsMatch(s)) return "Nhập số nguyên (không có chữ, dấu phẩy).";
        var max = measure == Measures.Money ? MaxMoney : MaxCount;
        if (s.Length > 15 || !long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value > max)
        {
            value = 0;
            return $"Số quá lớn (tối đa {Fmt.Number(max)}).";
        }
        return null;
    }

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex Thousands();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Digits();

    /// <summary>Adds, updates, restores or deletes one activity per kind, in one transaction; returns what was done.</summary>
    private async Task<string?> SaveAsync()
    {
        var group = Group!;
        var week = Week;
        var (groupId, weekId) = (group.Id, week.Id);
        var date = week.From < group.ValidFrom ? group.ValidFrom : week.From;
        var title = " tuần " + WeekLabel(week);
        var all = await db.Activities.IgnoreQueryFilters()
            .Where(a => a.UnitId == groupId && a.Week == weekId && a.Source == RecordSource.Weekly).ToListAsync();
        var lines = new List<string>();
        await using var tx = await db.Database.BeginTransactionAsync();
        try
        {
            foreach (var row in Rows)
            {
                var counts = row.Fields.Select(f => { Parse(f.Value, f.Measure, out var v); return (f.Measure, Value: v); }).ToList();
                var any = counts.Any(c => c.Value != 0);
                var mine = all.Where(a => a.KindId == row.Kind.Id).OrderBy(a => a.DeletedAt is not null).ThenByDescending(a => a.Id).ToList();
                var live = mine.FirstOrDefault(a => a.DeletedAt is null);
                if (!any)
                {
                    if (live is null) continue;
                    db.Activities.Remove(live);
                    await writer.SaveAsync(live);
                    lines.Add($"Đã xóa: {row.Kind.Name}");
                    continue;
                }
                var activity = live ?? mine.FirstOrDefault();
                if (activity is null)
                {
                    activity = new Activity { UnitId = groupId, KindId = row.Kind.Id, Title = row.Kind.Name + title, Source = RecordSource.Weekly, Week = weekId, Date = date };
                    db.Activities.Add(activity);
                }
                else if (activity.DeletedAt is not null)
                {
                    // The week's activity of this kind was cleared before: bring it back rather than add a second one.
                    activity.DeletedAt = null;
                    activity.DeletedBy = null;
                }
                var changed = activity.Id == 0 || live is null || activity.Note != Note;
                foreach (var (measure, value) in counts)
                {
                    long? v = value == 0 ? null : value;
                    if (activity.Count(measure) != v) changed = true;
                    activity.SetCount(measure, v);
                }
                activity.Note = Note;
                var text = $"{row.Kind.Name}: " + string.Join(", ", counts.Where(c => c.Value != 0).Select(c => $"{Fmt.Number(c.Value)} {MeasureInfo.UnitOfMeasure(c.Measure)}"));
                if (!changed)
                {
                    lines.Add(text + " (không đổi)");
                    continue;
                }
                await writer.SaveAsync(activity);
                lines.Add(text);
            }
            await tx.CommitAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            Errors.Add("Số liệu tuần này vừa được người khác sửa. Mở lại trang để xem số liệu mới nhất rồi nhập lại.");
            return null;
        }
        return lines.Count == 0
            ? $"Không có số liệu nào để lưu cho {group.FullName}, {week.Label}."
            : $"Đã lưu số liệu {week.Label} của {group.FullName}:\n" + string.Join('\n', lines);
    }

    /// <summary>Short enough for a phone: "Tuần này (30/11–06/12)", "Tuần trước (…)", "Tuần 47 (16/11–22/11)".</summary>
    public string WeekOption(Period week)
    {
        var current = FigureText.WeekOf(db.Clock.Today);
        var dates = string.Create(CultureInfo.InvariantCulture, $"{week.From:dd/MM}\u2013{week.To:dd/MM}");
        if (week == current) return $"Tuần này ({dates})";
        if (week == current.Previous()) return $"Tuần trước ({dates})";
        var number = ISOWeek.GetWeekOfYear(week.From.ToDateTime(TimeOnly.MinValue)).ToString("00", CultureInfo.InvariantCulture);
        return $"Tuần {number} ({dates})";
    }

    /// <summary>"49/2026 (30/11–06/12/2026)": the week in a record's title.</summary>
    public static string WeekLabel(Period week)
    {
        var label = week.Label; // "Tuần 49 năm 2026 (30/11–06/12/2026)"
        var t = week.From.ToDateTime(TimeOnly.MinValue);
        var dates = label[label.IndexOf('(', StringComparison.Ordinal)..];
        return $"{ISOWeek.GetWeekOfYear(t).ToString("00", CultureInfo.InvariantCulture)}/{ISOWeek.GetYear(t).ToString(CultureInfo.InvariantCulture)} {dates}";
    }
}
