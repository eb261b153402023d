using System.Text.RegularExpressions;
using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>
/// The public portal on a phone: a citizen opens the national home, goes to Ngọc Lâm's site, reads the article of its
/// 2020 session, searches "dang dinh chien" without diacritics and finds it; Bồ Đề's officer writes a news article and
/// sends it for review, the city's administrator publishes it with an album of the day, and the citizen finds both on Bồ Đề's site.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PortalJourneyTests(AppFixture app, ITestOutputHelper output)
{
    private const int Phone = 360;
    private const string Title = "Tổ dân phố 3 ra quân dọn vệ sinh đường làng";
    private const string AlbumTitle = "Ra quân dọn vệ sinh tổ dân phố 3";
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    [BrowserFact]
    public async Task A_citizen_reads_a_commune_site_and_searches_without_diacritics()
    {
        await using var s = await BrowserSession.OpenAsync(app, output, who: "citizen", width: Phone, height: 740);
        var p = s.Page;
        await s.GotoAsync("/p");
        await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Tin mới" })).ToBeVisibleAsync();
        await s.StepAsync("portal home 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the national home scrolls sideways at 360 px");

        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "Phường Ngọc Lâm", Exact = true }));
        await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ủy ban MTTQ Việt Nam Phường Ngọc Lâm");
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Chủ tịch");
        await s.StepAsync("commune site 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the site scrolls sideways at 360 px");

        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Kỳ họp thứ V") }).First);
        await Assertions.Expect(p.Locator("article.news .meta").Nth(1)).ToContainTextAsync(new Regex(@"Ngày đăng 11/07/2020 \| 14:09 \| Lượt xem: [\d.]+"));
        await Assertions.Expect(p.Locator("article.news")).ToContainTextAsync("45/50 đại biểu");
        await s.StepAsync("article 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the article scrolls sideways at 360 px");

        await p.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm kiếm" }).FillAsync("dang dinh chien");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).First);
        await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("Tìm thấy 1 kết quả.");
        await Assertions.Expect(p.Locator("ol.hits mark").First).ToHaveTextAsync("Đặng");
        await s.StepAsync("search without diacritics 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the search results scroll sideways at 360 px");
        await s.ClickAndWaitAsync(p.Locator("ol.hits a").First);
        await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Kỳ họp thứ V");

        // Sài Đồng's library: the approved report of the first quarter of 2023, found by a word inside the Word file.
        await s.GotoAsync("/p");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "Phường Sài Đồng", Exact = true }));
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Navigation, new() { Name = "Chuyên mục" }).GetByRole(AriaRole.Link, new() { Name = "Văn bản" }));
        await p.GetByLabel("Tìm trong văn bản").FillAsync("nhiem vu trong tam quy II");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Tìm văn bản" }));
        await s.StepAsync("document library 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the document library scrolls sideways at 360 px");
        await s.ClickAndWaitAsync(p.Locator("ul.hits a").First);
        await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(new Regex(@"^Báo cáo số \d+/BC-MTTQ$"));
        await s.StepAsync("document 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the document page scrolls sideways at 360 px");
        var href = await p.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Tải văn bản") }).GetAttributeAsync("href");
        var file = await p.APIRequest.GetAsync(href!);
        Assert.Equal(200, file.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.Headers["content-type"]);
    }

    [BrowserFact]
    public async Task An_officer_writes_the_city_publishes_and_the_citizen_reads_it()
    {
        await using (var officer = await BrowserSession.OpenAsync(app, output, who: "bode-officer", width: Phone, height: 740))
        {
            var p = officer.Page;
            await officer.SignInAsync(Accounts.BoDeOfficer);
            await officer.GotoAsync("/cong-thong-tin");
            await officer.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "Viết tin bài mới" }));
            await p.GetByLabel("Tiêu đề").FillAsync(Title);
            await p.GetByLabel("Sapo (đoạn mở đầu)").FillAsync("Sáng Chủ nhật, 40 hộ gia đình tổ dân phố 3 cùng dọn vệ sinh, phát quang đường làng.");
            await p.GetByLabel("Nội dung").FillAsync("Ban Công tác Mặt trận tổ dân phố 3 phát động.\nCác hộ tham gia đầy đủ.");
            await p.GetByLabel("Chuyên mục").SelectOptionAsync(new SelectOptionValue { Label = "Đại đoàn kết toàn dân tộc" });
            await officer.StepAsync("write an article 360px");
            Assert.True(await officer.ScrollWidthAsync() <= Phone, "the article form scrolls sideways at 360 px");
            await officer.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" }));
            await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu tin bài.");
            await officer.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Gửi duyệt" }));
            await Assertions.Expect(p.Locator("main .status").First).ToHaveTextAsync("Chờ duyệt");
            await Assertions.Expect(p.GetByRole(AriaRole.Button, new() { Name = "Đăng lên cổng" })).ToHaveCountAsync(0);
            await officer.StepAsync("sent for review 360px");
        }
        await using (var admin = await BrowserSession.OpenAsync(app, output, who: "hanoi-admin", width: 1280, height: 800))
        {
            var p = admin.Page;
            await admin.SignInAsync(Accounts.HanoiAdmin);
            await admin.GotoAsync("/cong-thong-tin?trang-thai=InReview");
            await admin.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = Title }));
            await admin.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Đăng lên cổng" }));
            await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã đăng lên cổng thông tin.");
            await admin.StepAsync("published desktop");
            // An album of the same day, with a picture, published at once by the administrator.
            await admin.GotoAsync("/cong-thong-tin/anh/moi");
            await p.GetByLabel("Đăng trên cổng của").SelectOptionAsync(new SelectOptionValue { Label = "Phường Bồ Đề" });
            await p.GetByLabel("Tên album (sự kiện)").FillAsync(AlbumTitle);
            await p.GetByLabel("Ngày diễn ra").FillAsync(AppFixture.Day(-1));
            await p.GetByLabel("Thêm ảnh", new() { Exact = false }).SetInputFilesAsync(new FilePayload { Name = "ra-quan.png", MimeType = "image/png", Buffer = Convert.FromBase64String(OnePixelPng) });
            await p.GetByLabel("Chú thích cho các ảnh tải lên lần này").FillAsync("Các hộ dọn vệ sinh đường làng");
            await admin.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Tạo album" }));
            await admin.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Đăng", Exact = true }));
            await admin.StepAsync("album published desktop");
        }
        await using var citizen = await BrowserSession.OpenAsync(app, output, who: "citizen", width: Phone, height: 740);
        await citizen.GotoAsync("/p");
        await citizen.ClickAndWaitAsync(citizen.Page.GetByRole(AriaRole.Link, new() { Name = "Phường Bồ Đề", Exact = true }));
        await citizen.ClickAndWaitAsync(citizen.Page.GetByRole(AriaRole.Link, new() { Name = Title }));
        await Assertions.Expect(citizen.Page.Locator("article.news")).ToContainTextAsync("Các hộ tham gia đầy đủ.");
        await citizen.StepAsync("the new article 360px");
        Assert.True(await citizen.ScrollWidthAsync() <= Phone, "the article scrolls sideways at 360 px");
        var nav = citizen.Page.GetByRole(AriaRole.Navigation, new() { Name = "Chuyên mục" });
        await citizen.ClickAndWaitAsync(nav.GetByRole(AriaRole.Link, new() { Name = "Tin tức" }));
        await Assertions.Expect(citizen.Page.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        await citizen.StepAsync("news list 360px");
        await citizen.ClickAndWaitAsync(nav.GetByRole(AriaRole.Link, new() { Name = "Thư viện ảnh" }));
        await citizen.StepAsync("albums 360px");
        await citizen.ClickAndWaitAsync(citizen.Page.GetByRole(AriaRole.Link, new() { Name = AlbumTitle }).First);
        await Assertions.Expect(citizen.Page.Locator(".album-grid figcaption").First).ToHaveTextAsync("Các hộ dọn vệ sinh đường làng");
        await citizen.StepAsync("album 360px");
        Assert.True(await citizen.ScrollWidthAsync() <= Phone, "the album scrolls sideways at 360 px");
    }
}
