using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Manage;

/// <summary>/cong-thong-tin/anh: the photo albums of the account's units, newest event first, with where each stands.</summary>
public class AlbumsModel(AppDb db, UnitScope scope) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(int Id, string Title, DateOnly EventOn, PublishStatus Status, int UnitId, int Photos);

    public List<Row> Rows { get; private set; } = [];
    public Dictionary<int, string> UnitNames { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool More { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "trang")] int? page)
    {
        PageNumber = Math.Clamp(page ?? 1, 1, 10_000);
        var readable = (await scope.ReadableAsync(db.Units.IgnoreQueryFilters())).Select(u => u.Id);
        var rows = await db.Albums.AsNoTracking().Where(a => readable.Contains(a.UnitId))
            .OrderByDescending(a => a.EventOn).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new Row(a.Id, a.Title, a.EventOn, a.Status, a.UnitId, a.Photos.Count))
            .ToListAsync();
        More = rows.Count > PageSize;
        Rows = [.. rows.Take(PageSize)];
        UnitNames = await RecordRules.UnitNamesAsync(db, Rows.Select(r => r.UnitId));
    }
}
