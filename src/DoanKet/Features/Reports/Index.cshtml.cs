using System.Globalization;
using DoanKet.Data;
using DoanKet.Features.Indicators;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKet.Features.Reports;

/// <summary>
/// /bao-cao/{unitId}: the review report of a readable unit for a period, printable, with its Word and JSON downloads.
/// Each sentence links to the records behind the indicators it states.
/// </summary>
public class IndexModel(AppDb db, UnitScope scope, ReportBuilder builder) : PageModel
{
    public Report Report { get; private set; } = null!;
    public List<string> Errors { get; } = [];

    public string Query => $"period={Uri.EscapeDataString(Report.Period.Id)}&mode={Report.Mode.Id()}";

    public string Sources(string code) => FigureText.SourcesUrl(code, Report.Unit.Id, Report.Period, Report.Mode);

    public async Task<IActionResult> OnGetAsync(int? unitId, string? period, string? mode) =>
        await LoadAsync(unitId, period, mode) ? Page() : NotFound();

    public async Task<IActionResult> OnGetWordAsync(int? unitId, string? period, string? mode) =>
        await LoadAsync(unitId, period, mode)
            ? File(ReportOutput.Word(Report, FigureText.Today()), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileName("docx"))
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
        if (!FigureText.TryPeriod(period, FigureText.CurrentQuarter().Previous(), out var p, out var periodError)) Errors.Add(periodError!);
        if (!FigureText.TryMode(mode, out var m)) Errors.Add(FigureText.ModeError);
        if (m == FigureMode.Now && unit.ValidTo is not null)
        {
            Errors.Add(FigureText.NowNeedsCurrentUnit);
            m = FigureMode.Then;
        }
        Report = await builder.BuildAsync(unit, p, m);
        return true;
    }
}
