using System.Net;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Weekly;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Indicators;

/// <summary>The residential board's weekly screen: save, reopen, correct, clear; refusals change nothing.</summary>
public sealed class WeeklyEntryTests
{
    private static Dictionary<string, string> Week(int unit, Period week, params (string Field, string Value)[] counts)
    {
        var form = new Dictionary<string, string> { ["unit"] = Work.I(unit), ["week"] = week.Id };
        foreach (var (f, v) in counts) form[f] = v;
        return form;
    }

    private static Task<List<Activity>> WeeklyAsync(TestApp app, int unit, Period week) =>
        app.DbAsync(db => db.Activities.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.UnitId == unit && a.Week == week.Id && a.Source == RecordSource.Weekly).OrderBy(a => a.KindId).ToListAsync());

    [DatabaseTheory]
    public async Task Board_head_saves_the_week_reopens_it_corrects_it_and_clears_a_kind(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var to11 = await app.DbAsync(async db => (await Demo.CurrentAsync(db, "DEMO-NL-TDP11")).Id);
        var week = FigureText.WeekOf(TestClock.Today);
        var (browser, _) = await Browser.SignInAsync(app, Who.To11Head);
        var token = await Browser.FormTokenAsync(browser);

        var form = WebUtility.HtmlDecode(await (await browser.GetAsync("/nhap-tuan")).Content.ReadAsStringAsync());
        Assert.Contains("Tổ dân phố 11", form, StringComparison.Ordinal);
        Assert.Contains("inputmode=\"numeric\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"tuyen_truyen.luot_nguoi\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"tuyen_truyen.phan_qua\"", form, StringComparison.Ordinal); // only the counts a kind declares
        Assert.DoesNotContain("<script", form, StringComparison.Ordinal);

        var saved = await Browser.PostFormAsync(browser, "/nhap-tuan", token,
            Week(to11, week, ("tuyen_truyen.cuoc", "2"), ("tuyen_truyen.luot_nguoi", "60"), ("tham_hoi.ho", "3"), ("tang_qua.dong", "1.500.000"), ("tang_qua.phan_qua", "5"), ("note", "Tuần thử")));
        Assert.True(Browser.IsRedirectTo(saved, "/nhap-tuan"), $"{(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
        var confirmation = WebUtility.HtmlDecode(await (await browser.GetAsync(saved.Headers.Location!.OriginalString)).Content.ReadAsStringAsync());
        Assert.Contains("Đã lưu số liệu", confirmation, StringComparison.Ordinal);
        Assert.Contains("Tuyên truyền, vận động: 2 cuộc, 60 lượt người", confirmation, StringComparison.Ordinal);
        Assert.Contains("1.500.000 đồng", confirmation, StringComparison.Ordinal);
        Assert.Contains($"/so-lieu/{to11}?period={week.Id}", confirmation, StringComparison.Ordinal); // the board head reads its group, not the ward
        Assert.Contains("value=\"60\"", confirmation, StringComparison.Ordinal); // reopened with the saved values

        var propaganda = await app.DbAsync(db => db.ActivityKinds.SingleAsync(k => k.Code == "tuyen_truyen"));
        var mine = await app.DbAsync(db => db.ActivityKinds.Where(k => k.Code == "tuyen_truyen" || k.Code == "tham_hoi" || k.Code == "tang_qua").Select(k => k.Id).ToListAsync());
        var rows = (await WeeklyAsync(app, to11, week)).Where(a => mine.Contains(a.KindId)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(3, rows.Single(a => a.Households is not null).Households);
        var first = rows.Single(a => a.KindId == propaganda.Id);
        Assert.Equal((2, 60, week.From, "Tuần thử"), (first.Sessions, first.Attendances, first.Date, first.Note));
        Assert.Equal($"Tuyên truyền, vận động tuần {IndexModel.WeekLabel(week)}", first.Title);
        Assert.Equal(60, await app.DbAsync(db => db.Facts.Where(f => f.RecordType == "activity" && f.RecordId == first.Id && f.Key == "tuyen_truyen.luot_nguoi").SumAsync(f => f.Value)));
        var figure = (await Work.FiguresAsync(app, to11, week.Id, FigureMode.Then)).Single(f => f.Indicator.Code == "tuyen_truyen.luot_nguoi");
        Assert.Equal(60, figure.Value);

        // Correct one count: the same activity is updated.
        var corrected = await Browser.PostFormAsync(browser, "/nhap-tuan", token,
            Week(to11, week, ("tuyen_truyen.cuoc", "2"), ("tuyen_truyen.luot_nguoi", "75"), ("tham_hoi.ho", "3"), ("tang_qua.dong", "1500000"), ("tang_qua.phan_qua", "5"), ("note", "Tuần thử")));
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var after = (await WeeklyAsync(app, to11, week)).Single(a => a.KindId == propaganda.Id);
        Assert.Equal((first.Id, 75), (after.Id, after.Attendances));
        Assert.True(after.Version != first.Version);
        Assert.Equal(75, (await Work.FiguresAsync(app, to11, week.Id, FigureMode.Then)).Single(f => f.Indicator.Code == "tuyen_truyen.luot_nguoi").Value);

        // Clear the propaganda counts: that activity is deleted (softly) and its facts are gone; the others stay.
        var cleared = await Browser.PostFormAsync(browser, "/nhap-tuan", token,
            Week(to11, week, ("tuyen_truyen.cuoc", ""), ("tuyen_truyen.luot_nguoi", "0"), ("tham_hoi.ho", "3"), ("tang_qua.dong", "1500000"), ("tang_qua.phan_qua", "5")));
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        var gone = (await WeeklyAsync(app, to11, week)).Single(a => a.KindId == propaganda.Id);
        Assert.NotNull(gone.DeletedAt);
        Assert.Equal(0, await app.DbAsync(db => db.Facts.CountAsync(f => f.RecordType == "activity" && f.RecordId == first.Id)));
        Assert.Equal(2, (await WeeklyAsync(app, to11, week)).Count(a => a.DeletedAt == null && mine.Contains(a.KindId)));
        Assert.Equal(0, (await Work.FiguresAsync(app, to11, week.Id, FigureMode.Then)).Single(f => f.Indicator.Code == "tuyen_truyen.luot_nguoi").Value);

        // Entering it again brings the same row back: one activity per group, kind and week.
        await Browser.PostFormAsync(browser, "/nhap-tuan", token, Week(to11, week, ("tuyen_truyen.cuoc", "1"), ("tuyen_truyen.luot_nguoi", "20"), ("tham_hoi.ho", "3"), ("tang_qua.dong", "1500000"), ("tang_qua.phan_qua", "5")));
        var back = (await WeeklyAsync(app, to11, week)).Where(a => a.KindId == propaganda.Id).ToList();
        Assert.Equal((first.Id, 20, (DateTime?)null), (Assert.Single(back).Id, back[0].Attendances, back[0].DeletedAt));
    }

    [DatabaseTheory]
    public async Task Future_weeks_old_weeks_bad_numbers_and_other_groups_are_refused_and_nothing_is_saved(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var (boDe, to11, other) = await app.DbAsync(async db =>
        {
            var b = await Demo.CurrentAsync(db, "DEMO-BODE");
            var t = await Demo.CurrentAsync(db, "DEMO-NL-TDP11");
            return (b.Id, t.Id, (await db.Units.FirstAsync(u => u.ParentId == b.Id && u.ValidTo == null && u.Id != t.Id)).Id);
        });
        var week = FigureText.WeekOf(TestClock.Today);
        var (browser, _) = await Browser.SignInAsync(app, Who.To11Head);
        var token = await Browser.FormTokenAsync(browser);
        var before = await Snapshots.TakeAsync(app);

        async Task<string> Rerendered(Dictionary<string, string> form)
        {
            var r = await Browser.PostFormAsync(browser, "/nhap-tuan", token, form);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
        }
        var monday = week.To.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var next = Period.Week(System.Globalization.ISOWeek.GetYear(monday), System.Globalization.ISOWeek.GetWeekOfYear(monday));
        Assert.Contains("chưa đến", await Rerendered(Week(to11, next, ("tuyen_truyen.cuoc", "2"))), StringComparison.Ordinal);
        Assert.Contains("8 tuần gần nhất", await Rerendered(Week(to11, Period.Parse("2020W10"), ("tuyen_truyen.cuoc", "2"))), StringComparison.Ordinal);
        Assert.Contains("Tuần không hợp lệ", await Rerendered(Week(to11, week, ("tuyen_truyen.cuoc", "2")).With("week", "2026Q1")), StringComparison.Ordinal);
        // One bad number refuses the whole week, and the page keeps what was typed.
        var bad = await Rerendered(Week(to11, week, ("tuyen_truyen.cuoc", "2"), ("tuyen_truyen.luot_nguoi", "-5"), ("tham_hoi.ho", "ba"), ("hop_dan.cuoc", "1000000")));
        Assert.Contains("Không nhập số âm.", bad, StringComparison.Ordinal);
        Assert.Contains("Nhập số nguyên", bad, StringComparison.Ordinal);
        Assert.Contains("Số quá lớn", bad, StringComparison.Ordinal);
        Assert.Contains("value=\"ba\"", bad, StringComparison.Ordinal);
        // Another group of the ward, and the ward itself: not the board head's.
        Assert.Equal(HttpStatusCode.NotFound, (await Browser.PostFormAsync(browser, "/nhap-tuan", token, Week(other, week, ("tuyen_truyen.cuoc", "2")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/nhap-tuan?unit={other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Browser.PostFormAsync(browser, "/nhap-tuan", token, Week(boDe, week, ("tuyen_truyen.cuoc", "2")))).StatusCode);
        Assert.Null(Snapshots.Diff(before, await Snapshots.TakeAsync(app)));

        // The reviewer of Hà Nội only reads: no weekly screen.
        var (reviewer, _) = await Browser.SignInAsync(app, Who.HanoiReviewer);
        var r = await reviewer.GetAsync($"/nhap-tuan?unit={to11}");
        Assert.True(r.StatusCode == HttpStatusCode.Forbidden || Browser.IsRedirectTo(r, "/khong-co-quyen"), $"{(int)r.StatusCode}");
        var post = await Browser.PostFormAsync(reviewer, "/nhap-tuan", await Browser.FormTokenAsync(reviewer), Week(to11, week, ("tuyen_truyen.cuoc", "2")));
        Assert.True(post.StatusCode == HttpStatusCode.Forbidden || Browser.IsRedirectTo(post, "/khong-co-quyen"), $"{(int)post.StatusCode}");
        Assert.Null(Snapshots.Diff(before, await Snapshots.TakeAsync(app)));
    }

    [DatabaseTheory]
    public async Task Ward_officer_picks_one_of_its_groups_and_a_new_group_dates_its_week_from_its_start(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var lastWeek = FigureText.WeekOf(TestClock.Today).Previous();
        var start = lastWeek.From.AddDays(3);
        var (boDe, to11, fresh) = await app.DbAsync(async db =>
        {
            var b = await db.Units.SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null);
            var unit = new Unit { Name = "Tổ mới kiểm thử", Kind = UnitKind.ResidentialGroup, Level = UnitLevel.ResidentialGroup, ParentId = b.Id, ValidFrom = start, CreatedAt = TestClock.UtcNow };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            unit.Path = b.Path + unit.Id + "/";
            await db.SaveChangesAsync();
            return (b.Id, (await Demo.CurrentAsync(db, "DEMO-NL-TDP11")).Id, unit.Id);
        });
        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(browser);

        var picker = WebUtility.HtmlDecode(await (await browser.GetAsync("/nhap-tuan")).Content.ReadAsStringAsync());
        Assert.Contains("Chọn đơn vị thuộc Phường Bồ Đề", picker, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{to11}\">Tổ dân phố 11</option>", picker, StringComparison.Ordinal);

        var saved = await Browser.PostFormAsync(browser, "/nhap-tuan", token, Week(fresh, lastWeek, ("hop_dan.cuoc", "1"), ("hop_dan.luot_nguoi", "40"), ("hop_dan.y_kien", "4")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await (await browser.GetAsync(saved.Headers.Location!.OriginalString)).Content.ReadAsStringAsync());
        Assert.Contains($"/so-lieu/{boDe}?period={lastWeek.Id}", page, StringComparison.Ordinal); // the officer reads the ward's dashboard
        var activity = Assert.Single(await WeeklyAsync(app, fresh, lastWeek));
        Assert.Equal((start, 40, 4), (activity.Date, activity.Attendances, activity.Opinions));

        // The week before the group existed is refused.
        var before = await Browser.PostFormAsync(browser, "/nhap-tuan", token, Week(fresh, lastWeek.Previous(), ("hop_dan.cuoc", "1")));
        Assert.Contains("bắt đầu từ", WebUtility.HtmlDecode(await before.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await WeeklyAsync(app, fresh, lastWeek.Previous()));
    }
}

internal static class FormExtensions
{
    public static Dictionary<string, string> With(this Dictionary<string, string> form, string key, string value)
    {
        form[key] = value;
        return form;
    }
}
