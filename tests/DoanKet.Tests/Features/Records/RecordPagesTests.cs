using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;
using static DoanKet.Tests.Records.RecordsApiTests;

namespace DoanKet.Tests.Records;

/// <summary>The work-record pages through the real sign-in and antiforgery, as the officer of phường Bồ Đề.</summary>
public sealed class RecordPagesTests
{
    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static int IdFrom(HttpResponseMessage r, string prefix)
    {
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"{(int)r.StatusCode} {r.Headers.Location}");
        var path = r.Headers.Location!.OriginalString;
        Assert.StartsWith(prefix, path, StringComparison.Ordinal);
        return int.Parse(path[prefix.Length..].Split('?', '/')[0], CultureInfo.InvariantCulture);
    }

    private static async Task<string> BodyAsync(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {r.Headers.Location}: {body[..Math.Min(body.Length, 500)]}");
        return System.Net.WebUtility.HtmlDecode(body);
    }

    [DatabaseTheory]
    public async Task Officer_adds_edits_deletes_and_restores_an_activity_on_the_pages_and_the_figures_follow(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(browser);
        var (boDe, kind, gifts) = await app.DbAsync(async db => (await Demo.CurrentAsync(db, "DEMO-BODE"),
            await db.ActivityKinds.SingleAsync(k => k.Code == "tuyen_truyen"), await db.ActivityKinds.SingleAsync(k => k.Code == "tang_qua")));
        var day = Recent();
        var month = Period.Month(day.Year, day.Month);
        string[] codes = ["tuyen_truyen.cuoc", "tuyen_truyen.luot_nguoi"];
        var before = await FiguresAsync(app, boDe.Id, month, codes);
        Dictionary<string, string> Form(string title, string sessions, string attendances, long version = 0, int? kindId = null, int? formKind = null) => new()
        {
            ["Input.UnitId"] = N(boDe.Id), ["Input.FormUnitId"] = N(boDe.Id), ["Input.KindId"] = N(kindId ?? kind.Id), ["Input.FormKindId"] = N(formKind ?? kindId ?? kind.Id),
            ["Input.Date"] = D(day), ["Input.Title"] = title, ["Input.Sessions"] = sessions, ["Input.Attendances"] = attendances, ["Input.Version"] = N(version),
        };

        var blank = await BodyAsync(await browser.GetAsync($"/cong-viec/hoat-dong/them?unit={boDe.Id}"));
        Assert.Contains("Thêm hoạt động", blank);
        Assert.Contains("Lượt người tham dự", blank);
        var count = await app.DbAsync(db => db.Activities.IgnoreQueryFilters().CountAsync());

        // Wrong input: the form comes back with the reasons, nothing is saved.
        var bad = await BodyAsync(await Browser.PostFormAsync(browser, "/cong-viec/hoat-dong/them", token, Form("", "-2", "nhiều")));
        Assert.Contains("Nhập nội dung hoạt động", bad);
        Assert.Contains("không được âm", bad);
        Assert.Contains("Giá trị “nhiều” không hợp lệ", bad);
        // Another kind chosen: the form is drawn again with that kind's counts, nothing saved.
        var switched = await BodyAsync(await Browser.PostFormAsync(browser, "/cong-viec/hoat-dong/them", token, Form("Tặng quà", "1", "", kindId: gifts.Id, formKind: kind.Id)));
        Assert.Contains("Đã đổi loại hoạt động", switched);
        Assert.Contains("Số phần quà", switched);
        Assert.DoesNotContain("Lượt người tham dự", switched);
        Assert.Equal(count, await app.DbAsync(db => db.Activities.IgnoreQueryFilters().CountAsync()));

        var id = IdFrom(await Browser.PostFormAsync(browser, "/cong-viec/hoat-dong/them", token, Form("Tuyên truyền an toàn giao thông", "3", "70")), "/cong-viec/hoat-dong/");
        var details = await BodyAsync(await browser.GetAsync($"/cong-viec/hoat-dong/{id}"));
        Assert.Contains("Tuyên truyền an toàn giao thông", details);
        Assert.Contains("Đã thêm hoạt động", details);
        var after = await FiguresAsync(app, boDe.Id, month, codes);
        Assert.Equal((before["tuyen_truyen.cuoc"] + 3, before["tuyen_truyen.luot_nguoi"] + 70), (after["tuyen_truyen.cuoc"], after["tuyen_truyen.luot_nguoi"]));
        Assert.Contains("Tuyên truyền an toàn giao thông", await BodyAsync(await browser.GetAsync($"/cong-viec?period={month.Id}")));

        // Edit, then a stale edit with the old version is refused in Vietnamese.
        var version = await app.DbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        Assert.Contains("Tuyên truyền an toàn giao thông", await BodyAsync(await browser.GetAsync($"/cong-viec/hoat-dong/{id}/sua")));
        Assert.Equal(id, IdFrom(await Browser.PostFormAsync(browser, $"/cong-viec/hoat-dong/{id}/sua", token, Form("Tuyên truyền an toàn giao thông", "3", "90", version)), "/cong-viec/hoat-dong/"));
        Assert.Equal(before["tuyen_truyen.luot_nguoi"] + 90, (await FiguresAsync(app, boDe.Id, month, codes))["tuyen_truyen.luot_nguoi"]);
        var stale = await BodyAsync(await Browser.PostFormAsync(browser, $"/cong-viec/hoat-dong/{id}/sua", token, Form("Tuyên truyền an toàn giao thông", "3", "5", version)));
        Assert.Contains("vừa được người khác sửa", stale);
        Assert.Equal(before["tuyen_truyen.luot_nguoi"] + 90, (await FiguresAsync(app, boDe.Id, month, codes))["tuyen_truyen.luot_nguoi"]);

        // Delete and restore from the pages.
        version = await app.DbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        var delete = await Browser.PostFormAsync(browser, "/cong-viec?handler=Delete", token, new Dictionary<string, string> { ["type"] = "hoat-dong", ["id"] = N(id), ["version"] = N(version), ["unit"] = N(boDe.Id) });
        Assert.True(Browser.IsRedirectTo(delete, "/cong-viec"), $"{(int)delete.StatusCode} {delete.Headers.Location}");
        Assert.Equal(before, await FiguresAsync(app, boDe.Id, month, codes));
        var trash = await BodyAsync(await browser.GetAsync($"/cong-viec?unit={boDe.Id}&period={month.Id}&da-xoa=true"));
        Assert.Contains("Tuyên truyền an toàn giao thông", trash);
        var restore = await Browser.PostFormAsync(browser, "/cong-viec?handler=Restore", token, new Dictionary<string, string> { ["type"] = "hoat-dong", ["id"] = N(id), ["version"] = N(version + 1) });
        Assert.True(Browser.IsRedirectTo(restore, "/cong-viec"), $"{(int)restore.StatusCode} {restore.Headers.Location}");
        Assert.Equal(before["tuyen_truyen.luot_nguoi"] + 90, (await FiguresAsync(app, boDe.Id, month, codes))["tuyen_truyen.luot_nguoi"]);
    }

    [DatabaseTheory]
    public async Task Photos_are_images_only_size_limited_and_served_back(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(browser);
        var id = await app.DbAsync(async db =>
        {
            var boDe = await Demo.CurrentAsync(db, "DEMO-BODE");
            var a = new Activity { UnitId = boDe.Id, KindId = (await db.ActivityKinds.FirstAsync()).Id, Date = Recent(), Title = "Hoạt động có ảnh" };
            db.Activities.Add(a);
            await new RecordWriter(db).SaveAsync(a);
            return a.Id;
        });
        async Task<HttpResponseMessage> Upload(byte[] bytes, string name, string type)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(token), "__RequestVerificationToken");
            form.Add(new StringContent("Ảnh thử"), "caption");
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "photo", name);
            return await browser.PostAsync($"/cong-viec/hoat-dong/{id}?handler=Upload", form);
        }
        Task<int> Photos() => app.DbAsync(db => db.ActivityPhotos.CountAsync(p => p.ActivityId == id));

        var text = "Đây không phải là ảnh, chỉ là chữ."u8.ToArray();
        Assert.Contains("“anh.jpg” không phải ảnh JPEG, PNG hoặc WebP", await BodyAsync(await Upload(text, "anh.jpg", "image/jpeg")));
        var huge = new byte[ActivityPhoto.MaxBytes + 1];
        Png.CopyTo(huge, 0);
        Assert.Contains("lớn hơn 2 MB", await BodyAsync(await Upload(huge, "lon.png", "image/png")));
        Assert.Equal(0, await Photos());

        // A PNG sent as "image/jpeg" is stored and served as what its bytes are.
        var ok = await Upload(Png, "anh-that.jpg", "image/jpeg");
        Assert.True(Browser.IsRedirectTo(ok, $"/cong-viec/hoat-dong/{id}"), $"{(int)ok.StatusCode}");
        var photo = await app.DbAsync(db => db.ActivityPhotos.SingleAsync(p => p.ActivityId == id));
        Assert.Equal(("image/png", "Ảnh thử"), (photo.ContentType, photo.Caption));
        Assert.Contains($"?handler=Photo&photoId={photo.Id}", await BodyAsync(await browser.GetAsync($"/cong-viec/hoat-dong/{id}")));
        var served = await browser.GetAsync($"/cong-viec/hoat-dong/{id}?handler=Photo&photoId={photo.Id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());

        var deleted = await Browser.PostFormAsync(browser, $"/cong-viec/hoat-dong/{id}?handler=DeletePhoto&photoId={photo.Id}", token, []);
        Assert.True(Browser.IsRedirectTo(deleted, $"/cong-viec/hoat-dong/{id}"), $"{(int)deleted.StatusCode}");
        Assert.Equal(0, await Photos());
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [DatabaseTheory]
    public async Task Conference_and_unity_day_pages_save_and_show_the_rates(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(browser);
        var day = Recent();
        var (boDe, groups) = await FreeGroupsAsync(app, day.Year);

        // Conference with a vote row that does not add up: refused next to the row; then saved.
        var form = new Dictionary<string, string>
        {
            ["Input.UnitId"] = N(boDe.Id), ["Input.Date"] = D(day), ["Input.Type"] = "ResidentsConference", ["Input.Title"] = "Hội nghị đại biểu nhân dân phường",
            ["Input.Invited"] = "2500", ["Input.Present"] = "1160", ["Input.Opinions"] = "12",
            ["Input.Decisions[0].Subject"] = "", ["Input.Decisions[1].Subject"] = "Thông qua quy ước", ["Input.Decisions[1].Present"] = "1160",
            ["Input.Decisions[1].For"] = "1000", ["Input.Decisions[1].Against"] = "200",
        };
        var bad = await BodyAsync(await Browser.PostFormAsync(browser, "/cong-viec/hoi-nghi/them", token, form));
        Assert.Contains("không được vượt số có mặt khi biểu quyết", bad);
        form["Input.Decisions[1].Against"] = "100";
        var id = IdFrom(await Browser.PostFormAsync(browser, "/cong-viec/hoi-nghi/them", token, form), "/cong-viec/hoi-nghi/");
        var page = await BodyAsync(await browser.GetAsync($"/cong-viec/hoi-nghi/{id}"));
        Assert.Contains("1.160/2.500 = 46,4 %", page);
        Assert.Contains("Thông qua quy ước", page);
        Assert.Equal(1, await app.DbAsync(db => db.ConferenceDecisions.CountAsync(d => d.ConferenceId == id)));

        // Unity Day: the whole commune at once; one bad row and nothing is saved.
        var year = Period.Year(day.Year);
        string[] codes = ["ngay_hoi.khu_dan_cu"];
        var before = (await FiguresAsync(app, boDe.Id, year, codes))["ngay_hoi.khu_dan_cu"];
        var sheet = await BodyAsync(await browser.GetAsync($"/cong-viec/ngay-hoi/{boDe.Id}?nam={day.Year}"));
        Assert.Contains(groups[0].FullName, sheet);
        Dictionary<string, string> Rows(string attending1) => new()
        {
            ["Rows[0].UnitId"] = N(groups[0].Id), ["Rows[0].Held"] = "true", ["Rows[0].Date"] = D(day), ["Rows[0].HouseholdsAttending"] = "120", ["Rows[0].HouseholdsTotal"] = "150",
            ["Rows[1].UnitId"] = N(groups[1].Id), ["Rows[1].Held"] = "true", ["Rows[1].Date"] = D(day), ["Rows[1].HouseholdsAttending"] = attending1, ["Rows[1].HouseholdsTotal"] = "100",
        };
        var refused = await BodyAsync(await Browser.PostFormAsync(browser, $"/cong-viec/ngay-hoi/{boDe.Id}?nam={day.Year}", token, Rows("130")));
        Assert.Contains("không được lớn hơn tổng số hộ", refused);
        Assert.Equal(0, await app.DbAsync(db => db.UnityDays.CountAsync(d => d.Year == day.Year && (d.UnitId == groups[0].Id || d.UnitId == groups[1].Id))));
        var saved = await Browser.PostFormAsync(browser, $"/cong-viec/ngay-hoi/{boDe.Id}?nam={day.Year}", token, Rows("80"));
        Assert.True(Browser.IsRedirectTo(saved, $"/cong-viec/ngay-hoi/{boDe.Id}"), $"{(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
        Assert.Equal(before + 2, (await FiguresAsync(app, boDe.Id, year, codes))["ngay_hoi.khu_dan_cu"]);
        Assert.Contains("Đã lưu Ngày hội năm", await BodyAsync(await browser.GetAsync($"/cong-viec/ngay-hoi/{boDe.Id}?nam={day.Year}")));
        Assert.Equal(2, await app.DbAsync(db => db.UnityDays.CountAsync(d => d.Year == day.Year && (d.UnitId == groups[0].Id || d.UnitId == groups[1].Id))));
    }

    [DatabaseTheory]
    public async Task Initiative_commendation_and_target_forms(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(browser);
        var boDe = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        var day = Recent();
        var unit = N(boDe.Id);

        Assert.True((await Browser.PostFormAsync(browser, "/cong-viec/mo-hinh/them", token, new Dictionary<string, string>
        {
            ["Input.UnitId"] = unit, ["Input.Name"] = "Camera an ninh khu dân cư", ["Input.Field"] = "an_ninh_trat_tu", ["Input.Status"] = "Active", ["Input.RegisteredOn"] = D(day),
        })).StatusCode == HttpStatusCode.Redirect);
        var commendation = new Dictionary<string, string>
        {
            ["Input.UnitId"] = unit, ["Input.Date"] = D(day), ["Input.Form"] = "Merit", ["Input.Level"] = "Province", ["Input.Collective"] = "false",
            ["Input.Recipient"] = "Bà Trần Thị B", ["Input.DecisionNumber"] = "88/QĐ-UBND",
        };
        Assert.True((await Browser.PostFormAsync(browser, "/cong-viec/khen-thuong/them", token, commendation)).StatusCode == HttpStatusCode.Redirect);
        var saved = await app.DbAsync(db => db.Commendations.SingleAsync(c => c.Recipient == "Bà Trần Thị B"));
        Assert.Equal((false, AwardLevel.Province, "88/QĐ-UBND"), (saved.Collective, saved.Level, saved.DecisionNumber));
        Assert.True(await app.DbAsync(db => db.Initiatives.AnyAsync(i => i.Name == "Camera an ninh khu dân cư" && i.Field == "an_ninh_trat_tu")));

        var target = new Dictionary<string, string>
        {
            ["Input.UnitId"] = unit, ["Input.Indicator"] = "ngay_hoi.ty_le_ho", ["Input.Period"] = "quý 1", ["Input.Value"] = "95,5", ["Input.Source"] = "YearlyProgramme",
        };
        Assert.Contains("Nhập năm (ví dụ 2026) hoặc nhiệm kỳ", await BodyAsync(await Browser.PostFormAsync(browser, "/cong-viec/chi-tieu/them", token, target)));
        target["Input.Period"] = N(day.Year);
        Assert.True((await Browser.PostFormAsync(browser, "/cong-viec/chi-tieu/them", token, target)).StatusCode == HttpStatusCode.Redirect);
        var t = await app.DbAsync(db => db.Targets.SingleAsync(x => x.UnitId == boDe.Id && x.Indicator == "ngay_hoi.ty_le_ho" && x.Period == N(day.Year)));
        Assert.Equal(95.5, t.Value);
        Assert.Contains("Ngày hội Đại đoàn kết: tỷ lệ hộ dân tham dự", await BodyAsync(await browser.GetAsync($"/cong-viec?tab=chi-tieu&period={day.Year}")));
        // Editing the target keeps the decimal.
        Assert.Contains("95.5", await BodyAsync(await browser.GetAsync($"/cong-viec/chi-tieu/{t.Id}/sua")));
    }

    [DatabaseTheory]
    public async Task Ended_units_and_readers_cannot_write_on_the_pages(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (id, version) = await app.DbAsync(async db =>
        {
            var nl = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-NL" && u.ValidFrom <= new DateOnly(2024, 1, 1) && u.ValidTo > new DateOnly(2024, 1, 1));
            var a = new Activity { UnitId = nl.Id, KindId = (await db.ActivityKinds.SingleAsync(k => k.Code == "tuyen_truyen")).Id, Date = new(2024, 3, 5), Title = "Tuyên truyền của phường cũ", Sessions = 1 };
            db.Activities.Add(a);
            await new RecordWriter(db).SaveAsync(a);
            return (a.Id, a.Version);
        });
        var (admin, _) = await Browser.SignInAsync(app, Who.HanoiAdmin);
        var (reviewer, _) = await Browser.SignInAsync(app, Who.HanoiReviewer);
        var token = await Browser.FormTokenAsync(admin);
        var before = await Snapshots.TakeAsync(app);
        var edit = await BodyAsync(await admin.GetAsync($"/cong-viec/hoat-dong/{id}/sua"));
        Assert.Contains(RecordRules.EndedUnit, edit);
        Assert.DoesNotContain("name=\"Input.Title\"", edit);
        Assert.Contains(RecordRules.EndedUnit, await BodyAsync(await Browser.PostFormAsync(admin, $"/cong-viec/hoat-dong/{id}/sua", token, new Dictionary<string, string>
        {
            ["Input.Title"] = "Sửa", ["Input.Version"] = N(version),
        })));
        Assert.Contains(RecordRules.EndedUnit, await BodyAsync(await Browser.PostFormAsync(admin, "/cong-viec?handler=Delete", token,
            new Dictionary<string, string> { ["type"] = "hoat-dong", ["id"] = N(id), ["version"] = N(version) })));
        Assert.DoesNotContain("Xóa hoạt động này", await BodyAsync(await admin.GetAsync($"/cong-viec/hoat-dong/{id}")));

        // A reviewer reads the records but is sent to the access-denied page by every form.
        Assert.Contains("Tuyên truyền của phường cũ", await BodyAsync(await reviewer.GetAsync($"/cong-viec/hoat-dong/{id}")));
        Assert.True(Browser.IsRedirectTo(await reviewer.GetAsync("/cong-viec/hoat-dong/them"), "/khong-co-quyen"));
        Assert.True(Browser.IsRedirectTo(await reviewer.GetAsync("/cong-viec/mo-hinh/them"), "/khong-co-quyen"));
        Assert.Null(Snapshots.Diff(before, await Snapshots.TakeAsync(app)));
    }
}
