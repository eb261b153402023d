using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Site;

/// <summary>
/// /p/{slug}/tin/{id}-{title}: one article as commune portals show them — "Ngày đăng … | … | Lượt xem: …", the lead,
/// the cover with its caption, the body, related news (same category) and other news. A draft is shown only to those
/// who may read its unit, as a preview (never cached: the output cache skips signed-in requests).
/// </summary>
[OutputCache(PolicyName = Publishing.CacheTag)]
public class ArticleModel(AppDb db, VisitCounter visits, UnitScope scope) : SitePage(db, visits)
{
    public Article Article { get; private set; } = null!;
    public bool Preview { get; private set; }
    public List<NewsItem> Related { get; private set; } = [];
    public List<NewsItem> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, string item)
    {
        var digits = item.TakeWhile(char.IsAsciiDigit).Count();
        if (digits == 0 || !int.TryParse(item.AsSpan(0, Math.Min(digits, 9)), out var id)) return NotFound();
        var a = await Db.Articles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (a is null) return NotFound();
        Preview = a.Status != PublishStatus.Published;
        if (Preview && !await scope.CanReadAsync(a.UnitId)) return NotFound();
        var unit = await Db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == a.UnitId);
        var url = Publishing.UrlOf(a, unit);
        if (Request.Path.Value != url) return RedirectPermanent(url);
        if (await LoadSiteAsync(slug) is { } answer) return answer;
        Article = a;
        var site = NewsItems.Published(Db, Site).Where(x => x.Id != a.Id);
        Related = await NewsItems.PageAsync(Db, site.Where(x => x.Category == a.Category), 0, 5);
        var shown = Related.Select(r => r.Id).ToList();
        Others = await NewsItems.PageAsync(Db, site.Where(x => !shown.Contains(x.Id)), 0, 5);
        return Page();
    }
}
