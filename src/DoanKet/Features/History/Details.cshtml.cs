using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.History;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Units;
using DoanKet.Features.Audit;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.History;

/// <summary>/lich-su/{id}: an imported document, its figures and the indicators they went into; its writers may delete it (softly: its facts go).</summary>
public class DetailsModel(AppDb db, UnitScope scope, RecordWriter writer, HistoryImport import) : PageModel
{
    public sealed record Line(ImportedFigure Figure, Indicator? Indicator);

    [BindProperty] public long Version { get; set; }

    public HistoricalDocument Document { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public Period Period { get; private set; }
    public List<Line> Lines { get; private set; } = [];
    public bool Writer { get; private set; }
    public List<AuditEntry> Audit { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Version = Document.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var d = await RecordRules.TouchAsync(db, db.HistoricalDocuments, id, Version);
        if (d is null)
        {
            ModelState.AddModelError("", RecordRules.Conflict);
            return Page();
        }
        d.DeletedAt = db.Clock.UtcNow;
        d.DeletedBy = scope.User.Identity?.Name;
        if (!await RecordRules.SaveAsync(db, writer, d))
        {
            ModelState.AddModelError("", RecordRules.Conflict);
            return Page();
        }
        TempData["Message"] = "Đã xóa văn bản và các số liệu nhập từ văn bản đó.";
        return Redirect("/lich-su");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var doc = await db.HistoricalDocuments.AsNoTracking().Include(d => d.Figures).FirstOrDefaultAsync(d => d.Id == id);
        if (doc is null || !await scope.CanReadAsync(doc.UnitId)) return false;
        Document = doc;
        Unit = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == doc.UnitId);
        Period = Period.Parse(doc.PeriodId);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id);
        Lines = [.. doc.Figures.OrderBy(f => f.Start).Select(f => new Line(f, indicators.GetValueOrDefault(f.IndicatorId)))];
        // Whoever may import for the unit may take the import back.
        Writer = await import.ImportableUnitAsync(doc.UnitId) is not null;
        Audit = await AuditTrail.ForAsync(db, nameof(HistoricalDocument), id);
        return true;
    }
}
