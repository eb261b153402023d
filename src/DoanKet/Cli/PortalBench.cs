using System.Diagnostics;
using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;
using DoanKet.Features.Portal;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Cli;

/// <summary>
/// Verb <c>bench portal</c>: fills the portal with published articles (20,000 by default, spread over the communes, each
/// with its search entry), starts this server on a loopback port and measures requests per second and latency of an
/// article page and of the search — from the output cache and computed — next to a trivial endpoint on the same server.
/// </summary>
public static class PortalBench
{
    public const string By = "bench";
    private static readonly string[] Topics = ["hội nghị sơ kết công tác Mặt trận", "trao quà cho hộ nghèo", "ra mắt mô hình tự quản", "giám sát việc thu gom rác",
        "ngày hội Đại đoàn kết toàn dân tộc", "vận động Quỹ Vì người nghèo", "tuyên truyền phòng chống ma túy", "đối thoại với nhân dân", "xây nhà Đại đoàn kết", "tiếp xúc cử tri"];
    private static readonly string[] Places = ["tổ dân phố", "thôn", "khu phố", "ấp", "bản"];

    public static async Task<int> RunVerbAsync(WebApplication app, AppDb db, string[] args)
    {
        var quick = args.Contains("--quick");
        int Number(string name, int fallback) => Generate.Option(args, name) is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
        var articles = Number("--articles", quick ? 300 : 20_000);
        var seconds = Number("--seconds", quick ? 1 : 10);
        var output = Console.Out;
        await Features.Indicators.Catalogue.MigrateAsync(db);
        var communes = await db.Units.AsNoTracking().Where(u => u.ValidTo == null && u.Level == UnitLevel.Commune).OrderBy(u => u.Id).Take(500).ToListAsync();
        if (communes.Count == 0) { output.WriteLine("Cơ sở dữ liệu chưa có đơn vị cấp xã: chạy demo hoặc generate trước."); return 1; }
        await FillAsync(db, communes, articles);
        var total = await db.Articles.CountAsync(a => a.Status == PublishStatus.Published);
        var sample = await db.Articles.AsNoTracking().Where(a => a.CreatedBy == By).OrderByDescending(a => a.Id).FirstAsync();
        var articleUrl = Publishing.UrlOf(sample, communes.First(u => u.Id == sample.UnitId));

        // The trivial endpoint exists only in this run: the floor the portal's pages are compared with.
        app.MapGet("/bench/ping", () => "pong").AllowAnonymous();
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        var origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        output.WriteLine($"DoanKet bench portal — {(db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite")}, {Environment.ProcessorCount} nhân, {db.Clock.UtcNow:yyyy-MM-dd HH:mm} UTC, "
            + $"{total:N0} tin bài đã đăng, {seconds} giây mỗi phép đo, {Workers} kết nối đồng thời");
        var words = Topics.Select(t => Text.Fold(t)).ToArray();
        var scenarios = new (string Name, Func<int, string> Url)[]
        {
            ("trivial endpoint (/bench/ping)", _ => "/bench/ping"),
            ("article page, from the output cache", _ => articleUrl),
            ("article page, rendered (unique query)", i => articleUrl + "?b=" + i),
            ("search, from the output cache", _ => "/p/tim-kiem?q=hoi+nghi+so+ket"),
            ("search, computed (unique query)", i => "/p/tim-kiem?q=" + Uri.EscapeDataString(words[i % words.Length]) + "&b=" + i),
        };
        using var http = new HttpClient { BaseAddress = new Uri(origin) };
        output.WriteLine($"{"scenario",-42} {"req/s",10} {"p50 ms",8} {"p95 ms",8} {"errors",7}");
        var ok = true;
        foreach (var (name, url) in scenarios)
        {
            var r = await MeasureAsync(http, url, TimeSpan.FromSeconds(seconds));
            output.WriteLine($"{name,-42} {r.PerSecond,10:N0} {r.P50,8:N1} {r.P95,8:N1} {r.Errors,7}");
            ok &= r.Errors == 0 && r.Count > 0;
        }
        await app.StopAsync();
        return ok ? 0 : 1;
    }

    public const int Workers = 16;

    private sealed record Result(int Count, int Errors, double PerSecond, double P50, double P95);

    private static async Task<Result> MeasureAsync(HttpClient http, Func<int, string> url, TimeSpan duration)
    {
        // Warm up (compiles the page, fills the cache), then count what completes within the time.
        for (var i = 0; i < 20; i++) (await http.GetAsync(url(1_000_000_000 + i))).Dispose();
        var latencies = new List<double>[Workers];
        var errors = 0;
        var counter = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async w =>
        {
            latencies[w] = [];
            while (clock.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref counter);
                var start = clock.Elapsed;
                using var response = await http.GetAsync(url(i));
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                latencies[w].Add((clock.Elapsed - start).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        double At(double q) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(q * all.Count))];
        return new Result(all.Count, errors, all.Count / clock.Elapsed.TotalSeconds, At(0.5), At(0.95));
    }

    /// <summary>Published articles by <see cref="By"/> up to the number asked, with their search entries, in batches.</summary>
    private static async Task FillAsync(AppDb db, List<Unit> communes, int wanted)
    {
        var have = await db.Articles.CountAsync(a => a.CreatedBy == By);
        var rng = new Random(11 + have);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var made = have; made < wanted;)
        {
            var batch = new List<(Article A, Unit U)>();
            for (; made < wanted && batch.Count < 1000; made++)
            {
                var unit = communes[rng.Next(communes.Count)];
                var topic = Topics[rng.Next(Topics.Length)];
                var place = $"{Places[rng.Next(Places.Length)]} {rng.Next(1, 40)}";
                var at = db.Clock.UtcNow.AddMinutes(-rng.Next(0, 2 * 365 * 24 * 60));
                var lead = $"Ủy ban MTTQ {unit.FullName} phối hợp với Ban Công tác Mặt trận {place} tổ chức {topic}, thu hút {rng.Next(30, 300)} lượt người tham gia.";
                var body = string.Concat(Enumerable.Range(0, 6).Select(k =>
                    $"<p>{Topics[(k + made) % Topics.Length]}: tại {place}, các hộ gia đình đã đóng góp {rng.Next(1, 90)} triệu đồng, {rng.Next(5, 120)} phần quà được trao cho hộ nghèo, hộ cận nghèo.</p>"));
                batch.Add((new Article
                {
                    UnitId = unit.Id, Title = $"{char.ToUpperInvariant(topic[0])}{topic[1..]} tại {place} {unit.FullName}", Lead = lead, Body = body,
                    Category = (ArticleCategory)(made % 6), Status = PublishStatus.Published, PublishedAt = at, PublishedBy = By, Views = rng.Next(0, 500),
                    CreatedAt = at, CreatedBy = By,
                }, unit));
            }
            db.Articles.AddRange(batch.Select(b => b.A));
            await db.SaveChangesAsync();
            foreach (var (a, u) in batch) await Publishing.IndexAsync(db, a, u);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }
}
