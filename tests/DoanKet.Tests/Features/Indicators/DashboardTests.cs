using System.Globalization;
using System.Net;
using System.Text.Json;
using DoanKet.Data;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Indicators;

/// <summary>Records written in the tests of the figure pages and API.</summary>
internal static class Work
{
    public static async Task<int> ActivityAsync(TestApp app, int unitId, DateOnly date, string title, int sessions, int attendances, string kind = "tuyen_truyen")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var k = await db.ActivityKinds.SingleAsync(x => x.Code == kind);
        var a = new Activity { UnitId = unitId, KindId = k.Id, Date = date, Title = title, Sessions = sessions, Attendances = attendances };
        db.Activities.Add(a);
        await scope.ServiceProvider.GetRequiredService<RecordWriter>().SaveAsync(a);
        return a.Id;
    }

    public static async Task<List<Figure>> FiguresAsync(TestApp app, int unitId, string period, FigureMode mode)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId);
        return await scope.ServiceProvider.GetRequiredService<Figures>().ComputeAsync(unit, Period.Parse(period), mode);
    }

    public static string I(int i) => i.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The dashboard and the sources page show what a record produces, with its provenance.</summary>
public sealed class DashboardTests
{
    private const string Title = "Tuyên truyền phòng chống lừa đảo qua mạng (kiểm thử)";

    [DatabaseTheory]
    public async Task The_dashboard_shows_the_figure_a_record_produces_and_its_sources_list_the_record(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var (boDe, to11) = await app.DbAsync(async db => ((await Demo.CurrentAsync(db, "DEMO-BODE")).Id, (await Demo.CurrentAsync(db, "DEMO-NL-TDP11")).Id));
        var before = (await Work.FiguresAsync(app, boDe, "2025Q4", FigureMode.Then)).Single(f => f.Indicator.Code == "tuyen_truyen.luot_nguoi").Value;
        var id = await Work.ActivityAsync(app, to11, new DateOnly(2025, 11, 12), Title, 2, 1234);
        var after = (await Work.FiguresAsync(app, boDe, "2025Q4", FigureMode.Then)).Single(f => f.Indicator.Code == "tuyen_truyen.luot_nguoi");
        Assert.Equal(before + 1234, after.Value);

        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var page = await browser.GetAsync($"/so-lieu/{boDe}?period=2025Q4&mode=then");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var sources = $"/so-lieu/nguon?indicator=tuyen_truyen.luot_nguoi&unit={boDe}&period=2025Q4&mode=then";
        Assert.Contains($"<a href=\"{sources}\">{FigureText.Value(after)}</a>", html, StringComparison.Ordinal);
        Assert.Contains("Quý IV năm 2025", html, StringComparison.Ordinal);
        Assert.Contains("Tuyên truyền, vận động", html, StringComparison.Ordinal); // area heading
        Assert.Contains("chart.umd.js", html, StringComparison.Ordinal);
        Assert.Contains("Tổ dân phố 11", html, StringComparison.Ordinal); // the commune over its groups

        var list = WebUtility.HtmlDecode(await (await browser.GetAsync(sources)).Content.ReadAsStringAsync());
        Assert.Contains(Title, list, StringComparison.Ordinal);
        Assert.Contains($"/cong-viec/hoat-dong/{id}", list, StringComparison.Ordinal);
        Assert.Contains("12/11/2025", list, StringComparison.Ordinal);
        Assert.Contains("Tổng của: Tuyên truyền, vận động — lượt người tham dự", list, StringComparison.Ordinal);

        // As now, the same record counts for the ward (it is a current unit), and the tổ's own dashboard has it too.
        var now = WebUtility.HtmlDecode(await (await browser.GetAsync(sources.Replace("mode=then", "mode=now", StringComparison.Ordinal))).Content.ReadAsStringAsync());
        Assert.Contains(Title, now, StringComparison.Ordinal);
        Assert.Contains("Tỷ trọng", now, StringComparison.Ordinal);
        var group = WebUtility.HtmlDecode(await (await browser.GetAsync($"/so-lieu/{to11}?period=2025Q4")).Content.ReadAsStringAsync());
        Assert.Contains("1.234 lượt người", group, StringComparison.Ordinal);
    }

    [DatabaseTheory]
    public async Task The_dashboard_defaults_to_the_home_unit_and_the_current_quarter_and_lists_groups_that_have_not_reported(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var (boDe, to11, groups) = await app.DbAsync(async db =>
        {
            var b = await Demo.CurrentAsync(db, "DEMO-BODE");
            return (b.Id, (await Demo.CurrentAsync(db, "DEMO-NL-TDP11")).Id, await db.Units.CountAsync(u => u.ParentId == b.Id && u.ValidTo == null));
        });
        var week = FigureText.WeekOf(TestClock.Today);
        await Work.ActivityAsync(app, to11, week.From, "Họp tổ trong tuần (kiểm thử)", 1, 30, "hop_dan");

        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var html = WebUtility.HtmlDecode(await (await browser.GetAsync("/so-lieu")).Content.ReadAsStringAsync());
        Assert.Contains("Số liệu Phường Bồ Đề", html, StringComparison.Ordinal);
        Assert.Contains(FigureText.QuarterOf(TestClock.Today).Label, html, StringComparison.Ordinal);
        Assert.Contains($"Chưa báo cáo tuần này</strong> ({week.Label}): {groups - 1}/{groups} tổ dân phố, thôn", html, StringComparison.Ordinal);
        // Tổ 11 reported, so it is not in the list (its link in the list would carry the week).
        Assert.DoesNotContain($"/so-lieu/{to11}?period={week.Id}", html, StringComparison.Ordinal);

        // The Hà Nội administrator sees the communes; Bồ Đề has reported (through its group), the others have not.
        var (admin, _) = await Browser.SignInAsync(app, Who.HanoiAdmin);
        var hanoi = WebUtility.HtmlDecode(await (await admin.GetAsync("/so-lieu")).Content.ReadAsStringAsync());
        Assert.Contains("Số liệu Thành phố Hà Nội", hanoi, StringComparison.Ordinal);
        Assert.Contains("xã, phường", hanoi, StringComparison.Ordinal);
        Assert.DoesNotContain($"/so-lieu/{boDe}?period={week.Id}", hanoi, StringComparison.Ordinal);
        Assert.Contains("Phúc Lợi", hanoi, StringComparison.Ordinal);
    }

    [DatabaseTheory]
    public async Task Bad_inputs_on_the_pages_are_explained_and_units_out_of_scope_are_not_found(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var (boDe, kt, ngocLam) = await app.DbAsync(async db => (
            (await Demo.CurrentAsync(db, "DEMO-BODE")).Id, (await Demo.CurrentAsync(db, "DEMO-KIENTUONG")).Id,
            (await db.Units.SingleAsync(u => u.Code == "DEMO-NL")).Id));
        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);

        var bad = WebUtility.HtmlDecode(await (await browser.GetAsync($"/so-lieu/{boDe}?period=2024Q5&mode=luc-nao")).Content.ReadAsStringAsync());
        Assert.Contains("Kỳ báo cáo không hợp lệ", bad, StringComparison.Ordinal);
        Assert.Contains("Cách tính không hợp lệ", bad, StringComparison.Ordinal);
        // An ended ward (restated into Bồ Đề) is readable, as then only.
        var ended = WebUtility.HtmlDecode(await (await browser.GetAsync($"/so-lieu/{ngocLam}?period=2024S1&mode=now")).Content.ReadAsStringAsync());
        Assert.Contains("Số liệu Phường Ngọc Lâm", ended, StringComparison.Ordinal);
        Assert.Contains(FigureText.NowNeedsCurrentUnit, ended, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/so-lieu/{kt}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/so-lieu?unit={kt}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/so-lieu/nguon?indicator=tuyen_truyen.cuoc&unit={kt}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/so-lieu/nguon?indicator=khong_co&unit={boDe}")).StatusCode);
        var badSources = WebUtility.HtmlDecode(await (await browser.GetAsync($"/so-lieu/nguon?indicator=tuyen_truyen.cuoc&unit={boDe}&period=20244")).Content.ReadAsStringAsync());
        Assert.Contains("Kỳ báo cáo không hợp lệ", badSources, StringComparison.Ordinal);

        // The board head of tổ 11 reads its own group only.
        var (head, _) = await Browser.SignInAsync(app, Who.To11Head);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/so-lieu/{boDe}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync("/so-lieu")).StatusCode);
    }

    [DatabaseTheory]
    public async Task Api_values_equal_the_figures_and_sources_list_the_record(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var (boDe, to11) = await app.DbAsync(async db => ((await Demo.CurrentAsync(db, "DEMO-BODE")).Id, (await Demo.CurrentAsync(db, "DEMO-NL-TDP11")).Id));
        var id = await Work.ActivityAsync(app, to11, new DateOnly(2025, 12, 3), Title, 3, 75);
        var api = await app.ClientForAsync(Who.BoDeOfficer);

        var catalogue = await api.GetJsonAsync<List<IndicatorDto>>("/api/v1/indicators");
        Assert.Equal(await app.DbAsync(db => db.Indicators.CountAsync()), catalogue.Count);
        Assert.Contains(catalogue, i => i.Code == "ngay_hoi.khu_dan_cu" && i.Rule == Domain.Indicators.IndicatorRule.Coverage && i.Main);

        foreach (var mode in new[] { FigureMode.Then, FigureMode.Now })
        {
            var expected = await Work.FiguresAsync(app, boDe, "2025Q4", mode);
            var values = await api.GetJsonAsync<ValuesDto>($"/api/v1/indicators/values?unit={boDe}&period=2025Q4&mode={mode.Id()}");
            Assert.Equal(("2025Q4", "Quý IV năm 2025", mode.Id()), (values.Period.Id, values.Period.Label, values.Mode));
            Assert.Equal(expected.Select(f => (f.Indicator.Code, f.Value, f.Of)), values.Values.Select(v => (v.Code, v.Value, v.Of)));
            // The form: /indicators?unit= gives the same values.
            var same = await api.GetJsonAsync<ValuesDto>($"/api/v1/indicators?unit={boDe}&period=2025Q4&mode={mode.Id()}");
            Assert.Equal(values.Values.Select(v => (v.Code, v.Value)), same.Values.Select(v => (v.Code, v.Value)));
        }
        var one = await api.GetJsonAsync<ValuesDto>($"/api/v1/indicators/values?unit={boDe}&period=2025-12-01..2025-12-31&code=tuyen_truyen.luot_nguoi");
        var figure = Assert.Single(one.Values);
        Assert.True(figure.Value >= 75);
        Assert.Equal($"/api/v1/indicators/tuyen_truyen.luot_nguoi/sources?unit={boDe}&period=2025-12-01..2025-12-31&mode=then", figure.Sources);

        var sources = await api.GetJsonAsync<SourcesDto>(figure.Sources);
        var line = Assert.Single(sources.Sources, s => s.RecordId == id);
        Assert.Equal(("activity", 75L, new DateOnly(2025, 12, 3), $"/cong-viec/hoat-dong/{id}"), (line.RecordType, line.Value, line.Date, line.Url));
        Assert.Contains(Title, line.Title, StringComparison.Ordinal);
        Assert.Equal("Tổ dân phố 11", line.UnitName);
        Assert.Equal(figure.Value, sources.Sources.Sum(s => s.Value * s.Weight));
    }

    [DatabaseTheory]
    public async Task Api_bad_inputs_give_400_in_Vietnamese_and_units_out_of_scope_404(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var (boDe, kt, ngocLam) = await app.DbAsync(async db => (
            (await Demo.CurrentAsync(db, "DEMO-BODE")).Id, (await Demo.CurrentAsync(db, "DEMO-KIENTUONG")).Id,
            (await db.Units.SingleAsync(u => u.Code == "DEMO-NL")).Id));
        var api = await app.ClientForAsync(Who.BoDeOfficer);

        async Task<string> Field(string url, string field)
        {
            var json = await (await api.GetAsync(url)).TypedProblemAsync(400);
            return json.GetProperty("errors").GetProperty(field)[0].GetString()!;
        }
        Assert.Contains("Kỳ báo cáo không hợp lệ", await Field($"/api/v1/indicators/values?unit={boDe}&period=2024Q5", "period"), StringComparison.Ordinal);
        Assert.Contains("Cách tính không hợp lệ", await Field($"/api/v1/indicators/values?unit={boDe}&mode=sometimes", "mode"), StringComparison.Ordinal);
        Assert.Contains("Chọn đơn vị", await Field("/api/v1/indicators/values?period=2025", "unit"), StringComparison.Ordinal);
        Assert.Contains("không hợp lệ", await Field("/api/v1/indicators/values?unit=mot", "unit"), StringComparison.Ordinal);
        Assert.Contains("Không có chỉ số mã", await Field($"/api/v1/indicators/values?unit={boDe}&code=tuyen_truyen.cuoc,khong_co", "code"), StringComparison.Ordinal);
        Assert.Contains("đã kết thúc", await Field($"/api/v1/indicators/values?unit={ngocLam}&mode=now", "mode"), StringComparison.Ordinal);
        Assert.Contains("Kỳ báo cáo không hợp lệ", await Field($"/api/v1/indicators?unit={boDe}&period=2024W99", "period"), StringComparison.Ordinal);
        Assert.Contains("Kỳ báo cáo không hợp lệ", await Field($"/api/v1/indicators/tuyen_truyen.cuoc/sources?unit={boDe}&period=x", "period"), StringComparison.Ordinal);

        await (await api.GetAsync($"/api/v1/indicators/values?unit={kt}&period=2025")).ProblemAsync(404);
        await (await api.GetAsync($"/api/v1/indicators?unit={kt}")).ProblemAsync(404);
        await (await api.GetAsync($"/api/v1/indicators/tuyen_truyen.cuoc/sources?unit={kt}")).ProblemAsync(404);
        await (await api.GetAsync($"/api/v1/indicators/khong_co/sources?unit={boDe}")).ProblemAsync(404);
        // An ended unit restated into Bồ Đề answers as then.
        var old = await api.GetJsonAsync<ValuesDto>($"/api/v1/indicators/values?unit={ngocLam}&period=2024S1&mode=then&code=tuyen_truyen.cuoc");
        Assert.Equal("then", old.Mode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await (await api.GetAsync($"/api/v1/indicators/tuyen_truyen.cuoc/sources?unit={ngocLam}&period=2024"))
            .Content.ReadAsStringAsync()).RootElement.GetProperty("sources").ValueKind);
    }
}
