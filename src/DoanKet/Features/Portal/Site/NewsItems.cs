using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Site;

/// <summary>An article as lists show it, with its address on its own unit's site.</summary>
public sealed record NewsItem(int Id, string Title, string Lead, string Url, DateTime PublishedAt, long Views, int? CoverFileId, string UnitName, ArticleCategory Category);

public static class NewsItems
{
    /// <summary>Published articles of a site (its unit and the units under it), or of the whole portal.</summary>
    public static IQueryable<Article> Published(AppDb db, Unit? site)
    {
        var q = db.Articles.AsNoTracking().Where(a => a.Status == PublishStatus.Published);
        if (site is null) return q;
        var units = Sites.Subtree(db, site);
        return q.Where(a => units.Contains(a.UnitId));
    }

    public static async Task<List<NewsItem>> PageAsync(AppDb db, IQueryable<Article> q, int skip, int take)
    {
        var list = await q.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Skip(skip).Take(take)
            .Select(a => new { a.Id, a.UnitId, a.Title, a.Lead, a.PublishedAt, a.Views, a.CoverFileId, a.Category }).ToListAsync();
        var ids = list.Select(a => a.UnitId).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        return [.. list.Select(a =>
        {
            var unit = units[a.UnitId];
            var url = Sites.Url(unit) + "/tin/" + a.Id + "-" + Sites.Words(Domain.Text.Fold(a.Title));
            return new NewsItem(a.Id, a.Title, a.Lead, url, a.PublishedAt!.Value, a.Views, a.CoverFileId, unit.FullName, a.Category);
        })];
    }
}
