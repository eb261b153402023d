using DoanKet.Data;
using DoanKet.Domain.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace DoanKet.Features.Portal.Site;

/// <summary>/p/{slug}/tin: a site's published news, newest first, by category, 20 a page.</summary>
[OutputCache(PolicyName = Publishing.CacheTag)]
public class NewsModel(AppDb db, VisitCounter visits) : SitePage(db, visits)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "chuyen-muc")] public ArticleCategory? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public List<NewsItem> Items { get; private set; } = [];
    public bool More { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadSiteAsync(slug, "/tin") is { } answer) return answer;
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var q = NewsItems.Published(Db, Site);
        if (Category is ArticleCategory c) q = q.Where(a => a.Category == c);
        Items = await NewsItems.PageAsync(Db, q, (PageNumber - 1) * PageSize, PageSize + 1);
        More = Items.Count > PageSize;
        Items = [.. Items.Take(PageSize)];
        return Page();
    }
}
