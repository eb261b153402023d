using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain.Reports;
using DoanKet.Features.Indicators;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Reports;

/// <summary>
/// /bao-cao/{unitId}: the review report of a readable unit for a period, printable, with its Word and JSON downloads.
/// Each sentence links to the records behind the indicators it states.
/// </summary>
public class IndexModel(AppDb db, UnitScope scope, ReportBuilder builder, ReportWorkflow workflow) : PageModel
{
    public Report Report { get; private set; } = null!;
    public List<string> Errors { get; } = [];
    /// <summary>The unit's stored report of the period, when one was started.</summary>
    public ReviewReport? Stored { get; private set; }
    public bool CanOpen { get; private set; }
    /// <summary>The unit's stored reports, latest first.</summary>
    public List<ReviewReport> Others { get; private set; } = [];
    /// <summary>Old documents whose imported figures this report sums (Features/History).</summary>
    public List<(int Id, string Title)> ImportedFrom { get; private set; } = [];

    public string Query => $"period={Uri.EscapeDataString(Report.Period.Id)}&mode={Report.Mode.Id()}";

    public string Sources(string code) => FigureText.SourcesUrl(code, Report.Unit.Id, Report.Period, Report.Mode);

    public async Task<IActionResult> OnGetAsync(int? unitId, string? period, string? mode)
    {
        if (!await LoadAsync(unitId, period, mode)) return NotFound();
        var ids = History.HistoryImport.ImportedFacts(db, Report.Unit, Report.Period, Report.Mode).Select(f => f.RecordId).Distinct();
        ImportedFrom = [.. (await db.HistoricalDocuments.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.Id).Select(d => new { d.Id, d.Title }).ToListAsync()).Select(d => (d.Id, d.Title))];
        return Page();
    }

    /// <summary>Starts (or opens) the unit's stored report of the period, to write and submit.</summary>
    public async Task<IActionResult> OnPostOpenAsync(int? unitId, string? period)
    {
        if (!await LoadAsync(unitId, period, null)) return NotFound();
        if (Errors.Count > 0) return Page();
        var (stored, fail) = await workflow.OpenAsync(Report.Unit, Report.Period);
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null)
        {
            Errors.Add(fail.Message);
            return Page();
        }
        return Redirect($"/bao-cao/van-ban/{stored!.Id}");
    }

    public async Task<IActionResult> OnGetWordAsync(int? unitId, string? period, string? mode) =>
        await LoadAsync(unitId, period, mode)
            ? File(ReportOutput.Word(Report, db.Clock.Today), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileName("docx"))
            : NotFound();

    public async Task<IActionResult> OnGetJsonAsync(int? unitId, string? period, string? mode) =>
        await LoadAsync(unitId, period, mode) ? File(System.Text.Encoding.UTF8.GetBytes(ReportOutput.Json(Report)), "application/json", FileName("json")) : NotFound();

    public async Task<IActionResult> OnGetExcelAsync(int? unitId, string? period, string? mode) =>
        await LoadAsync(unitId, period, mode) ? File(ReportOutput.Excel(Report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx")) : NotFound();

    private string FileName(string ext) => $"bao-cao-{Report.Unit.Id.ToString(CultureInfo.InvariantCulture)}-{Report.Period.Id}.{ext}";

    private async Task<bool> LoadAsync(int? unitId, string? period, string? mode)
    {
        var home = await scope.HomeAsync();
        if (home is null) return false;
        var unit = await UnitsApi.FindReadableAsync(unitId ?? home.Id, db, scope);
        if (unit is null) return false;
        // The last finished quarter by default: the report is written after the period.
        if (!FigureText.TryPeriod(period, FigureText.QuarterOf(db.Clock.Today).Previous(), out var p, out var periodError)) Errors.Add(periodError!);
        if (!FigureText.TryMode(mode, out var m)) Errors.Add(FigureText.ModeError);
        if (m == FigureMode.Now && unit.ValidTo is not null)
        {
            Errors.Add(FigureText.NowNeedsCurrentUnit);
            m = FigureMode.Then;
        }
        Report = await builder.BuildAsync(unit, p, m);
        Stored = await db.ReviewReports.AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unit.Id && r.PeriodId == p.Id);
        CanOpen = unit.ValidTo is null && await scope.CanWriteAsync(unit);
        Others = await db.ReviewReports.AsNoTracking().Where(r => r.UnitId == unit.Id).OrderByDescending(r => r.Id).Take(20).ToListAsync();
        return true;
    }
}
