using DoanKet.Data;
using DoanKet.Domain.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Site;

/// <summary>
/// /p/{slug}/van-ban: the published documents of a site (its unit and the units under it), newest first, by type
/// (?loai=bao-cao) and by words typed with or without diacritics (?q=), found in number, title, summary and the file's text.
/// </summary>
[OutputCache(PolicyName = Publishing.CacheTag)]
public class DocumentsModel(AppDb db, VisitCounter visits) : SitePage(db, visits)
{
    public const int PageSize = 20;

    public sealed record Row(int Id, string Number, string Title, DocumentType Type, DateOnly IssuedOn, string? Signer);

    public List<Row> Rows { get; private set; } = [];
    public DocumentType? Type { get; private set; }
    public string? Query { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public bool More { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? loai, string? q, int? trang)
    {
        if (await LoadSiteAsync(slug, "/van-ban") is { } answer) return answer;
        (Type, Query, PageNumber) = (Library.TypeOf(loai), q?.Trim(), Math.Clamp(trang ?? 1, 1, 1000));
        var units = Sites.Subtree(Db, Site!);
        var docs = Db.PublicDocuments.AsNoTracking().Where(d => d.Status == PublishStatus.Published && units.Contains(d.UnitId));
        if (Type is { } t) docs = docs.Where(d => d.Type == t);
        var words = SearchIndex.Words(Query);
        if (words.Length > 0)
        {
            // The search entry of a document holds its number, title, signer, summary and text, folded; the words are [a-z0-9] only.
            var entries = Db.SearchEntries.Where(e => e.Kind == "document");
            foreach (var w in words) entries = entries.Where(e => EF.Functions.Like(e.Folded, "%" + w + "%"));
            var ids = entries.Select(e => e.RefId);
            docs = docs.Where(d => ids.Contains(d.Id));
        }
        var rows = await docs.OrderByDescending(d => d.IssuedOn).ThenByDescending(d => d.PublishedAt).ThenByDescending(d => d.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(d => new Row(d.Id, d.Number, d.Title, d.Type, d.IssuedOn, d.Signer))
            .ToListAsync();
        More = rows.Count > PageSize;
        Rows = [.. rows.Take(PageSize)];
        return Page();
    }

    /// <summary>This list's address with the same filters on another page.</summary>
    public string Link(int page)
    {
        var parts = new List<string>();
        if (Type is { } t) parts.Add("loai=" + Library.TypeSlugs[t]);
        if (!string.IsNullOrEmpty(Query)) parts.Add("q=" + Uri.EscapeDataString(Query));
        if (page > 1) parts.Add("trang=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return SiteUrl + "/van-ban" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }
}
