using DoanKet.Data;
using DoanKet.Domain.Periods;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.History;

/// <summary>/lich-su: old reports whose figures were imported into the history of the account's units, newest first.</summary>
public class IndexModel(AppDb db, UnitScope scope, HistoryImport import) : PageModel
{
    public sealed record Row(int Id, string Title, string UnitName, string PeriodLabel, int Figures, DateTime CreatedAt, string? CreatedBy);

    public List<Row> Rows { get; private set; } = [];
    public bool CanImport { get; private set; }

    public async Task OnGetAsync()
    {
        var readable = (await scope.ReadableAsync(db.Units.IgnoreQueryFilters())).Select(u => u.Id);
        var docs = await db.HistoricalDocuments.AsNoTracking().Where(d => readable.Contains(d.UnitId)).OrderByDescending(d => d.Id).Take(200)
            .Select(d => new { d.Id, d.UnitId, d.PeriodId, d.Title, d.CreatedAt, d.CreatedBy, Figures = d.Figures.Count }).ToListAsync();
        var ids = docs.Select(d => d.UnitId).Distinct().ToList();
        var names = await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        Rows = [.. docs.Select(d => new Row(d.Id, d.Title, names[d.UnitId], Period.TryParse(d.PeriodId, out var p) ? p.Label : d.PeriodId, d.Figures, d.CreatedAt, d.CreatedBy))];
        CanImport = await import.CanImportAsync();
    }
}
