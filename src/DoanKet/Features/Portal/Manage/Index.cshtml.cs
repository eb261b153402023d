using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Manage;

/// <summary>/cong-thong-tin: the articles of the account's units, those waiting for review first, and the way to their sites.</summary>
public class IndexModel(AppDb db, UnitScope scope) : PageModel
{
    public sealed record Row(Article Article, string UnitName);

    [BindProperty(SupportsGet = true, Name = "trang-thai")] public PublishStatus? Status { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public string? SiteUrl { get; private set; }

    public async Task OnGetAsync()
    {
        var readable = (await scope.ReadableAsync(db.Units.IgnoreQueryFilters())).Select(u => u.Id);
        var q = db.Articles.AsNoTracking().Where(a => readable.Contains(a.UnitId));
        if (Status is PublishStatus s) q = q.Where(a => a.Status == s);
        var list = await q.OrderBy(a => a.Status == PublishStatus.InReview ? 0 : 1).ThenByDescending(a => a.Id).Take(200).ToListAsync();
        var names = await RecordRules.UnitNamesAsync(db, list.Select(a => a.UnitId));
        Rows = [.. list.Select(a => new Row(a, names[a.UnitId]))];
        if (await scope.HomeAsync() is { } home)
        {
            var site = home;
            while (site.Level == Domain.Units.UnitLevel.ResidentialGroup && site.ParentId is int p)
                site = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == p);
            SiteUrl = Sites.Url(site);
        }
    }
}
