using System.Globalization;
using System.Net;
using DoanKet.Domain.Extraction;
using DoanKet.Domain.History;
using DoanKet.Domain.Periods;
using DoanKet.Features.History;
using DoanKet.Features.Indicators;
using DoanKet.Tests.Extraction;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Features.History;

/// <summary>
/// Seed 004 (Phường 2, 6 tháng đầu năm 2024) imported by the officer of today's phường Kiến Tường: the unit and period
/// are read from the text, chosen figures become facts of the ended ward with the document as their provenance, the
/// dashboard marks them, a second import of the same text adds nothing, and deleting the document takes them back.
/// </summary>
public sealed class HistoryImportTests
{
    private static string I(long i) => i.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("000", "2020S1")]
    [InlineData("001", "2023Q1")]
    [InlineData("002", "2019-2024")]
    [InlineData("004", "2024S1")]
    public void The_period_is_read_from_the_text(string seed, string period)
    {
        Assert.Equal(period, HistoryImport.InferPeriod(ExtractorTests.Seed(seed)));
    }

    [DatabaseTheory]
    public async Task Seed_004_goes_into_the_history_of_Phuong_2(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (client, _) = await Browser.SignInAsync(app, Who.KienTuongOfficer);
        var token = await Browser.FormTokenAsync(client);
        var text = ExtractorTests.Seed("004");
        var found = Extractor.Extract(text);
        int At(string span) => found.FindIndex(f => f.Text == span);
        var (p2, indicators) = await app.DbAsync(async db => (
            await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-KT-P2"),
            await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id)));

        // Reading: the ended Phường 2 and the half-year are proposed; figures already recorded are not ticked.
        var read = await Browser.PostFormAsync(client, "/lich-su/nhap?handler=Read", token, new Dictionary<string, string> { ["Text"] = text });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var page = WebUtility.HtmlDecode(await read.Content.ReadAsStringAsync());
        Assert.Contains($"<option value=\"{p2.Id}\" selected=\"selected\">Phường 2 (đến 30/06/2025)</option>", page);
        Assert.Contains("value=\"2024S1\"", page);
        Assert.Contains("6 tháng đầu năm 2024 (đọc từ văn bản)", page);
        Assert.Contains($"Đọc được <strong>{found.Count}</strong> số liệu", page);
        Assert.Contains("Kỳ này đơn vị đã có 77 cuộc từ các bản ghi", page);
        Assert.DoesNotContain($"name=\"Take[{At("77 cuộc")}]\" value=\"true\" checked", page);
        Assert.Contains($"<mark id=\"so-lieu-{At("607 phần quà") + 1}\"", page);

        var before = await FiguresAsync(app, p2.Id, "tuyen_truyen.cuoc", "tang_qua.phan_qua", "tang_qua.dong");

        // Server-side checks: nothing saved without a unit, with a period the unit did not live in, or a percentage as a count.
        var form = new Dictionary<string, string>
        {
            ["Text"] = text.Replace("\n", "\r\n", StringComparison.Ordinal), ["PeriodId"] = "2024S1", ["UnitId"] = I(p2.Id),
            [$"Take[{At("77 cuộc")}]"] = "true", [$"Indicator[{At("77 cuộc")}]"] = I(indicators["tuyen_truyen.cuoc"]),
            [$"Take[{At("607 phần quà")}]"] = "true", [$"Indicator[{At("607 phần quà")}]"] = I(indicators["tang_qua.phan_qua"]),
            [$"Take[{At("trên 214 triệu đồng")}]"] = "true", [$"Indicator[{At("trên 214 triệu đồng")}]"] = I(indicators["tang_qua.dong"]),
        };
        foreach (var (field, value, message) in new[]
        {
            ("UnitId", "", "Hãy chọn đơn vị"),
            ("PeriodId", "2026S1", "Phường 2 không tồn tại trong 6 tháng đầu năm 2026"),
            ("PeriodId", "2024X9", "Kỳ báo cáo không hợp lệ"),
            ($"Indicator[{At("607 phần quà")}]", I(indicators["tang_qua.dong"]), "chỉ tiêu đã chọn không tính bằng phần quà"),
        })
        {
            var bad = await Browser.PostFormAsync(client, "/lich-su/nhap?handler=Save", token, new Dictionary<string, string>(form) { [field] = value });
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
            Assert.Equal(0, await app.DbAsync(db => db.HistoricalDocuments.IgnoreQueryFilters().CountAsync()));
        }

        var saved = await Browser.PostFormAsync(client, "/lich-su/nhap?handler=Save", token, form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var doc = await app.DbAsync(db => db.HistoricalDocuments.AsNoTracking().Include(d => d.Figures).SingleAsync(d => d.Id == id));
        Assert.Equal((p2.Id, "2024S1"), (doc.UnitId, doc.PeriodId));
        Assert.InRange(doc.CreatedAt, TestClock.UtcNow, TestClock.UtcNow.AddMinutes(5));
        Assert.Equal(Who.KienTuongOfficer, doc.CreatedBy);
        Assert.Equal(text, doc.Text); // CRLF from the browser is read as LF: the offsets are those of the text
        Assert.Equal(["607 phần quà", "77 cuộc", "trên 214 triệu đồng"], doc.Figures.Select(f => f.Text).Order(StringComparer.Ordinal));
        Assert.All(doc.Figures, f => Assert.Equal(f.Text, text[f.Start..f.End]));

        // The figures of the ward for the half-year grew by exactly what was imported, and say where it came from.
        var after = await FiguresAsync(app, p2.Id, "tuyen_truyen.cuoc", "tang_qua.phan_qua", "tang_qua.dong");
        Assert.Equal([before[0] + 77, before[1] + 607, before[2] + 214_000_000], after);
        var dashboard = WebUtility.HtmlDecode(await client.GetStringAsync($"/so-lieu/{p2.Id}?period=2024S1&mode=then"));
        Assert.Contains("nhập từ văn bản", dashboard);
        var sources = WebUtility.HtmlDecode(await client.GetStringAsync(FigureText.SourcesUrl("tang_qua.phan_qua", p2.Id, Period.Parse("2024S1"), FigureMode.Then)));
        Assert.Contains("Nhập từ văn bản cũ", sources);
        Assert.Contains($"/lich-su/{id}", sources);
        var report = WebUtility.HtmlDecode(await client.GetStringAsync($"/bao-cao/{p2.Id}?period=2024S1&mode=then"));
        Assert.Contains("Số liệu của báo cáo có phần nhập từ văn bản cũ:", report);
        Assert.Contains($"<a href=\"/lich-su/{id}\">HỘI NGHỊ ỦY BAN MTTQ PHƯỜNG 2", report);
        // As now, the figures follow the ward into today's phường Kiến Tường.
        var kt = await app.DbAsync(db => db.Units.SingleAsync(u => u.Code == "DEMO-KIENTUONG" && u.ValidTo == null));
        Assert.Contains("nhập từ văn bản", WebUtility.HtmlDecode(await client.GetStringAsync($"/so-lieu/{kt.Id}?period=2024S1&mode=now")));

        // The same text for the same ward and period is imported once.
        var again = await Browser.PostFormAsync(client, "/lich-su/nhap?handler=Save", token, form);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Văn bản này đã được nhập", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Equal(1, await app.DbAsync(db => db.HistoricalDocuments.CountAsync()));

        // The document page shows each figure where it was read; deleting takes the figures back, the row stays.
        var details = WebUtility.HtmlDecode(await client.GetStringAsync($"/lich-su/{id}"));
        Assert.Contains("3 số liệu đã nhập", details);
        Assert.Contains("<mark id=\"so-lieu-1\" class=\"taken\">77 cuộc", details);
        var deleted = await Browser.PostFormAsync(client, $"/lich-su/{id}?handler=Delete", token, new Dictionary<string, string> { ["Version"] = I(doc.Version) });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(before, await FiguresAsync(app, p2.Id, "tuyen_truyen.cuoc", "tang_qua.phan_qua", "tang_qua.dong"));
        Assert.NotNull((await app.DbAsync(db => db.HistoricalDocuments.IgnoreQueryFilters().SingleAsync(d => d.Id == id))).DeletedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/lich-su/{id}")).StatusCode);

        // Side A's officer cannot read it into Phường 2: the ward is not offered and saving there is refused.
        var (boDe, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var aToken = await Browser.FormTokenAsync(boDe);
        var aRead = WebUtility.HtmlDecode(await (await Browser.PostFormAsync(boDe, "/lich-su/nhap?handler=Read", aToken, new Dictionary<string, string> { ["Text"] = text, ["UnitId"] = I(p2.Id) })).Content.ReadAsStringAsync());
        Assert.DoesNotContain("Phường 2 (đến 30/06/2025)</option>", aRead);
        Assert.Contains("không tìm thấy tên đơn vị trong văn bản", aRead);
        var aSave = await Browser.PostFormAsync(boDe, "/lich-su/nhap?handler=Save", aToken, form);
        Assert.Contains("Hãy chọn đơn vị", WebUtility.HtmlDecode(await aSave.Content.ReadAsStringAsync()));
        // A reviewer reads history but does not import.
        var (reviewer, _) = await Browser.SignInAsync(app, Who.HanoiReviewer);
        Assert.True(Browser.IsRedirectTo(await reviewer.GetAsync("/lich-su/nhap"), "/khong-co-quyen"));
    }

    private static Task<double[]> FiguresAsync(TestApp app, int unitId, params string[] codes) => app.DbAsync(async db =>
    {
        var figures = new Figures(db);
        var unit = await db.Units.IgnoreQueryFilters().SingleAsync(u => u.Id == unitId);
        var catalogue = (await figures.CatalogueAsync()).Where(i => codes.Contains(i.Code)).ToList();
        var computed = await figures.ComputeAsync(unit, Period.Parse("2024S1"), FigureMode.Then, catalogue);
        return codes.Select(c => computed.Single(f => f.Indicator.Code == c).Value).ToArray();
    });
}
