using DoanKet.Data;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKet.Features.Portal.Site;

/// <summary>
/// What every public portal page shows around its content: the site (a unit, or the national home when null), its
/// address and the visit counts. A slug that is not the unit's current one redirects to it.
/// </summary>
public abstract class SitePage(AppDb db, VisitCounter visits) : PageModel
{
    protected AppDb Db => db;
    public Unit? Site { get; private set; }
    public string SiteUrl => Site is null ? "/p" : Sites.Url(Site);
    public string SiteName => Site is null ? "Cổng thông tin Mặt trận Tổ quốc Việt Nam" : "Ủy ban MTTQ Việt Nam " + Site.FullName;
    public VisitCounter.Stats Stats { get; private set; } = new(0, 0, 0, 0);

    /// <summary>Loads the site of the slug: null when it is ready, else the answer to give (404 or a redirect).</summary>
    protected async Task<IActionResult?> LoadSiteAsync(string? slug, string rest = "")
    {
        if (slug is not null)
        {
            Site = await Sites.FindAsync(db, slug);
            if (Site is null) return NotFound();
            if (slug != Sites.Slug(Site)) return RedirectPermanent(Sites.Url(Site) + rest + Request.QueryString);
        }
        Stats = await visits.StatsAsync(db, Site?.Id ?? 0);
        return null;
    }
}
