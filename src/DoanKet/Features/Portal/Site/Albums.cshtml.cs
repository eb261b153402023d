using DoanKet.Data;
using DoanKet.Domain.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Site;

/// <summary>/p/{slug}/anh: the published albums of a site (its unit and the units under it), latest event first, each with its first photo.</summary>
[OutputCache(PolicyName = Publishing.CacheTag)]
public class AlbumsModel(AppDb db, VisitCounter visits) : SitePage(db, visits)
{
    public const int PageSize = 24;

    public sealed record Row(int Id, string Title, DateOnly EventOn, int Photos, int? CoverId);
    public sealed record Cover(int Id, string Name, int? Width, int? Height);

    public List<Row> Rows { get; private set; } = [];
    public Dictionary<int, Cover> Covers { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool More { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? trang)
    {
        if (await LoadSiteAsync(slug, "/anh") is { } answer) return answer;
        PageNumber = Math.Clamp(trang ?? 1, 1, 1000);
        var units = Sites.Subtree(Db, Site!);
        var rows = await Db.Albums.AsNoTracking().Where(a => a.Status == PublishStatus.Published && units.Contains(a.UnitId))
            .OrderByDescending(a => a.EventOn).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new Row(a.Id, a.Title, a.EventOn, a.Photos.Count,
                a.Photos.OrderBy(p => p.SortOrder).ThenBy(p => p.Id).Select(p => (int?)p.FileId).FirstOrDefault()))
            .ToListAsync();
        More = rows.Count > PageSize;
        Rows = [.. rows.Take(PageSize)];
        var ids = Rows.Select(r => r.CoverId).OfType<int>().ToList();
        Covers = await Db.StoredFiles.AsNoTracking().Where(f => ids.Contains(f.Id))
            .Select(f => new Cover(f.Id, f.Name, f.Width, f.Height)).ToDictionaryAsync(f => f.Id);
        return Page();
    }
}
