using DoanKet.Data;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

public class WaveModel(AppDb db, UnitScope scope, CongressWaves waves) : PageModel
{
    public WaveProgress? Progress { get; private set; }
    public HashSet<int> Writable { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPlanAsync(int id, int unitId, DateOnly? plannedDate)
    {
        if (!await LoadAsync(id)) return NotFound();
        var row = Progress!.Rows.FirstOrDefault(r => r.Unit.Id == unitId);
        if (row is null) return NotFound();
        if (!Writable.Contains(unitId)) return Forbid();
        var error = WaveQueries.ValidatePlan(Progress.Wave, plannedDate);
        if (error is not null)
        {
            ModelState.AddModelError("", $"{row.Unit.FullName}: {error}");
            return Page();
        }
        var plan = await db.CongressPlans.FirstAsync(p => p.WaveId == id && p.UnitId == unitId);
        plan.PlannedDate = plannedDate;
        await db.SaveChangesAsync();
        Message = $"Đã lưu ngày dự kiến của {row.Unit.FullName}.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());
        var found = (await WaveQueries.VisibleAsync(db, readable, id)).FirstOrDefault();
        if (found.Wave is null) return false;
        Progress = await waves.ProgressAsync(found.Wave, found.Organiser, readable, db.Clock.Today);
        foreach (var r in Progress.Rows)
            if (r.Unit.ValidTo is null && await scope.CanWriteAsync(r.Unit)) Writable.Add(r.Unit.Id);
        return true;
    }
}
