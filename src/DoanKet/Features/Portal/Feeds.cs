using System.Globalization;
using System.Text;
using System.Xml;
using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;
using DoanKet.Features.Portal.Site;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal;

/// <summary>RSS 2.0 of the latest news (the portal's and each site's) and the sitemap of everything published.</summary>
public static class Feeds
{
    public const int RssItems = 30, SitemapMax = 50_000;

    public static void MapPortalFeeds(this WebApplication app)
    {
        app.MapGet("/p/rss.xml", (AppDb db, HttpContext http) => RssAsync(db, http, null)).AllowAnonymous().CacheOutput(Publishing.CacheTag);
        app.MapGet("/p/{slug}/rss.xml", async (string slug, AppDb db, HttpContext http) =>
            await Sites.FindAsync(db, slug) is { } site ? await RssAsync(db, http, site) : Results.NotFound()).AllowAnonymous().CacheOutput(Publishing.CacheTag);
        app.MapGet("/sitemap.xml", SitemapAsync).AllowAnonymous().CacheOutput(Publishing.CacheTag);
    }

    private static async Task<IResult> RssAsync(AppDb db, HttpContext http, Unit? site)
    {
        var origin = Origin(http);
        var items = await NewsItems.PageAsync(db, NewsItems.Published(db, site), 0, RssItems);
        var title = site is null ? "Cổng thông tin Mặt trận Tổ quốc Việt Nam" : "Ủy ban MTTQ Việt Nam " + site.FullName;
        return Xml(w =>
        {
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteStartElement("channel");
            w.WriteElementString("title", title);
            w.WriteElementString("link", origin + (site is null ? "/p" : Sites.Url(site)));
            w.WriteElementString("description", "Tin mới: " + title);
            w.WriteElementString("language", "vi");
            foreach (var n in items)
            {
                w.WriteStartElement("item");
                w.WriteElementString("title", n.Title);
                w.WriteElementString("link", origin + n.Url);
                w.WriteElementString("guid", origin + n.Url);
                w.WriteElementString("description", n.Lead);
                w.WriteElementString("category", PortalLabels.Category(n.Category));
                w.WriteElementString("pubDate", n.PublishedAt.ToString("r", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }, "application/rss+xml; charset=utf-8");
    }

    private static async Task<IResult> SitemapAsync(AppDb db, HttpContext http)
    {
        var origin = Origin(http);
        // Search entries hold the address of every published article, document and album; sites are the units that have one.
        var entries = await db.SearchEntries.AsNoTracking().Where(e => e.Kind == "article" || e.Kind == "document" || e.Kind == "album")
            .OrderByDescending(e => e.PublishedAt).Take(SitemapMax).Select(e => new { e.Url, e.PublishedAt, e.UnitId }).ToListAsync();
        var ids = entries.Select(e => e.UnitId).Distinct().ToList();
        var sites = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync();
        return Xml(w =>
        {
            w.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            void Url(string loc, DateTime? modified)
            {
                w.WriteStartElement("url");
                w.WriteElementString("loc", origin + loc);
                if (modified is DateTime m) w.WriteElementString("lastmod", m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            Url("/p", null);
            foreach (var s in sites) Url(Sites.Url(s), null);
            foreach (var e in entries) Url(e.Url, e.PublishedAt);
            w.WriteEndElement();
        }, "application/xml; charset=utf-8");
    }

    private static string Origin(HttpContext http) => http.Request.Scheme + "://" + http.Request.Host.Value;

    private static IResult Xml(Action<XmlWriter> write, string contentType)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            w.WriteStartDocument();
            write(w);
        }
        return Results.Text(sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), contentType);
    }
}
