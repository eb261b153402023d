using System.Globalization;
using System.Net;
using DoanKet.Data;
using DoanKet.Domain.Supervisions;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Features.Supervisions;

public sealed class SupervisionTests
{
    private static DateOnly Today => TestClock.Today;
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string I(long i) => i.ToString(CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, long>> FactsAsync(TestApp app, string type, int id) =>
        await app.DbAsync(db => db.Facts.Where(f => f.RecordType == type && f.RecordId == id).GroupBy(f => f.Key).ToDictionaryAsync(g => g.Key, g => g.Sum(f => f.Value)));

    private sealed class Officer(HttpClient client, string token)
    {
        public HttpClient Client => client;

        public Task<HttpResponseMessage> PostAsync(string url, Dictionary<string, string> form) => Browser.PostFormAsync(client, url, token, form);

        /// <summary>A form that must be refused: the page again (200) with <paramref name="message"/> beside the field.</summary>
        public async Task RefusedAsync(string url, Dictionary<string, string> form, string message)
        {
            var r = await PostAsync(url, form);
            var body = WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
            Assert.Contains(message, body);
        }

        public static async Task<Officer> SignInAsync(TestApp app)
        {
            var (client, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
            return new Officer(client, await Browser.FormTokenAsync(client));
        }
    }

    private static Dictionary<string, string> Supervision(int unit, string status, long? version = null, params (string Key, string Value)[] more)
    {
        var f = new Dictionary<string, string>
        {
            ["Input.UnitId"] = I(unit), ["Input.Year"] = I(Today.Year), ["Input.Board"] = "Committee", ["Input.Role"] = "Lead", ["Input.Status"] = status,
            ["Input.Title"] = "Giám sát việc chi trả trợ cấp xã hội thử nghiệm", ["Input.Subject"] = "Bộ phận chính sách UBND phường", ["Input.PlannedMonth"] = "1",
        };
        if (version is long v) f["Input.Version"] = I(v);
        foreach (var (k, val) in more) f[k] = val;
        return f;
    }

    [DatabaseTheory]
    public async Task A_planned_supervision_counts_once_started_and_its_recommendations_are_followed_to_resolution_or_supervised_again(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var officer = await Officer.SignInAsync(app);
        var boDe = await app.DbAsync(db => db.Units.Where(u => u.Code == "DEMO-BODE" && u.ValidTo == null).Select(u => u.Id).SingleAsync());
        var before = await app.DbAsync(db => db.Supervisions.CountAsync());

        // Wrong input saves nothing and says what to fix.
        await officer.RefusedAsync("/giam-sat", Supervision(boDe, "Planned", null, ("Input.Title", "")), "Nhập nội dung giám sát.");
        await officer.RefusedAsync("/giam-sat", Supervision(boDe, "Done", null, ("Input.StartedOn", D(Today))), "Ghi kết quả giám sát (ưu điểm, hạn chế phát hiện) trước khi kết thúc.");
        await officer.RefusedAsync("/giam-sat", Supervision(boDe, "Planned", null, ("Input.Role", "Joint")), "Khi tham gia, ghi cơ quan chủ trì cuộc giám sát, ví dụ “Thường trực HĐND phường”.");
        Assert.Equal(before, await app.DbAsync(db => db.Supervisions.CountAsync()));

        // In the plan: listed, not counted.
        var created = await officer.PostAsync("/giam-sat", Supervision(boDe, "Planned"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        Assert.Empty(await FactsAsync(app, "supervision", id));
        Assert.Contains("Giám sát việc chi trả trợ cấp xã hội thử nghiệm", await officer.Client.GetStringAsync($"/giam-sat?nam={Today.Year}"));

        // Started 40 days ago with 3 people supervised: it counts on its start day.
        var start = Today.AddDays(-40);
        var first = await app.DbAsync(db => db.Supervisions.Where(s => s.Id == id).Select(s => s.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/giam-sat/{id}", Supervision(boDe, "Underway", first, ("Input.StartedOn", D(start)), ("Input.PeopleSupervised", "3")))).StatusCode);
        var facts = await FactsAsync(app, "supervision", id);
        Assert.Equal((1, 3), (facts["giam_sat.cuoc"], facts["giam_sat.nguoi"]));
        Assert.Equal(start, await app.DbAsync(db => db.Facts.Where(f => f.RecordType == "supervision" && f.RecordId == id).Select(f => f.Date).FirstAsync()));
        // A stale version is refused.
        await officer.RefusedAsync($"/giam-sat/{id}", Supervision(boDe, "Underway", first, ("Input.StartedOn", D(start))), RecordRules.Conflict);

        // Two recommendations, one due ten days ago and not answered: overdue.
        Dictionary<string, string> Rec(string content, DateOnly? due) => new()
        {
            ["Recommendation.Content"] = content, ["Recommendation.Addressee"] = "UBND phường", ["Recommendation.IssuedOn"] = D(start),
            ["Recommendation.DueDate"] = due is { } d ? D(d) : "",
        };
        await officer.RefusedAsync($"/giam-sat/{id}?handler=Recommendation", Rec("Rà soát lại danh sách", start.AddDays(-1)), "Hạn trả lời không được trước ngày kiến nghị.");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/giam-sat/{id}?handler=Recommendation", Rec("Rà soát lại danh sách đối tượng hưởng trợ cấp", Today.AddDays(-10)))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/giam-sat/{id}?handler=Recommendation", Rec("Niêm yết công khai danh sách tại tổ dân phố", null))).StatusCode);
        Assert.Equal(2, (await FactsAsync(app, "supervision", id))["giam_sat.y_kien"]);
        var recs = await app.DbAsync(db => db.Recommendations.Where(r => r.SupervisionId == id).OrderBy(r => r.Id).ToListAsync());
        Assert.True(recs[0].IsOverdue(Today));
        // Reminded on the home page, and listed with every year's overdue ones (the demo has overdue ones of its own, so
        // the count is checked against the database and the list by this supervision's title).
        var overdueBefore = await app.DbAsync(db => db.Recommendations.CountAsync(r => r.Status == RecommendationStatus.Issued && r.DueDate < Today));
        Assert.Contains($"{overdueBefore} kiến nghị sau giám sát quá hạn trả lời", WebUtility.HtmlDecode(await officer.Client.GetStringAsync("/")));
        Assert.Contains("Giám sát việc chi trả trợ cấp xã hội thử nghiệm", await officer.Client.GetStringAsync("/giam-sat?qua-han=true"));

        // Resolved needs its date; the first is answered but not resolved, the second resolved.
        Dictionary<string, string> Answer(int rec, string status, params (string, string)[] more)
        {
            var f = new Dictionary<string, string> { ["Answer.RecommendationId"] = I(rec), ["Answer.Status"] = status };
            foreach (var (k, v) in more) f[k] = v;
            return f;
        }
        await officer.RefusedAsync($"/giam-sat/{id}?handler=Answer", Answer(recs[1].Id, "Resolved", ("Answer.Response", "Đã niêm yết"), ("Answer.RespondedOn", D(Today))),
            "Nhập ngày kiến nghị được giải quyết.");
        await officer.PostAsync($"/giam-sat/{id}?handler=Answer", Answer(recs[1].Id, "Resolved", ("Answer.Response", "Đã niêm yết"), ("Answer.RespondedOn", D(Today)), ("Answer.ResolvedOn", D(Today))));
        await officer.PostAsync($"/giam-sat/{id}?handler=Answer", Answer(recs[0].Id, "Unresolved", ("Answer.Response", "Chưa rà soát xong"), ("Answer.RespondedOn", D(Today))));
        facts = await FactsAsync(app, "supervision", id);
        Assert.Equal((2, 1), (facts["giam_sat.y_kien"], facts["giam_sat.kien_nghi_giai_quyet"]));

        // Back to "planned" is refused once it has recommendations; ending needs findings.
        var version = await app.DbAsync(db => db.Supervisions.Where(s => s.Id == id).Select(s => s.Version).SingleAsync());
        await officer.RefusedAsync($"/giam-sat/{id}", Supervision(boDe, "Planned", version), "Cuộc giám sát đã có kiến nghị: không đưa về “trong kế hoạch” được.");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/giam-sat/{id}", Supervision(boDe, "Done", version,
            ("Input.StartedOn", D(start)), ("Input.EndedOn", D(start.AddDays(2))), ("Input.Findings", "Chi trả đúng đối tượng; chậm niêm yết danh sách.")))).StatusCode);

        // The unresolved recommendation is supervised again: a planned supervision that links back.
        var again = await officer.PostAsync($"/giam-sat/{id}?handler=FollowUp", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var follow = await app.DbAsync(db => db.Supervisions.SingleAsync(s => s.FollowUpOfId == id));
        Assert.Equal((SupervisionStatus.Planned, boDe), (follow.Status, follow.UnitId));
        Assert.Contains($"/giam-sat/{follow.Id}", await officer.Client.GetStringAsync($"/giam-sat/{id}"));

        // Deleting takes its facts away, restoring brings them back.
        version = await app.DbAsync(db => db.Supervisions.Where(s => s.Id == id).Select(s => s.Version).SingleAsync());
        await officer.PostAsync($"/giam-sat/{id}?handler=Delete", new() { ["Input.Version"] = I(version) });
        Assert.Empty(await FactsAsync(app, "supervision", id));
        version = await app.DbAsync(db => db.Supervisions.IgnoreQueryFilters().Where(s => s.Id == id).Select(s => s.Version).SingleAsync());
        await officer.PostAsync($"/giam-sat/{id}?handler=Restore", new() { ["Input.Version"] = I(version) });
        Assert.Equal(2, (await FactsAsync(app, "supervision", id))["giam_sat.y_kien"]);
    }

    [DatabaseTheory]
    public async Task Criticism_of_a_draft_counts_its_comments_and_a_comment_not_accepted_needs_the_drafting_bodys_explanation(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var officer = await Officer.SignInAsync(app);
        var boDe = await app.DbAsync(db => db.Units.Where(u => u.Code == "DEMO-BODE" && u.ValidTo == null).Select(u => u.Id).SingleAsync());
        Dictionary<string, string> Input(string draft, string? count) => new()
        {
            ["Input.UnitId"] = I(boDe), ["Input.Kind"] = "Feedback", ["Input.Date"] = D(Today.AddDays(-5)), ["Input.Draft"] = draft,
            ["Input.DraftingBody"] = "UBND phường Bồ Đề", ["Input.CommentCount"] = count ?? "",
        };
        await officer.RefusedAsync("/phan-bien", Input("", null), "Nhập tên dự thảo văn bản.");
        await officer.RefusedAsync("/phan-bien", Input("Dự thảo thử", "-1"), "Số lượt ý kiến không được âm.");
        var created = await officer.PostAsync("/phan-bien", Input("Dự thảo Quy chế thử nghiệm", "12"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var facts = await FactsAsync(app, "social_criticism", id);
        Assert.Equal((1, 12), (facts["gop_y_du_thao.cuoc"], facts["gop_y_du_thao.y_kien"]));

        Dictionary<string, string> Comment(int commentId, string response, string? explanation, string? content = null) => new()
        {
            ["Comment.CommentId"] = I(commentId), ["Comment.Content"] = content ?? "", ["Comment.Response"] = response,
            ["Comment.Explanation"] = explanation ?? "", ["Comment.RespondedOn"] = response == "Pending" ? "" : D(Today),
        };
        await officer.RefusedAsync($"/phan-bien/{id}?handler=Comment", Comment(0, "Pending", null, ""), "Nhập nội dung ý kiến.");
        await officer.PostAsync($"/phan-bien/{id}?handler=Comment", Comment(0, "Pending", null, "Bổ sung thời hạn trả lời kiến nghị"));
        await officer.PostAsync($"/phan-bien/{id}?handler=Comment", Comment(0, "Pending", null, "Mời Ban Công tác Mặt trận dự giao ban"));
        var comments = await app.DbAsync(db => db.CriticismComments.Where(c => c.CriticismId == id).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        await officer.RefusedAsync($"/phan-bien/{id}?handler=Comment", Comment(comments[1], "NotAccepted", null),
            "Ghi giải trình của cơ quan soạn thảo về phần ý kiến không được tiếp thu.");
        await officer.PostAsync($"/phan-bien/{id}?handler=Comment", Comment(comments[1], "NotAccepted", "Giao ban là họp nội bộ của UBND"));
        await officer.PostAsync($"/phan-bien/{id}?handler=Comment", Comment(comments[0], "Accepted", null));
        var saved = await app.DbAsync(db => db.CriticismComments.Where(c => c.CriticismId == id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal((CommentResponse.Accepted, CommentResponse.NotAccepted), (saved[0].Response, saved[1].Response));
        Assert.Equal("Bổ sung thời hạn trả lời kiến nghị", saved[0].Content);
        facts = await FactsAsync(app, "social_criticism", id);
        Assert.Equal((12, 1), (facts["gop_y_du_thao.y_kien"], facts["gop_y_du_thao.tiep_thu"]));

        // Without a declared count the comments written out are the count.
        var version = await app.DbAsync(db => db.SocialCriticisms.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        var edit = Input("Dự thảo Quy chế thử nghiệm", null);
        edit["Input.Version"] = I(version);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"/phan-bien/{id}", edit)).StatusCode);
        Assert.Equal(2, (await FactsAsync(app, "social_criticism", id))["gop_y_du_thao.y_kien"]);
        Assert.Contains("Giao ban là họp nội bộ của UBND", await officer.Client.GetStringAsync($"/phan-bien/{id}"));
    }

    [DatabaseTheory]
    public async Task The_boards_supervisions_and_the_retired_activity_kinds_count_apart_and_the_activity_form_no_longer_offers_supervision(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.DbAsync(async db =>
        {
            var boDe = await db.Units.Where(u => u.Code == "DEMO-BODE" && u.ValidTo == null).Select(u => u.Id).SingleAsync();
            var year = await db.Facts.Where(f => f.UnitId == boDe && f.Date.Year == 2026 && f.RecordType == "supervision")
                .GroupBy(f => f.Key).ToDictionaryAsync(g => g.Key, g => g.Sum(f => f.Value));
            // Demo: the Inspection Board supervised 2 matters with 3 recommendations (2 resolved); the investment board 1 work.
            Assert.Equal((2, 3, 2), (year["ttnd.cuoc"], year["ttnd.y_kien"], year["ttnd.kien_nghi_giai_quyet"]));
            Assert.Equal((1, 2), (year["gsdtcd.cuoc"], year["gsdtcd.y_kien"]));
            Assert.Equal((2, 5, 3), (year["giam_sat.cuoc"], year["giam_sat.y_kien"], year["giam_sat.kien_nghi_giai_quyet"]));
            Assert.True(await db.ActivityKinds.Where(k => k.Code == "giam_sat" || k.Code == "phan_bien" || k.Code == "gop_y_du_thao" || k.Code == "giam_sat_phoi_hop").AllAsync(k => k.Retired));
            Assert.False(await db.Activities.AnyAsync(a => a.Kind!.Code == "giam_sat" || a.Kind!.Code == "phan_bien"));
        });
        var (client, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var form = await client.GetStringAsync("/cong-viec/hoat-dong/them");
        Assert.DoesNotContain(">Giám sát</option>", form);
        var plan = await client.GetStringAsync("/giam-sat?nam=2026&ban=InspectionBoard");
        Assert.Contains("Giám sát việc thu, chi quỹ vệ sinh môi trường của tổ dân phố 5", plan);
        Assert.DoesNotContain("Giám sát việc thu gom, vận chuyển rác thải", plan);
    }
}
