using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Site;

/// <summary>
/// /p/{slug}/anh/{id}: the photos of one published album, small copies first (phones), the 1600 px copies for wide
/// screens. Signed-in readers of its unit also see it before it is published, marked as a preview.
/// </summary>
[OutputCache(PolicyName = Publishing.CacheTag)]
public class AlbumModel(AppDb db, VisitCounter visits, UnitScope scope) : SitePage(db, visits)
{
    public sealed record PhotoRow(int FileId, string Name, string? Caption, int? Width, int? Height);

    public Album Album { get; private set; } = null!;
    public List<PhotoRow> Photos { get; private set; } = [];
    public bool Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int id)
    {
        if (await LoadSiteAsync(slug, "/anh/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } answer) return answer;
        var units = Sites.Subtree(Db, Site!);
        var a = await Db.Albums.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && units.Contains(x.UnitId));
        if (a is null) return NotFound();
        if (a.Status != PublishStatus.Published)
        {
            if (!scope.IsSignedIn || !await scope.CanReadAsync(a.UnitId)) return NotFound();
            Preview = true;
        }
        Album = a;
        Photos = await Db.Photos.AsNoTracking().Where(p => p.AlbumId == id).OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Join(Db.StoredFiles, p => p.FileId, f => f.Id, (p, f) => new PhotoRow(f.Id, f.Name, p.Caption, f.Width, f.Height))
            .ToListAsync();
        return Page();
    }
}
