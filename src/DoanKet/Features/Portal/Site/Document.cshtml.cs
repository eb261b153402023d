using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Site;

/// <summary>
/// /p/{slug}/van-ban/{id}: one published document with its file to download. Signed-in readers of its unit also see it
/// before it is published, marked as a preview (the output cache never stores signed-in requests).
/// </summary>
[OutputCache(PolicyName = Publishing.CacheTag)]
public class DocumentModel(AppDb db, VisitCounter visits, UnitScope scope) : SitePage(db, visits)
{
    public sealed record Attached(int Id, string Name, string ContentType, long Size);

    public PublicDocument Document { get; private set; } = null!;
    public Attached? Attachment { get; private set; }
    public bool Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int id)
    {
        if (await LoadSiteAsync(slug, "/van-ban/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } answer) return answer;
        var units = Sites.Subtree(Db, Site!);
        var d = await Db.PublicDocuments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && units.Contains(x.UnitId));
        if (d is null) return NotFound();
        if (d.Status != PublishStatus.Published)
        {
            if (!scope.IsSignedIn || !await scope.CanReadAsync(d.UnitId)) return NotFound();
            Preview = true;
        }
        Document = d;
        Attachment = d.FileId is int f
            ? await Db.StoredFiles.AsNoTracking().Where(x => x.Id == f).Select(x => new Attached(x.Id, x.Name, x.ContentType, x.Size)).FirstOrDefaultAsync()
            : null;
        return Page();
    }

    public static string Format(string contentType) => contentType == "application/pdf" ? "PDF" : "Word (.docx)";
}
