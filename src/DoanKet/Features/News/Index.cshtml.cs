using DoanKet.Data;
using DoanKet.Domain.Reports;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.News;

/// <summary>/tin-bai: the news drafts of the account's units, newest first, for editing before the portal publishes them.</summary>
public class IndexModel(AppDb db, UnitScope scope) : PageModel
{
    public sealed record Row(NewsDraft Draft, string UnitName);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var units = await scope.ReadableAsync(db.Units.IgnoreQueryFilters());
        var readable = units.Select(u => u.Id);
        var drafts = await db.NewsDrafts.AsNoTracking().Where(d => readable.Contains(d.UnitId)).OrderByDescending(d => d.Id).Take(200).ToListAsync();
        var ids = drafts.Select(d => d.UnitId).Distinct().ToList();
        var names = await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
        Rows = [.. drafts.Select(d => new Row(d, names[d.UnitId]))];
    }
}
