using System.Globalization;
using System.Net;
using System.Xml.Linq;
using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;
using DoanKet.Features.Portal;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Features.Portal;

/// <summary>
/// The public portal on both engines: an article written by Bồ Đề's officer, refused publication by the officer,
/// published by the ward's administrator (the cached site page changes at once), found by words typed without
/// diacritics, sanitised, then taken down; visits counted without personal data; the demo's texts found; headers, feeds.
/// </summary>
public sealed class PortalTests
{
    private const string Title = "Ra mắt mô hình camera an ninh tại tổ dân phố 5 phường Bồ Đề";
    private const string Hostile = "<p>Mô hình do <strong>nhân dân</strong> đóng góp.<script>alert('x')</script></p>"
        + "<img src=\"x\" onerror=\"alert('x')\"><p><a href=\"javascript:alert('x')\">Xem thêm</a></p>";

    private static string I(long i) => i.ToString(CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> MoveAsync(HttpClient client, string token, int id, string step, long version) =>
        await Browser.PostFormAsync(client, $"/cong-thong-tin/tin/{id}?handler=Move&step={step}", token, new Dictionary<string, string> { ["Input.Version"] = I(version) });

    [DatabaseTheory]
    public async Task An_article_is_written_reviewed_published_found_and_taken_down(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var boDe = await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null));
        var site = Sites.Url(boDe);
        var anonymous = Browser.NewClient(app);
        // The site's page is cached before the article exists.
        Assert.DoesNotContain(Title, await anonymous.GetStringAsync(site));

        var (officer, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(officer);
        var created = await Browser.PostFormAsync(officer, "/cong-thong-tin/tin", token, new Dictionary<string, string>
        {
            ["Input.UnitId"] = I(boDe.Id), ["Input.Title"] = Title, ["Input.Lead"] = "Tổ dân phố 5 lắp 12 camera an ninh từ đóng góp của nhân dân.",
            ["Input.Body"] = Hostile, ["Input.Category"] = "Unity", ["Input.Author"] = "Thu Hà", ["Input.Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var article = await app.DbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(PublishStatus.Draft, article.Status);
        foreach (var bad in new[] { "<script", "onerror", "javascript:" }) Assert.DoesNotContain(bad, article.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<strong>nhân dân</strong>", article.Body);
        var url = Publishing.UrlOf(article, boDe);

        // A draft: nobody outside sees it; the officer previews it.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Contains("Bản xem trước", await officer.GetStringAsync(url));
        // The officer sends it for review but may not publish it.
        Assert.True(Browser.IsRedirectTo(await MoveAsync(officer, token, id, "Publish", article.Version), "/khong-co-quyen"));
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(officer, token, id, "Submit", article.Version)).StatusCode);
        article = await app.DbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(PublishStatus.InReview, article.Status);

        // The ward's administrator publishes: the cached site page shows it at once.
        var (admin, _) = await Browser.SignInAsync(app, "quantri.bode@doanket.vn");
        var adminToken = await Browser.FormTokenAsync(admin);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(admin, adminToken, id, "Publish", article.Version)).StatusCode);
        article = await app.DbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(PublishStatus.Published, article.Status);
        Assert.Equal("quantri.bode@doanket.vn", article.PublishedBy);
        Assert.Contains(Title, WebUtility.HtmlDecode(await anonymous.GetStringAsync(site)));
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync(url));
        Assert.Contains(Title, page);
        Assert.Contains("Lượt xem:", page);
        foreach (var bad in new[] { "<script>alert", "onerror", "javascript:" }) Assert.DoesNotContain(bad, page, StringComparison.OrdinalIgnoreCase);

        // Published, it changes only through an administrator: the officer's edit and delete are refused, nothing changes.
        foreach (var refused in new[]
        {
            await Browser.PostFormAsync(officer, $"/cong-thong-tin/tin/{id}", token, new Dictionary<string, string> { ["Input.Title"] = "Sửa sau khi đăng", ["Input.Lead"] = "x", ["Input.Body"] = "x", ["Input.Category"] = "Unity", ["Input.Version"] = I(article.Version) }),
            await Browser.PostFormAsync(officer, $"/cong-thong-tin/tin/{id}?handler=Delete", token, new Dictionary<string, string> { ["Input.Version"] = I(article.Version) }),
            await MoveAsync(officer, token, id, "Unpublish", article.Version),
        })
            Assert.True(Browser.IsRedirectTo(refused, "/khong-co-quyen"), $"{(int)refused.StatusCode} {refused.RequestMessage?.RequestUri}");
        var unchanged = await app.DbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((Title, article.Version, PublishStatus.Published), (unchanged.Title, unchanged.Version, unchanged.Status));

        // Found by words typed without diacritics, on the portal and on the ward's site, with the words marked.
        foreach (var search in new[] { "/p/tim-kiem?q=camera+an+ninh+bo+de", site + "/tim-kiem?q=mo+hinh+camera" })
        {
            var found = await anonymous.GetStringAsync(search);
            Assert.Contains(url, found);
            Assert.Contains("<mark>", found);
        }
        // The article is in the site's RSS and in the sitemap.
        Assert.Contains(url, await anonymous.GetStringAsync(site + "/rss.xml"));
        Assert.Contains(url, await anonymous.GetStringAsync("/sitemap.xml"));

        // Taken down: gone from the page, the site, the search, the feed.
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(admin, adminToken, id, "Unpublish", article.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.DoesNotContain(Title, WebUtility.HtmlDecode(await anonymous.GetStringAsync(site)));
        Assert.DoesNotContain(url, await anonymous.GetStringAsync("/p/tim-kiem?q=camera+an+ninh+bo+de"));
        Assert.DoesNotContain(url, await anonymous.GetStringAsync(site + "/rss.xml"));
        // Every step is in the audit trail.
        var steps = await app.DbAsync(db => db.AuditEntries.Where(e => e.Entity == nameof(Article) && e.EntityId == I(id)).CountAsync());
        Assert.True(steps >= 4, $"audit entries: {steps}");
    }

    /// <summary>A ward merged away cannot publish any more, but what it published can still be taken down — by the city.</summary>
    [DatabaseTheory]
    public async Task The_city_takes_down_an_article_of_a_ward_that_has_ended(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (article, unit) = await app.DbAsync(async db =>
        {
            var ngocLam = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-NL");
            return (await db.Articles.AsNoTracking().FirstAsync(a => a.UnitId == ngocLam.Id && a.Status == PublishStatus.Published), ngocLam);
        });
        var url = Publishing.UrlOf(article, unit);
        var anonymous = Browser.NewClient(app);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        // Bồ Đề's officer reads it (the ward's work went to Bồ Đề) but may not take it down.
        var (officer, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        Assert.True(Browser.IsRedirectTo(await MoveAsync(officer, await Browser.FormTokenAsync(officer), article.Id, "Unpublish", article.Version), "/khong-co-quyen"));
        var (admin, _) = await Browser.SignInAsync(app, Who.HanoiAdmin);
        var adminToken = await Browser.FormTokenAsync(admin);
        Assert.Contains("Gỡ khỏi cổng", WebUtility.HtmlDecode(await admin.GetStringAsync($"/cong-thong-tin/tin/{article.Id}")));
        var again = await MoveAsync(admin, adminToken, article.Id, "Publish", article.Version);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Đơn vị đã kết thúc", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(admin, adminToken, article.Id, "Unpublish", article.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(PublishStatus.Unpublished, await app.DbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.Status).SingleAsync()));
    }

    [DatabaseTheory]
    public async Task Wrong_input_is_refused_in_Vietnamese_and_nothing_is_saved(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (boDe, group) = await app.DbAsync(async db => (
            await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null),
            await db.Units.AsNoTracking().FirstAsync(u => u.Level == UnitLevel.ResidentialGroup && u.ValidTo == null && u.Parent!.Code == "DEMO-BODE")));
        var (officer, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(officer);
        var before = await app.DbAsync(db => db.Articles.IgnoreQueryFilters().CountAsync());
        async Task Refused(Dictionary<string, string> form, string message)
        {
            var r = await Browser.PostFormAsync(officer, "/cong-thong-tin/tin", token, form);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()));
        }
        Dictionary<string, string> Form(int unit, string title, string body) => new()
        {
            ["Input.UnitId"] = I(unit), ["Input.Title"] = title, ["Input.Lead"] = "Sapo.", ["Input.Body"] = body, ["Input.Category"] = "Activity", ["Input.Version"] = "0",
        };
        await Refused(Form(boDe.Id, "", "Nội dung."), "Nhập tiêu đề.");
        await Refused(Form(boDe.Id, new string('a', 301), "Nội dung."), "Tiêu đề dài tối đa 300 ký tự.");
        await Refused(Form(boDe.Id, "Tiêu đề", "<script>alert(1)</script>"), "Nội dung chỉ có mã không được phép");
        await Refused(Form(group.Id, "Tiêu đề", "Nội dung."), "cổng của xã, phường, tỉnh hoặc Trung ương");
        var kt = await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-KIENTUONG"));
        await Refused(Form(kt.Id, "Tiêu đề", "Nội dung."), "Không tìm thấy đơn vị trong phạm vi của bạn.");
        Assert.Equal(before, await app.DbAsync(db => db.Articles.IgnoreQueryFilters().CountAsync()));
    }

    [DatabaseTheory]
    public async Task Views_and_visitors_are_counted_in_batches_without_personal_data(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (article, unit) = await app.DbAsync(async db =>
        {
            var a = await db.Articles.AsNoTracking().Where(x => x.Status == PublishStatus.Published).OrderBy(x => x.Id).FirstAsync();
            return (a, await db.Units.AsNoTracking().SingleAsync(u => u.Id == a.UnitId));
        });
        var url = Publishing.UrlOf(article, unit);
        var one = Browser.NewClient(app);
        one.DefaultRequestHeaders.UserAgent.ParseAdd("NguoiDocMot/1.0");
        var two = Browser.NewClient(app);
        two.DefaultRequestHeaders.UserAgent.ParseAdd("NguoiDocHai/1.0");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await one.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync(Sites.Url(unit))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await two.GetAsync(Sites.Url(unit) + "/tin/999999-khong-co")).StatusCode);

        var counter = app.Services.GetRequiredService<VisitCounter>();
        await counter.FlushAsync();
        var (views, visits) = await app.DbAsync(async db => (
            await db.Articles.Where(a => a.Id == article.Id).Select(a => a.Views).SingleAsync(),
            await db.SiteVisits.Where(v => v.UnitId == unit.Id).ToListAsync()));
        // Cached answers count too: four views of the article (a 404 is not a visit), two visitors, five pages.
        Assert.Equal(article.Views + 4, views);
        Assert.Equal(2, visits.Sum(v => v.Visitors));
        Assert.Equal(5, visits.Sum(v => v.Views));
        var stats = await app.DbAsync(db => counter.StatsAsync(db, unit.Id));
        Assert.Equal(2, stats.Online);
        Assert.Equal(2, stats.Today);
        Assert.Equal(2, stats.All);
        // What is stored about a visit is the site, the day and two counts: nothing about the visitor.
        var columns = await app.DbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(SiteVisit))!.GetProperties().Select(p => p.Name).Order().ToList()));
        Assert.Equal(["Day", "UnitId", "Views", "Visitors"], columns);
    }

    [DatabaseTheory]
    public async Task The_demo_texts_are_found_without_diacritics(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var anonymous = Browser.NewClient(app);
        async Task<string> Search(string path) => WebUtility.HtmlDecode(await anonymous.GetStringAsync(path));
        var ngocLam = await Search("/p/tim-kiem?q=ngoc+lam");
        Assert.Contains("Kỳ họp thứ V Ủy ban MTTQ phường <mark>Ngọc</mark> <mark>Lâm</mark>", ngocLam);
        Assert.Contains("href=\"/p/phuong-ngoc-lam-", ngocLam);
        // A speaker named in the conference's minutes, typed the way a phone keyboard without Vietnamese gives it.
        Assert.Contains("<mark>Đặng</mark> <mark>Đình</mark> <mark>Chiến</mark>", await Search("/p/tim-kiem?q=dang+dinh+chien"));
        var funds = await Search("/p/tim-kiem?q=vi+nguoi+ngheo");
        Assert.Contains("/cong-khai/quy/", funds);
        Assert.Contains("Trả lời ý kiến", await Search("/p/tim-kiem?q=den+chieu+sang"));
        // A donor's name: the fund and how many contributions carry it, counted from the ledger (the names are not listed).
        var (fundId, fundName, donor, count) = await app.DbAsync(async db =>
        {
            var e = await db.MoneyEntries.AsNoTracking().Where(e => e.Kind == Domain.Funds.EntryKind.Contribution && e.DonorFolded != "" && db.Funds.Any(f => f.Id == e.FundId && f.Public))
                .OrderBy(e => e.Id).FirstAsync();
            var n = await db.MoneyEntries.CountAsync(x => x.FundId == e.FundId && x.Kind == Domain.Funds.EntryKind.Contribution && x.DonorFolded == e.DonorFolded);
            return (e.FundId, (await db.Funds.SingleAsync(f => f.Id == e.FundId)).Name, e.DonorName!, n);
        });
        var byName = await Search("/p/tim-kiem?q=" + Uri.EscapeDataString(Domain.Text.Fold(donor)));
        Assert.Contains($"<a href=\"/cong-khai/quy/{fundId}?q=", byName);
        Assert.Contains($"{fundName}</a>: {DoanKet.Infrastructure.Fmt.Number(count)} khoản ủng hộ có tên khớp", byName);
        Assert.DoesNotContain(donor, byName);
        // Sài Đồng's report in the document library, by words inside its Word file.
        Assert.Contains("Văn bản", await Search("/p/tim-kiem?q=nhiem+vu+trong+tam+quy+II"));
        Assert.Contains("/BC-MTTQ", await Search("/p/tim-kiem?q=nhiem+vu+trong+tam+quy+II"));
        // A site searches its own units only.
        var boDe = await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null));
        Assert.DoesNotContain("Ngọc Lâm", await Search(Sites.Url(boDe) + "/tim-kiem?q=ngoc+lam"));
        Assert.Contains("Không tìm thấy kết quả nào.", await Search("/p/tim-kiem?q=xyzzy+khong+co"));
    }

    /// <summary>
    /// Crawls the portal as a visitor (every site, news list, article, library, album page, the feeds, and searches for the
    /// people's names) and finds no petitioner, no beneficiary's full name, no donor's account.
    /// </summary>
    [DatabaseTheory]
    public async Task No_page_of_the_portal_shows_personal_data(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (petitioners, beneficiaries, accounts) = await app.DbAsync(async db => (
            await db.Petitions.Where(p => p.PetitionerName != null).Select(p => p.PetitionerName!).Distinct().ToListAsync(),
            await db.MoneyEntries.Where(e => e.BeneficiaryName != null).Select(e => e.BeneficiaryName!).Distinct().ToListAsync(),
            await db.MoneyEntries.Where(e => e.DonorAccount != null).Select(e => e.DonorAccount!).Distinct().ToListAsync()));
        Assert.True(petitioners.Count >= 3 && beneficiaries.Count >= 10, "the demo should hold named petitioners and beneficiaries");
        var client = Browser.NewClient(app);
        var seen = new HashSet<string>();
        var queue = new Queue<string>(["/p", "/p/rss.xml", "/sitemap.xml"]);
        // The people's names typed without diacritics, as someone looking for them would.
        foreach (var name in petitioners.Concat(beneficiaries).Take(20))
            queue.Enqueue("/p/tim-kiem?q=" + Uri.EscapeDataString(DoanKet.Domain.Text.Fold(name)));
        while (queue.Count > 0 && seen.Count < 400)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url)) continue;
            var r = await client.GetAsync(url);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{url}: {(int)r.StatusCode}");
            var html = await r.Content.ReadAsStringAsync();
            var body = Sides.Readable(html);
            foreach (var n in petitioners.Concat(beneficiaries))
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(body, $@"(?<!\p{{L}}){System.Text.RegularExpressions.Regex.Escape(n)}(?!\p{{L}})"), $"{url} shows {n}");
            foreach (var a in accounts) Assert.False(body.Contains(a, StringComparison.Ordinal), $"{url} shows the account {a}");
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html, "href=\"(/p/[^\"#?]+)\""))
                if (!m.Groups[1].Value.StartsWith("/p/tep/", StringComparison.Ordinal)) queue.Enqueue(m.Groups[1].Value);
        }
        Assert.True(seen.Count > 40, $"only {seen.Count} pages crawled");
    }

    [DatabaseTheory]
    public async Task Public_pages_carry_security_headers_and_feeds_are_well_formed(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var anonymous = Browser.NewClient(app);
        var home = await anonymous.GetAsync("/p");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var csp = string.Join(";", home.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", home.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", home.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", home.Headers.GetValues("Referrer-Policy").Single());
        var rss = XDocument.Parse(await anonymous.GetStringAsync("/p/rss.xml"));
        Assert.NotEmpty(rss.Descendants("item"));
        var sitemap = XDocument.Parse(await anonymous.GetStringAsync("/sitemap.xml"));
        Assert.Contains(sitemap.Descendants(XName.Get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9")), l => l.Value.Contains("/tin/", StringComparison.Ordinal));
        // An old name of a site redirects to its address now; an unknown site is not found.
        var boDe = await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null));
        var old = await anonymous.GetAsync($"/p/bo-de-cu-{boDe.Id}/tin");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal(Sites.Url(boDe) + "/tin", old.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/p/khong-co-999999")).StatusCode);
        // The site of a ward merged away keeps its news and points to the ward its work went to.
        var ngocLam = await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-NL"));
        var merged = WebUtility.HtmlDecode(await anonymous.GetStringAsync(Sites.Url(ngocLam)));
        Assert.Contains("Đơn vị đã kết thúc hoạt động từ 01/07/2025", merged);
        Assert.Contains($"<a href=\"{Sites.Url(boDe)}\">Cổng thông tin Phường Bồ Đề hiện nay</a>", merged);
        Assert.Contains("Chủ tịch: <strong>", merged);
    }
}
