using DoanKet.Data;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Reports;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Reports;

/// <summary>
/// /bao-cao/duyet: the level above's side — the reports waiting for review, and for a period each unit directly below
/// with its report's status against the deadline this level sets.
/// </summary>
public class ReviewModel(AppDb db, UnitScope scope) : PageModel
{
    public sealed record Row(Unit Unit, ReviewReport? Report);

    [BindProperty] public DateOnly? Due { get; set; }

    public Unit Home { get; private set; } = null!;
    public Period Period { get; private set; }
    public List<string> Errors { get; } = [];
    public List<Row> Rows { get; private set; } = [];
    public List<(ReviewReport Report, Unit Unit)> Waiting { get; private set; } = [];
    public ReportDeadline? Deadline { get; private set; }
    public bool CanSetDeadline { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? period) => await LoadAsync(period) ? Page() : NotFound();

    /// <summary>Sets (or moves) the day by which the units below send their reports of the period.</summary>
    public async Task<IActionResult> OnPostAsync(string? period)
    {
        if (!await LoadAsync(period)) return NotFound();
        if (!CanSetDeadline) return Forbid();
        if (Errors.Count > 0) return Page();
        if (Due is not { } due) ModelState.AddModelError(nameof(Due), "Nhập hạn nộp báo cáo.");
        else if (due < Period.From || due > Period.To.AddMonths(3)) ModelState.AddModelError(nameof(Due), $"Hạn nộp phải từ {Fmt.Date(Period.From)} đến {Fmt.Date(Period.To.AddMonths(3))}.");
        if (!ModelState.IsValid) return Page();
        var d = await db.ReportDeadlines.FirstOrDefaultAsync(x => x.UnitId == Home.Id && x.PeriodId == Period.Id);
        if (d is null) db.ReportDeadlines.Add(new ReportDeadline { UnitId = Home.Id, PeriodId = Period.Id, Due = Due!.Value, CreatedAt = db.Clock.UtcNow });
        else d.Due = Due!.Value;
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("", RecordRules.Conflict);
            return Page();
        }
        TempData["Message"] = $"Đã đặt hạn nộp báo cáo {Period.Label}: {Fmt.Date(Due!.Value)}.";
        return Redirect($"/bao-cao/duyet?period={Uri.EscapeDataString(Period.Id)}");
    }

    private async Task<bool> LoadAsync(string? period)
    {
        if (await scope.HomeAsync() is not { } home) return false;
        Home = home;
        if (!FigureText.TryPeriod(period, FigureText.QuarterOf(db.Clock.Today).Previous(), out var p, out var error)) Errors.Add(error!);
        Period = p;
        CanSetDeadline = home.ValidTo is null && await scope.CanWriteAsync(home);
        var units = await db.Units.AsNoTracking().Where(u => u.ParentId == home.Id && u.ValidFrom <= p.To && (u.ValidTo == null || u.ValidTo > p.From))
            .OrderBy(u => u.Name).ToListAsync();
        var ids = units.Select(u => u.Id).ToList();
        var reports = await db.ReviewReports.AsNoTracking().Where(r => ids.Contains(r.UnitId) && r.PeriodId == p.Id).ToDictionaryAsync(r => r.UnitId);
        Rows = [.. units.Select(u => new Row(u, reports.GetValueOrDefault(u.Id)))];
        Deadline = await db.ReportDeadlines.AsNoTracking().FirstOrDefaultAsync(d => d.UnitId == home.Id && d.PeriodId == p.Id);
        Due ??= Deadline?.Due;
        // Waiting anywhere below (a province also sees what a commune sent when no district stands between them).
        var below = (await scope.ReadableAsync(db.Units.IgnoreQueryFilters())).Where(u => u.Id != home.Id);
        Waiting = (await db.ReviewReports.AsNoTracking().Where(r => r.Status == ReportStatus.Submitted)
                .Join(below, r => r.UnitId, u => u.Id, (r, u) => new { r, u }).OrderBy(x => x.r.SubmittedAt).Take(100).ToListAsync())
            .Select(x => (x.r, x.u)).ToList();
        return true;
    }
}
