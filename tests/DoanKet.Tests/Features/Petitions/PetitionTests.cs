using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DoanKet.Data;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Petitions;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Features.Petitions;

public sealed class PetitionTests
{
    private static DateOnly Today => TestClock.Today;

    /// <summary>Runs <paramref name="work"/> with the app's flow as the officer of Bồ Đề would (audit actor set by the flow's callers).</summary>
    private static async Task<T> FlowAsync<T>(TestApp app, Func<AppDb, PetitionFlow, Unit, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null);
        return await work(db, scope.ServiceProvider.GetRequiredService<PetitionFlow>(), unit);
    }

    private static PetitionInput Input(Unit unit, string content, PetitionKind kind = PetitionKind.Petition, bool anonymous = false, string? name = "Người thử nghiệm") =>
        new(unit.Id, PetitionChannel.InPerson, kind, Competence.Commune, null, Today, content, anonymous, name, "0900 000 111", null);

    private static async Task<Dictionary<string, long>> FactsAsync(AppDb db, int id) =>
        await db.Facts.Where(f => f.RecordType == "petition" && f.RecordId == id).GroupBy(f => f.Key).ToDictionaryAsync(g => g.Key, g => g.Sum(f => f.Value));

    private static async Task<Fail?> StepAsync(AppDb db, PetitionFlow flow, Unit unit, int id, ActionInput a)
    {
        db.ChangeTracker.Clear();
        var p = await db.Petitions.FirstAsync(x => x.Id == id);
        return await flow.ApplyAsync(p, unit, a with { Version = p.Version }, "canbo.bode@doanket.vn");
    }

    [DatabaseTheory]
    public async Task A_petition_goes_from_receipt_to_a_checked_published_answer_with_deadlines_send_back_and_a_citizens_reopening(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (id, code) = await FlowAsync(app, async (db, flow, unit) =>
        {
            var agency = await db.Agencies.FirstAsync(a => a.UnitId == unit.Id);
            var topic = await db.Topics.FirstAsync(t => t.Code == "vsmt");
            var p = await flow.ReceiveAsync(Input(unit, "Đường ngõ 40 bị ngập nước mỗi khi mưa to, đề nghị nạo vét cống"), "canbo.bode@doanket.vn");
            Assert.Equal((PetitionStatus.Received, Today.AddDays(5)), (p.Status, p.DueDate));
            Assert.Equal(1, (await FactsAsync(db, p.Id))["y_kien.nhan"]);

            // Steps out of order are refused, and a step lacking what it needs saves nothing.
            Assert.Equal(409, (await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Forward, null, AgencyId: agency.Id)))!.Status);
            Assert.Contains("TopicId", (await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Classify, null, Kind: PetitionKind.Petition, Competence: Competence.Commune)))!.Errors!.Keys);
            Assert.Null(await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Classify, null, topic.Id, PetitionKind.Petition, Competence.Commune)));
            Assert.Equal(Today.AddDays(15), (await db.Petitions.AsNoTracking().FirstAsync(x => x.Id == p.Id)).DueDate);
            // Classifying again corrects the labels but does not move a deadline already missed.
            await db.Petitions.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueDate, Today.AddDays(-2)));
            Assert.Null(await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Classify, null, topic.Id, PetitionKind.Complaint, Competence.Commune)));
            var again = await db.Petitions.AsNoTracking().SingleAsync(x => x.Id == p.Id);
            Assert.Equal((Today.AddDays(-2), PetitionKind.Complaint), (again.DueDate!.Value, again.Kind));
            Assert.Null(await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Classify, null, topic.Id, PetitionKind.Petition, Competence.Commune)));
            Assert.Null(await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Forward, null, AgencyId: agency.Id)));
            var forwarded = await db.Petitions.AsNoTracking().FirstAsync(x => x.Id == p.Id);
            Assert.Equal((PetitionStatus.Forwarded, Today.AddDays(15), Today), (forwarded.Status, forwarded.DueDate, forwarded.ForwardedOn));

            // The agency is late: the petition is overdue, listed as such.
            await db.Petitions.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueDate, Today.AddDays(-1)));
            Assert.True((await db.Petitions.AsNoTracking().FirstAsync(x => x.Id == p.Id)).IsOverdue(Today));
            Assert.Contains("AnswerDocument", (await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Answer, null, Answer: "Đã nạo vét.")))!.Errors!.Keys);
            Assert.Null(await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Answer, null, Answer: "Đã nạo vét một phần.", AnswerDocument: "Công văn 1/UBND")));
            var facts = await FactsAsync(db, p.Id);
            Assert.Equal((1, 1), (facts["y_kien.chuyen"], facts["y_kien.tra_loi_tre_han"]));

            // The answer does not meet the petition: sent back with a reason, the late answer is no longer counted.
            Assert.Contains("Reason", (await StepAsync(db, flow, unit, p.Id, new(PetitionAction.SendBack, null)))!.Errors!.Keys);
            Assert.Null(await StepAsync(db, flow, unit, p.Id, new(PetitionAction.SendBack, null, Reason: "Chưa trả lời về cống ngõ 40")));
            var back = await db.Petitions.AsNoTracking().FirstAsync(x => x.Id == p.Id);
            Assert.Equal((PetitionStatus.Forwarded, null, Today.AddDays(15)), (back.Status, back.Answer, back.DueDate));
            Assert.False((await FactsAsync(db, p.Id)).ContainsKey("y_kien.tra_loi_tre_han"));

            Assert.Null(await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Answer, null, Answer: "Đã nạo vét toàn bộ cống ngõ 40, không còn ngập.", AnswerDocument: "Công văn 2/UBND")));
            Assert.Contains("PublicSummary", (await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Check, null, PublicSummary: " ")))!.Errors!.Keys);
            Assert.Null(await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Check, null, PublicSummary: "Đường ngõ 40 ngập khi mưa")));
            Assert.Null(await StepAsync(db, flow, unit, p.Id, new(PetitionAction.Publish, null)));
            facts = await FactsAsync(db, p.Id);
            Assert.Equal((1, 1), (facts["y_kien.tra_loi_dung_han"], facts["y_kien.cong_bo"]));
            var published = await db.Petitions.AsNoTracking().FirstAsync(x => x.Id == p.Id);
            Assert.Equal(Today.AddDays(30), published.ReopenUntil);
            // History: every step by whom, the send-back keeps the old answer.
            var history = await db.PetitionEvents.Where(e => e.PetitionId == p.Id && !e.Public).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(9, history.Count);
            Assert.Contains(history, e => e.Note?.Contains("Đã nạo vét một phần.", StringComparison.Ordinal) == true);
            return (p.Id, p.Code);
        });

        // The published answer is found without diacritics; the citizen reads it by code and reopens it.
        var client = Browser.NewClient(app);
        var answers = await (await client.GetAsync("/gop-y/tra-loi?q=ngo%2040%20ngap")).Content.ReadAsStringAsync();
        Assert.Contains("Đã nạo vét toàn bộ cống ngõ 40", answers, StringComparison.Ordinal);
        var tracking = await client.GetAsync("/gop-y/tra-cuu?ma=" + code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        var page = await tracking.Content.ReadAsStringAsync();
        Assert.Contains("Đã công khai trả lời", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Người thử nghiệm", page, StringComparison.Ordinal);
        var token = Browser.AntiforgeryToken(page);
        var tooShort = await Browser.PostFormAsync(client, $"/gop-y/tra-cuu?handler=Reopen&ma={code}", token, [new("Reason", "Không")]);
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("10 đến 2.000 ký tự", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reopen = await Browser.PostFormAsync(client, $"/gop-y/tra-cuu?handler=Reopen&ma={code}", token, [new("Reason", "Cống vẫn tắc ở đoạn cuối ngõ, vẫn ngập")]);
        Assert.True(Browser.IsRedirectTo(reopen, "/gop-y/tra-cuu"));
        await app.DbAsync(async db =>
        {
            var p = await db.Petitions.AsNoTracking().FirstAsync(x => x.Id == id);
            Assert.Equal((PetitionStatus.Classified, 1, (string?)null), (p.Status, p.Reopened, p.PublicFolded));
            Assert.True(await db.PetitionEvents.AnyAsync(e => e.PetitionId == id && e.Public && e.Note!.Contains("Cống vẫn tắc")));
        });
        // No longer a standing answer on the public list.
        Assert.DoesNotContain("Đã nạo vét toàn bộ cống ngõ 40", await (await client.GetAsync("/gop-y/tra-loi?q=ngo%2040")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [DatabaseTheory]
    public async Task Transfer_says_to_whom_and_why_duplicates_merge_keeping_their_sources_and_anonymous_denunciations_are_refused(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await FlowAsync(app, async (db, flow, unit) =>
        {
            Assert.Contains("Anonymous", (await flow.ValidateAsync(Input(unit, "Tố cáo cán bộ nhận tiền của dân", PetitionKind.Denunciation, anonymous: true, name: null), unit)).Keys);
            Assert.Empty(await flow.ValidateAsync(Input(unit, "Tố cáo cán bộ nhận tiền của dân", PetitionKind.Denunciation), unit));

            var a = await flow.ReceiveAsync(Input(unit, "Đèn chiếu sáng đường Nguyễn Văn Cừ bị hỏng nhiều ngày, buổi tối rất tối"), "t");
            var b = await flow.ReceiveAsync(Input(unit, "den chieu sang duong Nguyen Van Cu bi hong nhieu ngay roi"), "t");
            var pair = Assert.Single(PetitionFlow.Similar([a, b, await flow.ReceiveAsync(Input(unit, "Đề nghị hỗ trợ hộ nghèo sửa nhà trước mùa mưa"), "t")]));
            Assert.Equal((a.Id, b.Id), (pair.A.Id, pair.B.Id));
            Assert.Null(await StepAsync(db, flow, unit, b.Id, new(PetitionAction.MarkDuplicate, null, DuplicateOfId: a.Id)));
            // Merging into a duplicate is refused; both keep their own record, petitioner and facts.
            var c = await flow.ReceiveAsync(Input(unit, "Đèn đường hỏng"), "t");
            Assert.Contains("DuplicateOfId", (await StepAsync(db, flow, unit, c.Id, new(PetitionAction.MarkDuplicate, null, DuplicateOfId: b.Id)))!.Errors!.Keys);
            Assert.Equal(a.Id, (await db.Petitions.AsNoTracking().FirstAsync(x => x.Id == b.Id)).DuplicateOfId);
            Assert.Equal(1, (await FactsAsync(db, b.Id))["y_kien.nhan"]);

            Assert.Contains("TransferredTo", (await StepAsync(db, flow, unit, c.Id, new(PetitionAction.Transfer, null, Reason: "Không thuộc thẩm quyền")))!.Errors!.Keys);
            Assert.Contains("Reason", (await StepAsync(db, flow, unit, c.Id, new(PetitionAction.Transfer, null, TransferredTo: "Sở Xây dựng", Reason: "Không thuộc")))!.Errors!.Keys);
            Assert.Null(await StepAsync(db, flow, unit, c.Id, new(PetitionAction.Transfer, null, TransferredTo: "Công ty chiếu sáng đô thị Hà Nội",
                Reason: "Hệ thống đèn đường do công ty quản lý theo phân cấp của thành phố")));
            Assert.Contains("Reason", (await StepAsync(db, flow, unit, a.Id, new(PetitionAction.CloseUnresolved, null)))!.Errors!.Keys);
            return 0;
        });
        var code = await app.DbAsync(db => db.Petitions.Where(p => p.Status == PetitionStatus.Transferred && p.TransferredTo!.StartsWith("Công ty chiếu sáng")).Select(p => p.Code).SingleAsync());
        var page = await (await Browser.NewClient(app).GetAsync("/gop-y/tra-cuu?ma=" + code)).Content.ReadAsStringAsync();
        Assert.Contains("Chuyển đến Công ty chiếu sáng đô thị Hà Nội giải quyết. Lý do: Hệ thống đèn đường do công ty quản lý", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [DatabaseTheory]
    public async Task The_public_form_gives_a_code_catches_bots_and_limits_bursts(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var unitId = await app.DbAsync(db => db.Units.Where(u => u.Code == "DEMO-BODE" && u.ValidTo == null).Select(u => u.Id).SingleAsync());
        var client = Browser.NewClient(app);
        var search = await (await client.GetAsync("/gop-y?tim=bo%20de")).Content.ReadAsStringAsync();
        Assert.Contains($"/gop-y?don-vi={unitId}", search, StringComparison.Ordinal);
        var form = await client.GetAsync($"/gop-y?don-vi={unitId}");
        var token = Browser.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        Task<int> CountAsync() => app.DbAsync(db => db.Petitions.CountAsync(p => p.Channel == PetitionChannel.WebForm));
        var before = await CountAsync();
        KeyValuePair<string, string>[] Fields(string content, string kind = "Petition", string? name = "Lê Thị Thử", string? website = null) =>
        [
            new("don-vi", unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Kind", kind), new("Input.Content", content),
            new("Input.PetitionerName", name ?? ""), new("Input.Anonymous", name is null ? "true" : "false"), new("Input.PetitionerContact", "0912 345 678"),
            new("Input.Website", website ?? ""),
        ];

        // A bot fills the hidden field: it is told "sent", nothing is kept.
        var bot = await Browser.PostFormAsync(client, $"/gop-y?don-vi={unitId}", token, Fields("Mua thuốc giá rẻ tại đây, liên hệ ngay", website: "http://spam.example"));
        Assert.True(Browser.IsRedirectTo(bot, "/gop-y/tra-cuu"));
        Assert.Equal(before, await CountAsync());
        // A denunciation without a name is refused with the reason, nothing saved.
        var anonymous = await Browser.PostFormAsync(client, $"/gop-y?don-vi={unitId}", token, Fields("Tố cáo cán bộ phường nhận tiền của dân", "Denunciation", name: null));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Contains("không tiếp nhận tố cáo giấu tên", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());

        // Attachments go in a multipart form: something that is not a photo or PDF is refused, whatever its name says.
        Task<HttpResponseMessage> PostWithFileAsync(string content, byte[] file, string name)
        {
            var form = new MultipartFormDataContent();
            foreach (var (k, v) in Fields(content)) form.Add(new StringContent(v), k);
            form.Add(new StringContent(token), "__RequestVerificationToken");
            form.Add(new ByteArrayContent(file), "Files", name);
            return client.PostAsync($"/gop-y?don-vi={unitId}", form);
        }
        var fake = await PostWithFileAsync("Xe tải chở vật liệu chạy quá tốc độ qua đường Ngọc Lâm giờ tan học", "MZ not an image"u8.ToArray(), "anh.jpg");
        Assert.Equal(HttpStatusCode.OK, fake.StatusCode);
        Assert.Contains("không phải ảnh (JPEG, PNG, WebP) hoặc PDF", await fake.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        var sent = await PostWithFileAsync("Xe tải chở vật liệu chạy quá tốc độ qua đường Ngọc Lâm giờ tan học", "%PDF-1.4 biên bản"u8.ToArray(), "bien-ban.pdf");
        Assert.True(Browser.IsRedirectTo(sent, "/gop-y/tra-cuu"));
        var code = Regex.Match(sent.Headers.Location!.OriginalString, "ma=(.+)$").Groups[1].Value;
        var saved = await app.DbAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Code == code));
        Assert.Equal((PetitionChannel.WebForm, "Lê Thị Thử", PetitionStatus.Received), (saved.Channel, saved.PetitionerName, saved.Status));
        var file = await app.DbAsync(db => db.PetitionFiles.SingleAsync(f => f.PetitionId == saved.Id));
        Assert.Equal(("bien-ban.pdf", "application/pdf"), (file.FileName, file.ContentType));
        var tracking = await (await client.GetAsync(sent.Headers.Location.OriginalString)).Content.ReadAsStringAsync();
        Assert.Contains(code, tracking, StringComparison.Ordinal);
        Assert.DoesNotContain("Lê Thị Thử", tracking, StringComparison.Ordinal);

        // Five submissions per address in ten minutes (the bot's and the refused ones count too): the sixth is turned away.
        foreach (var n in new[] { "năm" })
            Assert.True(Browser.IsRedirectTo(await Browser.PostFormAsync(client, $"/gop-y?don-vi={unitId}", token, Fields($"Ý kiến thứ {n} trong mười phút của cùng một người")), "/gop-y/tra-cuu"));
        var limited = await Browser.PostFormAsync(client, $"/gop-y?don-vi={unitId}", token, Fields("Ý kiến thứ sáu trong mười phút của cùng một người"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("thử lại sau 10 phút", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 2, await CountAsync());
        // Reading is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/gop-y?don-vi={unitId}")).StatusCode);
    }

    /// <summary>Every public page and Open311 answer about petitions: no petitioner's name or contact, and no denunciation at all.</summary>
    [DatabaseTheory]
    public async Task Public_pages_and_Open311_never_show_who_sent_a_petition(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (people, codes, ids, denunciation) = await app.DbAsync(async db =>
        {
            var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null);
            var d = await app.Services.CreateScope().ServiceProvider.GetRequiredService<PetitionFlow>()
                .ReceiveAsync(Input(unit, "Tố cáo việc thu tiền trái quy định tại chợ", PetitionKind.Denunciation, name: "Đinh Văn Tốcáo"), "t");
            var named = await db.Petitions.Where(p => p.PetitionerName != null).ToListAsync();
            return (named.SelectMany(p => new[] { p.PetitionerName!, p.PetitionerContact }).OfType<string>().Distinct().ToList(),
                await db.Petitions.Select(p => p.Code).ToListAsync(), await db.Petitions.Select(p => p.Id).ToListAsync(), d.Id);
        });
        Assert.True(people.Count >= 10, "the demo should hold named petitioners");
        var client = Browser.NewClient(app);
        var urls = new List<string> { "/gop-y/tra-loi", "/gop-y/tra-loi?q=nguyen", "/gop-y/tra-loi?trang=2", "/open311/v2/services.json", "/open311/v2/requests.json",
            "/open311/v2/requests.json?status=open", "/open311/v2/requests.json?status=closed&page=2", "/gop-y?tim=bo%20de" };
        urls.AddRange(codes.Select(c => "/gop-y/tra-cuu?ma=" + c));
        var scanned = 0;
        foreach (var url in urls)
        {
            var r = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var body = Sides.Readable(await r.Content.ReadAsStringAsync());
            foreach (var who in people) Assert.False(body.Contains(who, StringComparison.Ordinal), $"{url} shows the petitioner {who}");
            scanned += body.Length;
        }
        foreach (var id in ids.Where(i => i != denunciation))
        {
            var body = await (await client.GetAsync($"/open311/v2/requests/{id}.json")).Content.ReadAsStringAsync();
            foreach (var who in people) Assert.False(body.Contains(who, StringComparison.Ordinal), $"request {id} shows the petitioner {who}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/open311/v2/requests/{denunciation}.json")).StatusCode);
        Assert.True(scanned > 50_000, "the scan read too little to mean anything");
    }

    [DatabaseTheory]
    public async Task Open311_lists_services_and_requests_with_both_status_vocabularies(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var client = Browser.NewClient(app);
        var services = JsonDocument.Parse(await client.GetStringAsync("/open311/v2/services.json")).RootElement;
        Assert.Contains(services.EnumerateArray(), s => s.GetProperty("service_code").GetString() == "atgt" && s.GetProperty("keywords").GetString() == "ATGT");
        var open = JsonDocument.Parse(await client.GetStringAsync("/open311/v2/requests.json?status=open")).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(open);
        Assert.All(open, r => Assert.Equal("open", r.GetProperty("status").GetString()));
        Assert.Contains(open, r => r.GetProperty("doanket_status").GetString() == "forwarded");
        var closed = JsonDocument.Parse(await client.GetStringAsync("/open311/v2/requests.json?status=closed&service_code=vsmt")).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(closed);
        Assert.All(closed, r => Assert.Equal("vsmt", r.GetProperty("service_code").GetString()));
        var published = closed.First(r => r.GetProperty("doanket_status").GetString() == "published");
        Assert.False(string.IsNullOrEmpty(published.GetProperty("doanket_answer").GetString()));
        var one = JsonDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{published.GetProperty("service_request_id").GetString()}.json")).RootElement;
        Assert.Equal(published.GetProperty("description").GetString(), one[0].GetProperty("description").GetString());
        // An answer not yet published is not given; a bad filter is refused in Vietnamese.
        Assert.All(open, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("doanket_answer").ValueKind));
        var bad = await client.GetAsync("/open311/v2/requests.json?status=pending");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("open hoặc closed", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [DatabaseTheory]
    public async Task Upper_levels_read_petitions_without_who_sent_them_and_erasing_an_identity_is_logged(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var officer = await app.ClientForAsync("canbo.bode@doanket.vn");
        var reviewer = await app.ClientForAsync("theodoi.hanoi@doanket.vn");
        var page = await officer.GetJsonAsync<JsonElement>("/api/v1/petitions?status=tat-ca&pageSize=200");
        var named = page.GetProperty("items").EnumerateArray().First(p => p.GetProperty("petitionerName").ValueKind == JsonValueKind.String);
        var id = named.GetProperty("id").GetInt32();
        var upper = await reviewer.GetJsonAsync<JsonElement>($"/api/v1/petitions/{id}");
        Assert.Equal(named.GetProperty("content").GetString(), upper.GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, upper.GetProperty("petitionerName").ValueKind);
        Assert.Equal(JsonValueKind.Null, upper.GetProperty("petitionerContact").ValueKind);
        // The petitioner asks for their data: the officer exports every petition of theirs (logged); the upper level may not.
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/api/v1/petitions/{id}/personal-data")).StatusCode);
        var data = await officer.GetJsonAsync<JsonElement>($"/api/v1/petitions/{id}/personal-data");
        Assert.Equal(named.GetProperty("petitionerName").GetString(), data.GetProperty("name").GetString());
        Assert.Contains(data.GetProperty("petitions").EnumerateArray(), x => x.GetProperty("content").GetString() == named.GetProperty("content").GetString());
        // The reviewer may not act; a stale version is refused; the officer erases the identity on request.
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostJsonAsync($"/api/v1/petitions/{id}/erase-identity?version={named.GetProperty("version").GetInt64()}", new { })).StatusCode);
        await (await officer.PostJsonAsync($"/api/v1/petitions/{id}/erase-identity?version={named.GetProperty("version").GetInt64() - 1}", new { })).ProblemAsync(409);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostJsonAsync($"/api/v1/petitions/{id}/erase-identity?version={named.GetProperty("version").GetInt64()}", new { })).StatusCode);
        var name = named.GetProperty("petitionerName").GetString()!;
        await app.DbAsync(async db =>
        {
            var p = await db.Petitions.AsNoTracking().FirstAsync(x => x.Id == id);
            Assert.Equal((true, (string?)null, (string?)null), (p.Anonymous, p.PetitionerName, p.PetitionerContact));
            Assert.True(await db.PetitionEvents.AnyAsync(e => e.PetitionId == id && e.Action.StartsWith("Xóa thông tin cá nhân")));
            Assert.True(await db.PetitionEvents.AnyAsync(e => e.PetitionId == id && e.Action.StartsWith("Xuất dữ liệu cá nhân")));
            // The audit trail records the change without ever holding the identity.
            var audit = await db.AuditEntries.Where(a => a.Entity == "Petition" && a.EntityId == id.ToString()).ToListAsync();
            Assert.NotEmpty(audit);
            Assert.All(audit, a => Assert.DoesNotContain(name, (a.Before ?? "") + a.After, StringComparison.Ordinal));
        });
    }

    [DatabaseTheory]
    public async Task A_voter_contact_round_is_summarised_in_a_Word_report_in_the_Fronts_layout(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var round = await app.DbAsync(db => db.VoterRounds.Where(r => r.Name.Contains("giữa năm 2024")).Select(r => r.Id).SingleAsync());
        var (client, _) = await Browser.SignInAsync(app, "canbo.kientuong@doanket.vn");
        var page = await (await client.GetAsync($"/y-kien/tiep-xuc-cu-tri/{round}")).Content.ReadAsStringAsync();
        Assert.Contains("5 cuộc/300 lượt cử tri, 38 ý kiến", page, StringComparison.Ordinal);
        var r = await client.GetAsync($"/y-kien/tiep-xuc-cu-tri/{round}?handler=Word");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        // Kept beside the test results to be opened and read, like the browser tests' screenshots.
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestResults", $"round-summary-{engine}.docx"), bytes);
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var text = string.Join("\n", body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        foreach (var expected in new[] { "ỦY BAN MTTQ VIỆT NAM", "PHƯỜNG 2", "BAN THƯỜNG TRỰC", "Số:       /BC-MTTQ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "5 cuộc tiếp xúc cử tri/300 lượt cử tri tham dự", "Cử tri đã nêu 38 ý kiến, kiến nghị; sau khi tổng hợp, gộp các ý kiến trùng nhau còn 37 ý kiến", "2 ý kiến trùng đã gộp",
            "Nơi nhận:", "TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH" })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        // Every opinion kept appears once, under its topic group.
        var kept = await app.DbAsync(db => db.Petitions.Where(p => p.VoterMeetingId != null && p.Status != PetitionStatus.Duplicate && db.VoterMeetings.Any(m => m.Id == p.VoterMeetingId && m.RoundId == round)).CountAsync());
        Assert.Equal(37, kept);
        Assert.Equal(37, Regex.Count(text, "thẩm quyền: cấp"));
        // A4, Times New Roman 14, margins 20 / 20 / 30 / 20 mm.
        var section = body.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.SectionProperties>()!;
        Assert.Equal((11906U, 16838U), (section.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.PageSize>()!.Width!.Value, section.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.PageSize>()!.Height!.Value));
        var margin = section.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.PageMargin>()!;
        Assert.Equal((1134, 1134, 1701U, 1134U), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
        var defaults = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal(("Times New Roman", "28"), (defaults.RunFonts!.Ascii!.Value, defaults.FontSize!.Val!.Value));
    }
}
