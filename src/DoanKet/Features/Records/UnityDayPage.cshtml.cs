using DoanKet.Data;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

/// <summary>
/// Unity Day of every residential group of a commune (or of one group) for a year, on one screen,
/// saved all at once in one transaction: one record per group and year, updated when it exists.
/// </summary>
public class UnityDayPageModel(AppDb db, UnitScope scope, RecordWriter writer) : PageModel
{
    public sealed class RowInput
    {
        public int UnitId { get; set; }
        public bool Held { get; set; }
        public DateOnly? Date { get; set; }
        public int? HouseholdsAttending { get; set; }
        public int? HouseholdsTotal { get; set; }
        public string? Note { get; set; }
        public long? Version { get; set; }
    }

    [BindProperty] public List<RowInput> Rows { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    [TempData] public string? Message { get; set; }

    public Unit Unit { get; private set; } = null!;
    public int Y { get; private set; }
    public string? YearError { get; private set; }
    /// <summary>What is stored now, for every group of the year (the summary and the rows the account only reads).</summary>
    public List<UnityDayDto> Stored { get; private set; } = [];
    public Dictionary<int, string> Names { get; private set; } = [];
    public HashSet<int> Writable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int unitId)
    {
        if (!await LoadAsync(unitId)) return NotFound();
        Rows = [.. Stored.Where(s => Writable.Contains(s.UnitId)).Select(s => new RowInput
        {
            UnitId = s.UnitId, Held = s.Held, Date = s.Date, HouseholdsAttending = s.HouseholdsAttending, HouseholdsTotal = s.HouseholdsTotal, Note = s.Note, Version = s.Version,
        })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId)
    {
        if (!await LoadAsync(unitId)) return NotFound();
        if (Writable.Count == 0) return Forbid();
        if (YearError is not null) ModelState.AddModelError("", YearError);
        var stored = Stored.ToDictionary(s => s.UnitId);
        var groups = (await UnityDays.GroupsAsync(db, scope, Unit, Y)).ToDictionary(g => g.Id);
        var changes = new List<UnityDayInput>();
        if (Rows.Count > groups.Count || Rows.Select(r => r.UnitId).Distinct().Count() != Rows.Count)
            ModelState.AddModelError("", "Danh sách gửi lên không khớp với các thôn, tổ dân phố của trang: tải lại trang rồi nhập lại.");
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (!groups.TryGetValue(row.UnitId, out var group))
            {
                ModelState.AddModelError("", $"Dòng {i + 1}: thôn, tổ dân phố không thuộc {Unit.FullName} trong năm {Y}.");
                continue;
            }
            if (!Writable.Contains(group.Id))
            {
                ModelState.AddModelError("", $"Bạn không ghi được Ngày hội của {group.FullName}.");
                continue;
            }
            var input = new UnityDayInput(group.Id, Y, row.Held, row.Date, row.HouseholdsAttending, row.HouseholdsTotal, row.Note, row.Version);
            FormErrors.Add(ModelState, RecordRules.ValidateUnityDay(input, group, db.Clock.Today, $"Rows[{i}]."), prefix: "");
            var before = stored.GetValueOrDefault(group.Id);
            var same = before is { Id: not null } && before.Held == input.Held && before.Date == (input.Held ? input.Date : null)
                && before.HouseholdsAttending == (input.Held ? input.HouseholdsAttending : null) && before.HouseholdsTotal == input.HouseholdsTotal
                && before.Note == (string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim());
            // Nothing to record: not held and never recorded, or unchanged.
            if (same || (before?.Id is null && !input.Held && string.IsNullOrWhiteSpace(input.Note))) continue;
            // A row drawn before someone else recorded this group is stale.
            if (before?.Id is not null && input.Version != before.Version)
            {
                ModelState.AddModelError("", $"{group.FullName}: {RecordRules.Conflict}");
                continue;
            }
            changes.Add(input);
        }
        if (!ModelState.IsValid) return Page();
        if (changes.Count > 0)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            foreach (var input in changes)
            {
                var (day, stale) = await UnityDays.UpsertAsync(db, input);
                if (stale || !await RecordRules.SaveAsync(db, writer, day))
                {
                    await tx.RollbackAsync();
                    ModelState.AddModelError("", RecordRules.Conflict);
                    return Page();
                }
            }
            await tx.CommitAsync();
        }
        Message = changes.Count == 0 ? "Không có gì thay đổi." : $"Đã lưu Ngày hội năm {Y} của {changes.Count} thôn, tổ dân phố; số liệu đã được tính lại.";
        return Redirect($"/cong-viec/ngay-hoi/{unitId}?nam={Y}");
    }

    private async Task<bool> LoadAsync(int unitId)
    {
        var unit = await UnitsApi.FindReadableAsync(unitId, db, scope);
        if (unit is null) return false;
        Unit = unit;
        var thisYear = db.Clock.Today.Year;
        Y = Year ?? thisYear;
        if (Y < 1990 || Y > thisYear)
        {
            YearError = $"Năm từ 1990 đến {thisYear}; đang xem năm {thisYear}.";
            Y = thisYear;
        }
        if (unit.Level is not (UnitLevel.Commune or UnitLevel.ResidentialGroup)) return true;
        Stored = await UnityDays.RowsAsync(db, scope, unit, Y);
        var ids = Stored.Select(s => s.UnitId).ToList();
        var groups = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync();
        foreach (var g in groups)
            if (g.ValidTo is null && await scope.CanWriteAsync(g)) Writable.Add(g.Id);
        Names = Stored.ToDictionary(s => s.UnitId, s => s.UnitName);
        return true;
    }
}
