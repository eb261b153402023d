using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Site;

/// <summary>
/// /p: the national home, the latest news from every site. /p/{slug}: a unit's site — its standing committee (public
/// posts only), its latest news, the way to send an opinion and to see its funds.
/// </summary>
[OutputCache(PolicyName = Publishing.CacheTag)]
public class HomeModel(AppDb db, VisitCounter visits) : SitePage(db, visits)
{
    public sealed record Leader(string Name, string Post);
    public sealed record SiteLink(string Name, string Url);

    public List<NewsItem> Latest { get; private set; } = [];
    public List<Leader> Leaders { get; private set; } = [];
    public List<(int Id, string Name)> Funds { get; private set; } = [];
    public List<SiteLink> Sites { get; private set; } = [];
    public List<SiteLink> Successors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? slug)
    {
        if (await LoadSiteAsync(slug) is { } answer) return answer;
        Latest = await NewsItems.PageAsync(Db, NewsItems.Published(Db, Site), 0, 12);
        if (Site is null)
        {
            // Sites that have published something, by how recently.
            var ids = await Db.Articles.Where(a => a.Status == Domain.Portal.PublishStatus.Published)
                .GroupBy(a => a.UnitId).Select(g => new { g.Key, Last = g.Max(a => a.PublishedAt) }).OrderByDescending(g => g.Last).Take(50).Select(g => g.Key).ToListAsync();
            var found = await Db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync();
            Sites = [.. ids.Select(id => found.First(u => u.Id == id)).Select(u => new SiteLink(u.FullName, Portal.Sites.Url(u)))];
            return Page();
        }
        // An ended unit's site shows its standing board as it was on its last day, and where its work goes on now.
        var today = Site.ValidTo?.AddDays(-1) ?? Db.Clock.Today;
        if (Site.ValidTo is not null)
        {
            var successors = Db.UnitSuccessors.Where(x => x.OriginalUnitId == Site.Id).Select(x => x.CurrentUnitId);
            Successors = [.. (await Db.Units.AsNoTracking().Where(u => successors.Contains(u.Id) && u.Level != UnitLevel.ResidentialGroup).ToListAsync())
                .Select(u => new SiteLink(u.FullName, Portal.Sites.Url(u)))];
        }
        var committee = new[] { OrganisationKind.FrontCommittee, OrganisationKind.StandingBoard };
        var leaders = new[] { Position.Chair, Position.ViceChair, Position.StandingMember };
        Leaders = [.. (await Db.Posts.AsNoTracking()
                .Where(p => leaders.Contains(p.Position) && p.StartDate <= today && (p.EndDate == null || p.EndDate > today)
                    && Db.Organisations.Any(o => o.Id == p.OrganisationId && o.UnitId == Site.Id && committee.Contains(o.Kind)))
                .Select(p => new { p.Position, p.Person!.FullName }).ToListAsync())
            .DistinctBy(p => p.FullName).OrderBy(p => p.Position).Select(p => new Leader(p.FullName, Post.Label(p.Position)))];
        var units = Portal.Sites.Subtree(Db, Site);
        Funds = [.. (await Db.Funds.AsNoTracking().Where(f => f.Public && units.Contains(f.UnitId)).OrderBy(f => f.Name).Select(f => new { f.Id, f.Name }).ToListAsync())
            .Select(f => (f.Id, f.Name))];
        return Page();
    }

    public bool CanPetition => Site is { ValidTo: null, Level: UnitLevel.Commune };
}
