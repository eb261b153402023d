using System.Globalization;
using System.Net;
using System.Text.Json;
using DoanKet.Data;
using DoanKet.Domain.Records;
using DoanKet.Domain.Reports;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Features.Units;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Features.Reports;

/// <summary>
/// A unit's review report goes up: written, submitted with a number in sequence, returned with comments, sent again,
/// approved and locked; its figures stay as sent after later records and a merge of its unit, beside the same figures
/// computed today and restated onto today's unit.
/// </summary>
public sealed class ReviewReportTests
{
    private sealed class Account(HttpClient client, string token)
    {
        public HttpClient Client => client;

        public Task<HttpResponseMessage> PostAsync(string url, Dictionary<string, string> form) => Browser.PostFormAsync(client, url, token, form);

        public async Task<string> PageAsync(string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));

        /// <summary>A form that must be refused: the page again (200) with <paramref name="message"/>.</summary>
        public async Task RefusedAsync(string url, Dictionary<string, string> form, string message)
        {
            var r = await PostAsync(url, form);
            var body = WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
            Assert.Contains(message, body);
        }

        public static async Task<Account> SignInAsync(TestApp app, string email)
        {
            var (client, _) = await Browser.SignInAsync(app, email);
            return new Account(client, await Browser.FormTokenAsync(client));
        }
    }

    private static string I(long i) => i.ToString(CultureInfo.InvariantCulture);

    private static Task<ReviewReport> StoredAsync(TestApp app, int id) => app.DbAsync(db => db.ReviewReports.AsNoTracking().SingleAsync(r => r.Id == id));

    private static async Task<int> OpenAsync(Account officer, int unitId, string period)
    {
        var r = await officer.PostAsync($"/bao-cao/{unitId}?handler=Open&period={period}", []);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return int.Parse(r.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static async Task WriteAsync(TestApp app, Account officer, int id)
    {
        var version = (await StoredAsync(app, id)).Version;
        var r = await officer.PostAsync($"/bao-cao/van-ban/{id}", new()
        {
            ["Input.Situation"] = "Tình hình an ninh trật tự ổn định.\r\nNhân dân phấn khởi.", ["Input.Assessment"] = "Hoàn thành các chỉ tiêu.",
            ["Input.Tasks"] = "Tổ chức Ngày hội Đại đoàn kết.", ["Input.Proposals"] = "", ["Input.Version"] = I(version),
        });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
    }

    /// <summary>Posts a handler of the report's page; Submit sends the written parts as stored, like the page's form.</summary>
    private static async Task<HttpResponseMessage> ActAsync(TestApp app, Account who, int id, string handler, string? comment = null)
    {
        var r = await StoredAsync(app, id);
        var form = new Dictionary<string, string> { ["Input.Version"] = I(r.Version) };
        if (handler == "Submit")
            (form["Input.Situation"], form["Input.Assessment"], form["Input.Tasks"], form["Input.Proposals"]) = (r.Situation ?? "", r.Assessment ?? "", r.Tasks ?? "", r.Proposals ?? "");
        if (comment is not null) form["Comment"] = comment;
        return await who.PostAsync($"/bao-cao/van-ban/{id}?handler={handler}", form);
    }

    private static async Task ActivityAsync(TestApp app, int unitId, DateOnly date, int sessions, int attendances)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var kind = await db.ActivityKinds.SingleAsync(k => k.Code == "tuyen_truyen");
        var a = new Activity { UnitId = unitId, KindId = kind.Id, Date = date, Title = "Tuyên truyền thử của báo cáo", Sessions = sessions, Attendances = attendances, Source = RecordSource.Form };
        db.Activities.Add(a);
        await scope.ServiceProvider.GetRequiredService<RecordWriter>().SaveAsync(a);
    }

    private static double Sent(ReviewReport r, string code) =>
        JsonDocument.Parse(r.Snapshot!).RootElement.GetProperty("Figures").EnumerateArray().Single(f => f.GetProperty("Code").GetString() == code).GetProperty("Value").GetDouble();

    [DatabaseTheory]
    public async Task A_report_is_submitted_with_a_number_returned_sent_again_approved_and_locked(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var officer = await Account.SignInAsync(app, Who.BoDeOfficer);
        var city = await Account.SignInAsync(app, Who.HanoiAdmin);
        var boDe = await app.DbAsync(db => db.Units.Where(u => u.Code == "DEMO-BODE" && u.ValidTo == null).Select(u => u.Id).SingleAsync());
        await ActivityAsync(app, boDe, new DateOnly(2025, 11, 5), 4, 120);

        var id = await OpenAsync(officer, boDe, "2025Q4");
        Assert.Equal(id, await OpenAsync(officer, boDe, "2025Q4")); // one report per unit and period
        var draft = await officer.PageAsync($"/bao-cao/van-ban/{id}");
        Assert.Contains("Đang soạn", draft);
        Assert.Contains("Quý IV năm 2025", draft);

        // Nothing to send up before the officers have written their parts; the reviewer cannot act on a draft.
        await officer.RefusedAsync($"/bao-cao/van-ban/{id}?handler=Submit", new() { ["Input.Version"] = I((await StoredAsync(app, id)).Version) },
            "Viết phần I. Đặc điểm tình hình trước khi nộp.");
        await city.RefusedAsync($"/bao-cao/van-ban/{id}?handler=Approve", new() { ["Input.Version"] = I((await StoredAsync(app, id)).Version) },
            "Chỉ duyệt hoặc trả lại báo cáo đang chờ duyệt.");
        Assert.Equal(ReportStatus.Draft, (await StoredAsync(app, id)).Status);
        // Typed and sent at once: a part still missing refuses the whole, keeping nothing half-saved.
        await officer.RefusedAsync($"/bao-cao/van-ban/{id}?handler=Submit", new()
        {
            ["Input.Situation"] = "Viết rồi nộp ngay", ["Input.Assessment"] = "Đánh giá", ["Input.Tasks"] = "", ["Input.Version"] = I((await StoredAsync(app, id)).Version),
        }, "Viết phần IV. Phương hướng, nhiệm vụ kỳ tới trước khi nộp.");
        Assert.Null((await StoredAsync(app, id)).Situation);
        await WriteAsync(app, officer, id);
        Assert.Equal("Tình hình an ninh trật tự ổn định.\nNhân dân phấn khởi.", (await StoredAsync(app, id)).Situation);
        // A colleague saved meanwhile: refused once, the typed text kept, and the form now carries the current version.
        var stale = await officer.PostAsync($"/bao-cao/van-ban/{id}", new() { ["Input.Situation"] = "Bản sửa muộn", ["Input.Version"] = "0" });
        var again = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains(DoanKet.Features.Reports.DocumentModel.Overtaken, again);
        Assert.Contains("Bản sửa muộn</textarea>", again);
        Assert.Contains($"name=\"Input.Version\" value=\"{(await StoredAsync(app, id)).Version}\"", again);
        Assert.Equal("Tình hình an ninh trật tự ổn định.\nNhân dân phấn khởi.", (await StoredAsync(app, id)).Situation);

        // Submitted: a number in sequence for the ward this year, the figures frozen.
        var numbered = await app.DbAsync(db => db.ReviewReports.Where(r => r.UnitId == boDe && r.NumberYear == TestClock.Today.Year).MaxAsync(r => r.Number)) ?? 0;
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(app, officer, id, "Submit")).StatusCode);
        var submitted = await StoredAsync(app, id);
        Assert.Equal(ReportStatus.Submitted, submitted.Status);
        Assert.Equal(numbered + 1, submitted.Number);
        Assert.Equal(TestClock.Today, submitted.IssuedOn);
        var cuoc = Sent(submitted, "tuyen_truyen.cuoc");
        Assert.True(cuoc >= 4);

        // Locked for the ward; the ward cannot approve its own report; the city must say why it returns one.
        await officer.RefusedAsync($"/bao-cao/van-ban/{id}", new() { ["Input.Situation"] = "Sửa sau khi nộp", ["Input.Version"] = I(submitted.Version) }, ReportWorkflowLocked);
        Assert.True(Browser.IsRedirectTo(await ActAsync(app, officer, id, "Approve"), "/khong-co-quyen"));
        await city.RefusedAsync($"/bao-cao/van-ban/{id}?handler=Return", new() { ["Input.Version"] = I(submitted.Version), ["Comment"] = " " },
            "Nhập lý do trả lại và nội dung cần sửa.");
        Assert.Contains($"href=\"/bao-cao/van-ban/{id}\"", await city.PageAsync("/bao-cao/duyet?period=2025Q4"));

        // Returned: the figures refresh again; sent again, it keeps its number.
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(app, city, id, "Return", "Bổ sung kết quả giám sát.")).StatusCode);
        var returned = await StoredAsync(app, id);
        Assert.Equal((ReportStatus.Returned, (string?)null, "Bổ sung kết quả giám sát."), (returned.Status, returned.Snapshot, returned.ReviewComment));
        Assert.Contains("Bổ sung kết quả giám sát.", await officer.PageAsync($"/bao-cao/van-ban/{id}"));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(app, officer, id, "Submit")).StatusCode);
        Assert.Equal(numbered + 1, (await StoredAsync(app, id)).Number);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(app, city, id, "Approve", "Đạt yêu cầu.")).StatusCode);
        var approved = await StoredAsync(app, id);
        Assert.Equal(ReportStatus.Approved, approved.Status);

        // Work recorded afterwards changes today's figure, never the approved one.
        await ActivityAsync(app, boDe, new DateOnly(2025, 12, 1), 3, 60);
        Assert.Equal(approved.Snapshot, (await StoredAsync(app, id)).Snapshot);
        var page = await officer.PageAsync($"/bao-cao/van-ban/{id}");
        Assert.Contains("Đối chiếu số liệu đã nộp", page);
        Assert.Contains($"<td class=\"num\">{cuoc + 3:0} *</td>", page);
        await officer.RefusedAsync($"/bao-cao/van-ban/{id}?handler=Submit", new() { ["Input.Version"] = I(approved.Version) }, ReportWorkflowLocked);
        // Not even code can change it.
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.DbAsync(async db =>
        {
            var r = await db.ReviewReports.SingleAsync(x => x.Id == id);
            r.Situation = "Sửa trực tiếp";
            return await db.SaveChangesAsync();
        }));

        // The ward's next report this year takes the next number; its Word file carries it.
        var next = await OpenAsync(officer, boDe, "2026Q1");
        await WriteAsync(app, officer, next);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(app, officer, next, "Submit")).StatusCode);
        Assert.Equal(numbered + 2, (await StoredAsync(app, next)).Number);
        var word = await officer.Client.GetByteArrayAsync($"/bao-cao/van-ban/{next}?handler=Word");
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(word), false);
        var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains($"Số: {numbered + 2}/BC-MTTQ", text);
        Assert.Contains("Tổ chức Ngày hội Đại đoàn kết.", text);

        // A news draft from the approved report: its sentences, never a typed number.
        var news = await officer.PostAsync($"/bao-cao/van-ban/{id}?handler=News", []);
        Assert.Equal(HttpStatusCode.Redirect, news.StatusCode);
        var article = await app.DbAsync(db => db.NewsDrafts.AsNoTracking().SingleAsync(d => d.SourceType == "report" && d.SourceId == id));
        Assert.Equal("Ủy ban MTTQ Việt Nam phường Bồ Đề sơ kết công tác Mặt trận quý IV năm 2025", article.Title);
        Assert.Contains($"Tổ chức tuyên truyền, vận động {cuoc:00} cuộc", article.Body);
        Assert.Contains("Phương hướng, nhiệm vụ kỳ tới: Tổ chức Ngày hội Đại đoàn kết.", article.Body);
    }

    [DatabaseTheory]
    public async Task The_level_above_sets_a_deadline_the_ward_is_reminded_of_until_it_sends_its_report(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var officer = await Account.SignInAsync(app, Who.BoDeOfficer);
        var city = await Account.SignInAsync(app, Who.HanoiAdmin);
        var reviewer = await Account.SignInAsync(app, Who.HanoiReviewer);
        var today = TestClock.Today;
        var period = DoanKet.Features.Indicators.FigureText.QuarterOf(TestClock.Today);
        var label = DoanKet.Features.Reports.Wording.LowerFirst(period.Label);
        var due = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await city.RefusedAsync($"/bao-cao/duyet?period={period.Id}", new() { ["Due"] = period.From.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, "Hạn nộp phải từ");
        Assert.True(Browser.IsRedirectTo(await reviewer.PostAsync($"/bao-cao/duyet?period={period.Id}", new() { ["Due"] = due }), "/khong-co-quyen"));
        Assert.Equal(HttpStatusCode.Redirect, (await city.PostAsync($"/bao-cao/duyet?period={period.Id}", new() { ["Due"] = due })).StatusCode);
        Assert.Contains($"Báo cáo {label}</a> cần nộp cấp trên trước {DoanKet.Infrastructure.Fmt.Date(today)}.", await officer.PageAsync("/"));
        var list = await city.PageAsync($"/bao-cao/duyet?period={period.Id}");
        Assert.Contains("Phường Bồ Đề", list);
        Assert.Contains($"đơn vị đã nộp báo cáo {label} (hạn {DoanKet.Infrastructure.Fmt.Date(today)})", list);

        var boDe = await app.DbAsync(db => db.Units.Where(u => u.Code == "DEMO-BODE" && u.ValidTo == null).Select(u => u.Id).SingleAsync());
        var id = await OpenAsync(officer, boDe, period.Id);
        await WriteAsync(app, officer, id);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(app, officer, id, "Submit")).StatusCode);
        Assert.DoesNotContain($"Báo cáo {label}</a>", await officer.PageAsync("/"));
        Assert.Contains("báo cáo của cấp dưới đang chờ duyệt", await city.PageAsync("/"));
    }

    private const string ReportWorkflowLocked = DoanKet.Features.Reports.ReportWorkflow.Locked;

    [DatabaseTheory]
    public async Task An_approved_snapshot_survives_a_merge_and_is_compared_with_the_figures_restated_onto_the_merged_unit(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var officer = await Account.SignInAsync(app, Who.BoDeOfficer);
        var city = await Account.SignInAsync(app, Who.HanoiAdmin);
        var groups = await app.DbAsync(db => db.Units.AsNoTracking().Where(u => u.Parent!.Code == "DEMO-BODE" && u.Parent.ValidTo == null
            && u.Level == UnitLevel.ResidentialGroup && u.ValidTo == null && u.Code != "DEMO-NL-TDP11").OrderBy(u => u.Id).Take(2).ToListAsync());
        await ActivityAsync(app, groups[0].Id, new DateOnly(2025, 10, 20), 2, 50);
        await ActivityAsync(app, groups[1].Id, new DateOnly(2025, 10, 21), 5, 80);

        // The ward writes and sends the group's report; the city approves it.
        var id = await OpenAsync(officer, groups[0].Id, "2025Q4");
        await WriteAsync(app, officer, id);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(app, officer, id, "Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(app, city, id, "Approve")).StatusCode);
        var approved = await StoredAsync(app, id);
        var sent = Sent(approved, "tuyen_truyen.cuoc");
        var (own, other) = await app.DbAsync(async db =>
        {
            var f = new DoanKet.Features.Indicators.Figures(db);
            var p = DoanKet.Domain.Periods.Period.Parse("2025Q4");
            double Of(List<DoanKet.Features.Indicators.Figure> l) => l.Single(x => x.Indicator.Code == "tuyen_truyen.cuoc").Value;
            return (Of(await f.ComputeAsync(groups[0], p, DoanKet.Features.Indicators.FigureMode.Then)), Of(await f.ComputeAsync(groups[1], p, DoanKet.Features.Indicators.FigureMode.Then)));
        });
        Assert.Equal(own, sent);

        // The two groups merge: the snapshot stays, the page restates the period onto the merged group.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var plan = await scope.ServiceProvider.GetRequiredService<UnitChanges>().ApplyAsync(new UnitChangeRequest(UnitChangeKind.Merge, new DateOnly(2026, 12, 1),
                "Nghị quyết sáp nhập tổ dân phố (thử)", null, [groups[0].Id, groups[1].Id], [new NewUnit("Tổ gộp báo cáo thử", UnitKind.ResidentialGroup, null, groups[0].ParentId)]), _ => true);
            Assert.True(plan.IsValid, string.Join("; ", plan.Errors.SelectMany(e => e.Value)));
        }
        var after = await StoredAsync(app, id);
        Assert.Equal(approved.Snapshot, after.Snapshot);
        Assert.Equal(ReportStatus.Approved, after.Status);
        var page = await officer.PageAsync($"/bao-cao/van-ban/{id}");
        Assert.Contains("Quy về Tổ dân phố Tổ gộp báo cáo thử", page);
        var row = page[page.IndexOf("Đối chiếu số liệu đã nộp", StringComparison.Ordinal)..];
        row = row[row.IndexOf("Tuyên truyền, vận động: số cuộc", StringComparison.Ordinal)..];
        row = System.Text.RegularExpressions.Regex.Replace(row[..row.IndexOf("</tr>", StringComparison.Ordinal)], @">\s+<", "><");
        Assert.True(row.Contains($"<td class=\"num\">{sent:0}</td><td class=\"num\">{own:0}</td><td class=\"num\">{own + other:0}</td>", StringComparison.Ordinal), row);
    }
}
