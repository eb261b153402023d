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
        Rows = await db.NewsDrafts.AsNoTracking().OrderByDescending(d => d.Id).Take(200)
            .Join(units, d => d.UnitId, u => u.Id, (d, u) => new Row(d, u.Name))
            .ToListAsync();
    }
}
