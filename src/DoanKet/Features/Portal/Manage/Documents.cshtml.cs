using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Manage;

/// <summary>/cong-thong-tin/van-ban: the library documents of the account's units, newest first, with where each stands.</summary>
public class DocumentsModel(AppDb db, UnitScope scope) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(int Id, string Number, string Title, DocumentType Type, DateOnly IssuedOn, PublishStatus Status, int UnitId);

    public List<Row> Rows { get; private set; } = [];
    public Dictionary<int, string> UnitNames { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool More { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "trang")] int? page)
    {
        PageNumber = Math.Clamp(page ?? 1, 1, 10_000);
        var readable = (await scope.ReadableAsync(db.Units.IgnoreQueryFilters())).Select(u => u.Id);
        var rows = await db.PublicDocuments.AsNoTracking().Where(d => readable.Contains(d.UnitId))
            .OrderByDescending(d => d.IssuedOn).ThenByDescending(d => d.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(d => new Row(d.Id, d.Number, d.Title, d.Type, d.IssuedOn, d.Status, d.UnitId))
            .ToListAsync();
        More = rows.Count > PageSize;
        Rows = [.. rows.Take(PageSize)];
        UnitNames = await RecordRules.UnitNamesAsync(db, Rows.Select(r => r.UnitId));
    }
}
