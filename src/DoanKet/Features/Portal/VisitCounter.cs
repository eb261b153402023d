using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal;

/// <summary>
/// Counts the portal's visits without keeping anything about a visitor: a visitor is a keyed hash of address and browser
/// under a key made at random each day and never stored, held in memory only for that day (visitors today) and five
/// minutes (online now). Counts go to the database in batches, views of articles and documents too, so a busy page
/// costs no write per request. Runs before the output cache, so cached pages count.
/// </summary>
public sealed class VisitCounter(IServiceScopeFactory scopes, ILogger<VisitCounter> log, Clock clock) : BackgroundService
{
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromMinutes(5);
    private const int MaxTracked = 1_000_000;

    private readonly Lock _gate = new();
    private byte[] _key = RandomNumberGenerator.GetBytes(32);
    private DateOnly _day = clock.Today;
    private readonly HashSet<(int Site, ulong Visitor)> _seenToday = [];
    private readonly Dictionary<(int Site, ulong Visitor), DateTime> _lastSeen = [];
    private readonly Dictionary<(int Site, DateOnly Day), (long Visitors, long Views)> _pending = [];
    private readonly ConcurrentDictionary<(string Kind, int Id), long> _itemViews = new();

    /// <summary>Site 0 is the national home.</summary>
    public void Record(int site, string? address, string? agent, (string Kind, int Id)? item = null)
    {
        var now = clock.UtcNow;
        lock (_gate)
        {
            var day = Clock.DayOf(now);
            if (day != _day)
            {
                (_day, _key) = (day, RandomNumberGenerator.GetBytes(32));
                _seenToday.Clear();
            }
            var visitor = BitConverter.ToUInt64(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(address + "\n" + agent)), 0);
            var isNew = _seenToday.Count < MaxTracked && _seenToday.Add((site, visitor));
            if (_lastSeen.Count < MaxTracked || _lastSeen.ContainsKey((site, visitor))) _lastSeen[(site, visitor)] = now;
            var p = _pending.GetValueOrDefault((site, day));
            _pending[(site, day)] = (p.Visitors + (isNew ? 1 : 0), p.Views + 1);
        }
        if (item is { } i) _itemViews.AddOrUpdate(i, 1, (_, n) => n + 1);
    }

    /// <summary>Visitors seen in the last five minutes on a site (0: everywhere), on this server.</summary>
    public int Online(int site)
    {
        var since = clock.UtcNow - OnlineWindow;
        lock (_gate)
        {
            foreach (var k in _lastSeen.Where(x => x.Value < since).Select(x => x.Key).ToList()) _lastSeen.Remove(k);
            return site == 0 ? _lastSeen.Keys.Select(k => k.Visitor).Distinct().Count() : _lastSeen.Keys.Count(k => k.Site == site);
        }
    }

    public sealed record Stats(int Online, long Today, long Month, long All);

    /// <summary>Visits of a site (0: the whole portal): online now, visits today, this month and in all.</summary>
    public async Task<Stats> StatsAsync(AppDb db, int site)
    {
        var today = db.Clock.Today;
        var month = new DateOnly(today.Year, today.Month, 1);
        var rows = site == 0 ? db.SiteVisits : db.SiteVisits.Where(v => v.UnitId == site);
        var sums = await rows.GroupBy(_ => 1).Select(g => new
        {
            All = g.Sum(v => v.Visitors),
            Month = g.Sum(v => v.Day >= month ? v.Visitors : 0),
            Today = g.Sum(v => v.Day == today ? v.Visitors : 0),
        }).ToListAsync();
        long pendingToday;
        lock (_gate) pendingToday = _pending.Where(p => (site == 0 || p.Key.Site == site) && p.Key.Day == today).Sum(p => p.Value.Visitors);
        var sum = sums.FirstOrDefault();
        return new Stats(Online(site), (sum?.Today ?? 0) + pendingToday, (sum?.Month ?? 0) + pendingToday, (sum?.All ?? 0) + pendingToday);
    }

    /// <summary>Writes the counts gathered since the last flush.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        List<KeyValuePair<(int Site, DateOnly Day), (long Visitors, long Views)>> visits;
        lock (_gate)
        {
            visits = [.. _pending];
            _pending.Clear();
        }
        var items = new List<KeyValuePair<(string Kind, int Id), long>>();
        foreach (var key in _itemViews.Keys)
            if (_itemViews.TryRemove(key, out var n)) items.Add(new(key, n));
        if (visits.Count == 0 && items.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        foreach (var ((site, day), (visitors, views)) in visits)
        {
            // Another server may add the same day at the same time: update, else insert, else update again.
            if (await Add(db, site, day, visitors, views, ct) > 0) continue;
            try
            {
                db.SiteVisits.Add(new SiteVisit { UnitId = site, Day = day, Visitors = visitors, Views = views });
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                await Add(db, site, day, visitors, views, ct);
            }
        }
        foreach (var ((kind, id), n) in items)
        {
            if (kind == "article") await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Views, a => a.Views + n), ct);
            else await db.PublicDocuments.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Views, d => d.Views + n), ct);
        }
    }

    private static Task<int> Add(AppDb db, int site, DateOnly day, long visitors, long views, CancellationToken ct) =>
        db.SiteVisits.Where(v => v.UnitId == site && v.Day == day)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Visitors, v => v.Visitors + visitors).SetProperty(v => v.Views, v => v.Views + views), ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TryFlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryFlushAsync(CancellationToken.None);
    }

    private async Task TryFlushAsync(CancellationToken ct)
    {
        try
        {
            await FlushAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Counts are not worth failing anything for; a database hiccup loses at most one batch.
            log.LogWarning(e, "Visit counts could not be written");
        }
    }

    /// <summary>
    /// Counts a GET of a portal page that answered 200: /p (site 0), /p/{slug}/… (the slug's unit), and the article or
    /// document it shows. Files and feeds are not page views.
    /// </summary>
    public static async Task Middleware(HttpContext ctx, Func<Task> next)
    {
        await next();
        var path = ctx.Request.Path.Value ?? "";
        if (!HttpMethods.IsGet(ctx.Request.Method) || ctx.Response.StatusCode != 200 || !(path == "/p" || path.StartsWith("/p/", StringComparison.Ordinal))) return;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 1 && (parts[1] == "tep" || parts[^1].EndsWith(".xml", StringComparison.Ordinal))) return;
        var site = parts.Length > 1 ? Sites.IdOf(parts[1]) ?? 0 : 0;
        (string, int)? item = parts.Length == 4 && parts[2] is "tin" or "van-ban" && Sites.IdOf("x-" + parts[3].Split('-')[0]) is int id
            ? (parts[2] == "tin" ? "article" : "document", id) : null;
        ctx.RequestServices.GetRequiredService<VisitCounter>().Record(site, ctx.Connection.RemoteIpAddress?.ToString(), ctx.Request.Headers.UserAgent, item);
    }
}
