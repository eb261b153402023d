using DoanKet.Data;
using DoanKet.Domain.Supervisions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Supervisions;

/// <summary>
/// /giam-sat: the yearly supervision plan of the account's units (the committee's, the People's Inspection Board's and the
/// investment supervision board's), how far each has got, and where their recommendations stand.
/// </summary>
public class IndexModel(AppDb db, UnitScope scope, RecordWriter writer) : PageModel
{
    public sealed record Row(Supervision Supervision, string UnitName, int Recommendations, int Resolved, int Overdue);

    [BindProperty] public SupervisionInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "ban")] public SupervisionBoard? Board { get; set; }
    /// <summary>Every year's supervisions with a recommendation overdue (the home page's reminder links here).</summary>
    [BindProperty(SupportsGet = true, Name = "qua-han")] public bool OverdueOnly { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public List<Unit> Writable { get; private set; } = [];
    public List<int> Years { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.Year = Year!.Value;
        Input.Board = Board ?? SupervisionBoard.Committee;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
        if (fail is { Status: 403 }) return Forbid();
        var e = fail?.Errors ?? [];
        if (unit is not null) foreach (var (k, v) in SupervisionRules.Validate(Input, unit, 0, db.Clock.Today)) e[k] = v;
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e);
            Year = Input.Year;
            await LoadAsync();
            return Page();
        }
        var s = new Supervision { Title = "", Subject = "", CreatedAt = db.Clock.UtcNow, CreatedBy = User.Identity?.Name };
        SupervisionRules.Apply(s, Input);
        db.Supervisions.Add(s);
        await writer.SaveAsync(s);
        TempData["Message"] = "Đã thêm cuộc giám sát.";
        return Redirect($"/giam-sat/{s.Id}");
    }

    private async Task LoadAsync()
    {
        var today = db.Clock.Today;
        Year = Year is >= 2000 and <= 2100 ? Year : today.Year;
        var home = await scope.HomeAsync();
        if (home is null) return;
        var area = await RecordRules.AreaAsync(db, scope, home);
        var all = db.Supervisions.AsNoTracking().Where(s => area.Any(u => u.Id == s.UnitId));
        Years = [.. (await all.Select(s => s.Year).Distinct().ToListAsync()).Append(today.Year).Distinct().OrderDescending()];
        // In the plan's order: by the day it started, or else the month planned.
        var overdue = SupervisionRules.OverdueRecommendations(db, area, today);
        var chosen = OverdueOnly ? all.Where(s => overdue.Any(r => r.SupervisionId == s.Id)) : all.Where(s => s.Year == Year);
        var list = (await chosen.Where(s => Board == null || s.Board == Board).OrderBy(s => s.Id).Take(500).ToListAsync())
            .OrderBy(s => s.StartedOn ?? new DateOnly(s.Year, s.PlannedMonth ?? 12, 28)).ThenBy(s => s.Id).ToList();
        var ids = list.Select(s => s.Id).ToList();
        var recs = await db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.SupervisionId)).ToListAsync();
        var names = await RecordRules.UnitNamesAsync(db, list.Select(s => s.UnitId));
        Rows = [.. list.Select(s =>
        {
            var mine = recs.Where(r => r.SupervisionId == s.Id).ToList();
            return new Row(s, names.GetValueOrDefault(s.UnitId, ""), mine.Count, mine.Count(r => r.Status == RecommendationStatus.Resolved), mine.Count(r => r.IsOverdue(today)));
        })];
        Writable = await RecordRules.WritableChoicesAsync(db, scope, null, SupervisionRules.FitsUnit);
        if (Input.UnitId == 0) Input.UnitId = Writable.FirstOrDefault()?.Id ?? 0;
    }
}
