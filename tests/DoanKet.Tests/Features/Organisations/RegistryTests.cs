using System.Net;
using System.Text.Json;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Organisations;

/// <summary>
/// The organisation registry through its API (issue 3), on the demo data, as the officer of phường Bồ Đề
/// (unit from 1/7/2025) unless said otherwise. Every figure is read back from the API or the database.
/// </summary>
public sealed class RegistryTests
{
    private static readonly DateOnly Start = new(2025, 8, 1);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Ctx(TestApp app, HttpClient api, Unit boDe)
    {
        public TestApp App => app;
        public HttpClient Api => api;
        public Unit BoDe => boDe;

        public async Task<int> NewOrgAsync(OrganisationKind kind, string? name = null, int? unitId = null)
        {
            var r = await api.PostJsonAsync("/api/v1/organisations", new { UnitId = unitId ?? boDe.Id, Kind = kind.ToString(), Name = name });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        }

        public static object Person(string name, Sex sex, int birthYear, string ethnicity = "Kinh", string? religion = null, int? unitId = null) =>
            new { FullName = name, Sex = sex.ToString(), BirthYear = birthYear, Ethnicity = ethnicity, Religion = religion, UnitId = unitId };

        /// <summary>Adds a post for a new person (or an existing one by id); returns (post id, person id).</summary>
        public async Task<(int Post, int Person)> AddPostAsync(int org, object? person, Position position, bool fullTime = false, DateOnly? start = null, int? personId = null)
        {
            var r = await api.PostJsonAsync($"/api/v1/organisations/{org}/posts",
                new { PersonId = personId, Person = person, Position = position.ToString(), FullTime = fullTime, StartDate = D(start ?? Start), Decision = "QĐ 01" });
            Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            var post = await r.ReadAsync<JsonElement>();
            return (post.GetProperty("id").GetInt32(), post.GetProperty("person").GetProperty("id").GetInt32());
        }

        public Task<JsonElement> GetAsync(int org, DateOnly at) => api.GetJsonAsync<JsonElement>($"/api/v1/organisations/{org}?at={D(at)}");

        /// <summary>The composition numbers (members, women, minorities, religious, under 30, full-time) at a date.</summary>
        public async Task<(int, int, int, int, int, int)> CompositionAsync(int org, DateOnly at)
        {
            var c = (await GetAsync(org, at)).GetProperty("composition");
            int N(string p) => c.GetProperty(p).GetInt32();
            return (N("members"), N("women"), N("ethnicMinorities"), N("religious"), N("under30"), N("fullTime"));
        }

        public Task<Dictionary<string, List<string>>> RegistryRowsAsync() => RegistryTests.RegistryRowsAsync(app);
    }

    private static async Task<Ctx> StartAsync(TestApp app, string email = Demo.BoDeOfficer)
    {
        var boDe = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        return new Ctx(app, await app.ClientForAsync(email), boDe);
    }

    private static readonly string[] RegistryTables = ["Organisations", "Terms", "People", "Posts", "Congresses", "CongressTargets", "Cooptions", "MembershipCounts"];

    private static async Task<Dictionary<string, List<string>>> RegistryRowsAsync(TestApp app)
    {
        var all = await app.Database.SnapshotAsync();
        return RegistryTables.ToDictionary(t => t, t => all[t]);
    }

    private static void AssertSame(Dictionary<string, List<string>> before, Dictionary<string, List<string>> after)
    {
        foreach (var t in RegistryTables) Assert.True(before[t].SequenceEqual(after[t]), $"table {t} changed: {before[t].Count} → {after[t].Count} rows");
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage r) => (await r.ProblemAsync(400)).GetProperty("errors");

    private static string Error(JsonElement errors, string field)
    {
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }

    // ------------------------------------------------------------------ composition and concurrent posts

    [DatabaseTheory]
    public async Task Composition_at_a_date_counts_each_person_once(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var c = await StartAsync(app);
        var org = await c.NewOrgAsync(OrganisationKind.ConsultativeGroup, "Tổ tư vấn thử");

        await c.AddPostAsync(org, Ctx.Person("Nguyễn Thị Một", Sex.Female, 1990), Position.Head, fullTime: true);
        await c.AddPostAsync(org, Ctx.Person("Lò Văn Hai", Sex.Male, 2000, "Thái", "Phật giáo"), Position.Member);
        await c.AddPostAsync(org, Ctx.Person("Trần Thị Ba", Sex.Female, 1999, "Kinh", "Không"), Position.Member);
        // One person, two posts in the same group: counted once, full-time through either post.
        var (_, four) = await c.AddPostAsync(org, Ctx.Person("Phạm Văn Bốn", Sex.Male, 1970), Position.DeputyHead);
        await c.AddPostAsync(org, null, Position.Secretary, fullTime: true, personId: four);
        // Leaves on 1/12/2025.
        var (fivePost, _) = await c.AddPostAsync(org, Ctx.Person("Đinh Thị Năm", Sex.Female, 1980, "Mường"), Position.Member);
        var end = await c.Api.PostJsonAsync($"/api/v1/posts/{fivePost}/end", new { EndDate = "2025-12-01", Decision = "QĐ 09" });
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);

        Assert.Equal((0, 0, 0, 0, 0, 0), await c.CompositionAsync(org, new DateOnly(2025, 7, 31)));
        Assert.Equal((5, 3, 2, 1, 2, 2), await c.CompositionAsync(org, new DateOnly(2025, 11, 30)));
        Assert.Equal((4, 2, 1, 1, 2, 2), await c.CompositionAsync(org, new DateOnly(2025, 12, 1)));
        // Rows: one per post (6 posts held on 30/11 by 5 people), the composition one per person.
        var details = await c.GetAsync(org, new DateOnly(2025, 11, 30));
        Assert.Equal(6, details.GetProperty("members").GetArrayLength());
        Assert.Equal(0.6, details.GetProperty("composition").GetProperty("womenShare").GetDouble(), 6);
        // "Không" is no religion; a blank ethnicity would default to Kinh.
        var people = await c.Api.GetJsonAsync<JsonElement>("/api/v1/people?q=tran%20thi%20ba");
        Assert.Equal(JsonValueKind.Null, people[0].GetProperty("religion").ValueKind);
    }

    [DatabaseTheory]
    public async Task One_person_holds_posts_in_two_organisations_at_once(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var c = await StartAsync(app);
        var committee = await c.NewOrgAsync(OrganisationKind.ConsultativeGroup, "Tổ tư vấn kiêm nhiệm");
        var women = await c.NewOrgAsync(OrganisationKind.MassAssociation, "Hội người cao tuổi thử");
        var (p1, person) = await c.AddPostAsync(committee, Ctx.Person("Hoàng Thị Kiêm", Sex.Female, 1975), Position.Member, fullTime: true);
        var (p2, samePerson) = await c.AddPostAsync(women, null, Position.Head, start: new DateOnly(2025, 9, 1), personId: person);
        Assert.Equal(person, samePerson);

        var at = new DateOnly(2025, 10, 1);
        foreach (var (org, post) in new[] { (committee, p1), (women, p2) })
        {
            var members = (await c.GetAsync(org, at)).GetProperty("members").EnumerateArray().ToList();
            var row = Assert.Single(members);
            Assert.Equal((post, person), (row.GetProperty("id").GetInt32(), row.GetProperty("person").GetProperty("id").GetInt32()));
        }
        Assert.Equal(0, (await c.GetAsync(women, new DateOnly(2025, 8, 15))).GetProperty("composition").GetProperty("members").GetInt32());
        // One person in the people list, two posts in the database.
        var people = await c.Api.GetJsonAsync<JsonElement>("/api/v1/people?q=hoang%20thi%20kiem");
        Assert.Equal(1, people.GetArrayLength());
        Assert.Equal(2, await app.DbAsync(db => db.Posts.CountAsync(p => p.PersonId == person && p.EndDate == null)));
    }

    // ------------------------------------------------------------------ co-opting and dismissal

    [DatabaseTheory]
    public async Task Co_opting_14_members_by_100_percent_starts_their_posts_on_the_conference_date(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var c = await StartAsync(app);
        var org = await c.NewOrgAsync(OrganisationKind.ConsultativeGroup, "Tổ tư vấn hiệp thương");
        var (leaverPost, _) = await c.AddPostAsync(org, Ctx.Person("Vũ Văn Rời", Sex.Male, 1960), Position.Member);
        var before = await c.CompositionAsync(org, new DateOnly(2025, 10, 9));
        Assert.Equal(1, before.Item1);

        var add = Enumerable.Range(1, 14).Select(i => new
        {
            Person = Ctx.Person($"Ủy viên hiệp thương {i}", i % 2 == 0 ? Sex.Female : Sex.Male, 1970 + i), Position = "Member", FullTime = false,
        }).ToArray();
        var r = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/cooptions", new
        {
            Date = "2025-10-10", Conference = "Kỳ họp thứ II", Present = 14, For = 14, Against = 0, DecisionNumber = "15/QĐ-MTTQ", Add = add,
            RemovePostIds = new[] { leaverPost },
        });
        var cooption = await r.ReadAsync<JsonElement>();
        Assert.Equal(1.0, cooption.GetProperty("forShare").GetDouble());
        var cooptionId = cooption.GetProperty("id").GetInt32();

        Assert.Equal(1, (await c.CompositionAsync(org, new DateOnly(2025, 10, 9))).Item1);
        var after = await c.GetAsync(org, new DateOnly(2025, 10, 10));
        Assert.Equal(14, after.GetProperty("composition").GetProperty("members").GetInt32());
        Assert.Equal(7, after.GetProperty("composition").GetProperty("women").GetInt32());
        Assert.All(after.GetProperty("members").EnumerateArray(), m =>
        {
            Assert.Equal("2025-10-10", m.GetProperty("startDate").GetString());
            Assert.Equal(cooptionId, m.GetProperty("addedByCooptionId").GetInt32());
            Assert.Equal("15/QĐ-MTTQ", m.GetProperty("decision").GetString());
        });
        var c1 = Assert.Single(after.GetProperty("cooptions").EnumerateArray());
        Assert.Equal((14, 14, 0), (c1.GetProperty("present").GetInt32(), c1.GetProperty("for").GetInt32(), c1.GetProperty("against").GetInt32()));

        // The removal ended the post on the conference date and stays in the history.
        var leaver = await app.DbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == leaverPost));
        Assert.Equal((new DateOnly(2025, 10, 10), cooptionId), (leaver.EndDate!.Value, leaver.EndedByCooptionId!.Value));
    }

    [DatabaseTheory]
    public async Task A_vote_without_a_majority_is_refused_in_Vietnamese_and_saves_nothing(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var c = await StartAsync(app);
        var org = await c.NewOrgAsync(OrganisationKind.ConsultativeGroup, "Tổ tư vấn biểu quyết");
        var (post, _) = await c.AddPostAsync(org, Ctx.Person("Vũ Văn Ở", Sex.Male, 1960), Position.Member);
        var before = await c.RegistryRowsAsync();

        // Half is not a majority.
        var r = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/cooptions", new
        {
            Date = "2025-10-10", Conference = "Kỳ họp thứ III", Present = 10, For = 5, Against = 5,
            Add = new[] { new { Person = Ctx.Person("Người chưa trúng", Sex.Female, 1980), Position = "Member" } }, RemovePostIds = new[] { post },
        });
        Assert.Contains("Chưa đủ quá nửa đại biểu có mặt tán thành (5/10)", Error(await ErrorsAsync(r), "For"), StringComparison.Ordinal);
        AssertSame(before, await c.RegistryRowsAsync());

        // More votes than people present; no one to add or remove.
        var bad = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/cooptions", new { Date = (string?)null, Conference = "", Present = 3, For = 3, Against = 1 });
        var errors = await ErrorsAsync(bad);
        Assert.Contains("Nhập ngày hội nghị", Error(errors, "Date"), StringComparison.Ordinal);
        Assert.Contains("Nhập tên hội nghị", Error(errors, "Conference"), StringComparison.Ordinal);
        Assert.Contains("không quá số có mặt", Error(errors, "For"), StringComparison.Ordinal);
        Assert.Contains("ít nhất một người", Error(errors, "Add"), StringComparison.Ordinal);
        AssertSame(before, await c.RegistryRowsAsync());

        // A post of another organisation, and a post that starts on the conference date, cannot be removed.
        var other = await c.NewOrgAsync(OrganisationKind.MassAssociation, "Hội khác");
        var (otherPost, _) = await c.AddPostAsync(other, Ctx.Person("Người hội khác", Sex.Male, 1970), Position.Member);
        before = await c.RegistryRowsAsync();
        var foreign = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/cooptions", new
        {
            Date = "2025-10-10", Conference = "Kỳ họp thứ III", Present = 10, For = 10, Against = 0, RemovePostIds = new[] { otherPost },
        });
        Assert.Contains("không thuộc tổ chức này", Error(await ErrorsAsync(foreign), "RemovePostIds"), StringComparison.Ordinal);
        var early = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/cooptions", new
        {
            Date = "2025-08-01", Conference = "Kỳ họp thứ I", Present = 10, For = 10, Against = 0, RemovePostIds = new[] { post },
        });
        Assert.Contains("đang giữ chức danh", Error(await ErrorsAsync(early), "RemovePostIds"), StringComparison.Ordinal);
        AssertSame(before, await c.RegistryRowsAsync());
    }

    [DatabaseTheory]
    public async Task Validation_errors_are_Vietnamese_field_errors_and_save_nothing(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var c = await StartAsync(app);
        var org = await c.NewOrgAsync(OrganisationKind.ConsultativeGroup, "Tổ tư vấn kiểm tra");
        var before = await c.RegistryRowsAsync();

        var post = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/posts", new
        {
            Person = new { FullName = "  ", BirthYear = 1800, Phone = "gọi tôi" }, Position = "Member", StartDate = "2020-01-01",
        });
        var e = await ErrorsAsync(post);
        Assert.Contains("Nhập họ tên", Error(e, "Person.FullName"), StringComparison.Ordinal);
        Assert.Contains("Chọn giới tính", Error(e, "Person.Sex"), StringComparison.Ordinal);
        Assert.Contains("Năm sinh từ 1900", Error(e, "Person.BirthYear"), StringComparison.Ordinal);
        Assert.Contains("Số điện thoại", Error(e, "Person.Phone"), StringComparison.Ordinal);
        Assert.Contains("Ngày bắt đầu phải trong thời gian đơn vị còn hiệu lực", Error(e, "StartDate"), StringComparison.Ordinal);

        var org2 = await c.Api.PostJsonAsync("/api/v1/organisations", new { UnitId = c.BoDe.Id, Kind = "ResidentialBoard" });
        Assert.Contains("Ban công tác Mặt trận chỉ có ở thôn, tổ dân phố", Error(await ErrorsAsync(org2), "Kind"), StringComparison.Ordinal);
        var committee = await c.Api.PostJsonAsync("/api/v1/organisations", new { UnitId = c.BoDe.Id, Kind = "FrontCommittee" });
        Assert.Contains("đã có Ủy ban MTTQ", Error(await ErrorsAsync(committee), "Kind"), StringComparison.Ordinal);
        var standing = await c.Api.PostJsonAsync("/api/v1/organisations", new { UnitId = c.BoDe.Id, Kind = "StandingBoard" });
        Assert.Contains("chọn Ủy ban", Error(await ErrorsAsync(standing), "ParentId"), StringComparison.Ordinal);

        var term = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/terms", new { Number = 0, StartDate = "2025-08-01", PlannedEnd = "2025-01-01" });
        var te = await ErrorsAsync(term);
        Assert.Contains("Số khóa từ 1 đến 100", Error(te, "Number"), StringComparison.Ordinal);
        Assert.Contains("phải sau ngày bắt đầu", Error(te, "PlannedEnd"), StringComparison.Ordinal);

        var membership = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/membership", new { Date = "2025-12-31", Members = 10 });
        Assert.Equal(400, (int)membership.StatusCode);
        Assert.Contains("đoàn viên, hội viên", await membership.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertSame(before, await c.RegistryRowsAsync());

        // A person edited from a stale version gets 409; the current version saves.
        var (_, person) = await c.AddPostAsync(org, Ctx.Person("Người sửa tên", Sex.Male, 1970), Position.Member);
        var version = await app.DbAsync(db => db.People.Where(p => p.Id == person).Select(p => p.Version).SingleAsync());
        var put = await c.Api.PutJsonAsync($"/api/v1/people/{person}?version={version}", Ctx.Person("Người đã sửa tên", Sex.Male, 1971));
        Assert.Equal("Người đã sửa tên", (await put.ReadAsync<JsonElement>()).GetProperty("fullName").GetString());
        var stale = await c.Api.PutJsonAsync($"/api/v1/people/{person}?version={version}", Ctx.Person("Người sửa đè", Sex.Male, 1971));
        await stale.ProblemAsync(409);
        Assert.Equal("Người đã sửa tên", await app.DbAsync(db => db.People.Where(p => p.Id == person).Select(p => p.FullName).SingleAsync()));
    }

    // ------------------------------------------------------------------ terms and congresses

    [DatabaseTheory]
    public async Task A_term_cut_short_and_renumbered_keeps_its_congress_and_targets(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var c = await StartAsync(app);
        var org = await c.NewOrgAsync(OrganisationKind.MassAssociation, "Hội Khuyến học thử");
        var term = await (await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/terms", new { Number = 1, StartDate = "2025-07-01", PlannedEnd = "2030-07-01" })).ReadAsync<JsonElement>();
        var termId = term.GetProperty("id").GetInt32();
        Assert.Equal("khóa I, nhiệm kỳ 2025–2030", term.GetProperty("label").GetString());

        var congress = await (await c.Api.PostJsonAsync($"/api/v1/terms/{termId}/congresses", new
        {
            Date = "2025-08-20", DelegatesInvited = 120, DelegatesPresent = 115, ResolutionNumber = "01/NQ-ĐH",
            Targets = new[]
            {
                new { Label = "Tỷ lệ hộ gia đình được công nhận gia đình văn hóa", Indicator = (string?)"gd-van-hoa", TargetValue = 92.5, UnitOfMeasure = "%" },
                new { Label = "Mô hình tự quản mới", Indicator = (string?)null, TargetValue = 3.0, UnitOfMeasure = "mô hình" },
            },
        })).ReadAsync<JsonElement>();
        Assert.Equal(new[] { 1, 2 }, congress.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("number").GetInt32()).Order().ToArray());

        var badCongress = await c.Api.PostJsonAsync($"/api/v1/terms/{termId}/congresses", new
        {
            Date = "2025-08-21", DelegatesInvited = 10, DelegatesPresent = 20, Targets = new[] { new { Label = "", TargetValue = -1.0, UnitOfMeasure = "" } },
        });
        var be = await ErrorsAsync(badCongress);
        Assert.Contains("không nhỏ hơn số có mặt", Error(be, "DelegatesInvited"), StringComparison.Ordinal);
        Assert.Contains("Nhập nội dung chỉ tiêu", Error(be, "Targets[0].Label"), StringComparison.Ordinal);
        Assert.Contains("không âm", Error(be, "Targets[0].TargetValue"), StringComparison.Ordinal);
        Assert.Contains("đơn vị tính", Error(be, "Targets[0].UnitOfMeasure"), StringComparison.Ordinal);

        // An overlapping term is refused while the first runs; cut it short and renumber it, then the next starts.
        var overlap = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/terms", new { Number = 2, StartDate = "2026-03-01", PlannedEnd = "2031-03-01" });
        Assert.Contains("trùng thời gian", Error(await ErrorsAsync(overlap), "StartDate"), StringComparison.Ordinal);
        // A term that starts before the first one and runs into it overlaps too.
        var runsInto = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/terms", new { Number = 2, StartDate = "2025-06-01", PlannedEnd = "2026-01-01" });
        Assert.Contains("trùng thời gian", Error(await ErrorsAsync(runsInto), "StartDate"), StringComparison.Ordinal);
        var badEnd = await c.Api.PostJsonAsync($"/api/v1/terms/{termId}/end", new { EndedOn = "2025-06-01" });
        Assert.Contains("phải sau ngày bắt đầu", Error(await ErrorsAsync(badEnd), "EndedOn"), StringComparison.Ordinal);
        var ended = await (await c.Api.PostJsonAsync($"/api/v1/terms/{termId}/end", new { EndedOn = "2026-03-01", Renumber = 3 })).ReadAsync<JsonElement>();
        Assert.Equal(("2026-03-01", "khóa III, nhiệm kỳ 2025–2030"), (ended.GetProperty("endedOn").GetString(), ended.GetProperty("label").GetString()));
        var next = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/terms", new { Number = 4, StartDate = "2026-03-01", PlannedEnd = "2031-03-01" });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);

        var terms = (await c.GetAsync(org, new DateOnly(2026, 4, 1))).GetProperty("terms").EnumerateArray().ToList();
        Assert.Equal(2, terms.Count);
        Assert.Equal((3, "2026-03-01", "2030-07-01"), (terms[0].GetProperty("number").GetInt32(), terms[0].GetProperty("endedOn").GetString(), terms[0].GetProperty("plannedEnd").GetString()));
        var kept = Assert.Single(terms[0].GetProperty("congresses").EnumerateArray());
        Assert.Equal(("2025-08-20", 115, "01/NQ-ĐH"), (kept.GetProperty("date").GetString(), kept.GetProperty("delegatesPresent").GetInt32(), kept.GetProperty("resolutionNumber").GetString()));
        var targets = kept.GetProperty("targets").EnumerateArray().OrderBy(t => t.GetProperty("number").GetInt32()).ToList();
        Assert.Equal((92.5, "%", "gd-van-hoa"), (targets[0].GetProperty("targetValue").GetDouble(), targets[0].GetProperty("unitOfMeasure").GetString(), targets[0].GetProperty("indicator").GetString()));
        Assert.Equal((3.0, "mô hình"), (targets[1].GetProperty("targetValue").GetDouble(), targets[1].GetProperty("unitOfMeasure").GetString()));
        Assert.Equal((4, JsonValueKind.Null), (terms[1].GetProperty("number").GetInt32(), terms[1].GetProperty("endedOn").ValueKind));
    }

    // ------------------------------------------------------------------ membership roll-up

    [DatabaseTheory]
    public async Task Membership_rolls_up_through_the_tree_with_the_latest_count_on_or_before_the_date(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var c = await StartAsync(app);
        var admin = await app.ClientForAsync(Demo.HanoiAdmin);
        var hanoi = (await app.UserAsync(Demo.HanoiAdmin)).UnitId;
        var groups = await app.DbAsync(db => db.Units.AsNoTracking().Where(u => u.ParentId == c.BoDe.Id && u.ValidTo == null).OrderBy(u => u.Id).Take(2).ToListAsync());

        async Task<Dictionary<string, long>> At(HttpClient client, int unit, string date) =>
            await client.GetJsonAsync<Dictionary<string, long>>($"/api/v1/units/{unit}/membership?at={date}");
        long Get(Dictionary<string, long> d, string kind) => d.TryGetValue(kind, out var v) ? v : 0;
        var dates = new[] { "2025-09-30", "2025-10-31", "2025-12-31", "2026-06-30" };
        var baseBoDe = new Dictionary<string, Dictionary<string, long>>();
        var baseHanoi = new Dictionary<string, Dictionary<string, long>>();
        foreach (var d in dates) { baseBoDe[d] = await At(c.Api, c.BoDe.Id, d); baseHanoi[d] = await At(admin, hanoi, d); }

        var youth = await c.NewOrgAsync(OrganisationKind.YouthUnion, "Đoàn thanh niên phường thử");
        var youthG1 = await c.NewOrgAsync(OrganisationKind.YouthUnion, "Chi đoàn tổ 1 thử", groups[0].Id);
        var youthG2 = await c.NewOrgAsync(OrganisationKind.YouthUnion, "Chi đoàn tổ 2 thử", groups[1].Id);
        var farmers = await c.NewOrgAsync(OrganisationKind.FarmersUnion, "Chi hội nông dân thử", groups[0].Id);
        async Task Count(int org, string date, int members)
        {
            var r = await c.Api.PostJsonAsync($"/api/v1/organisations/{org}/membership", new { Date = date, Members = members });
            Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        }
        await Count(youth, "2025-10-01", 100);
        await Count(youth, "2025-12-01", 130);
        await Count(youth, "2025-12-01", 140); // the same date again replaces the count
        await Count(youthG1, "2025-10-15", 20);
        await Count(youthG2, "2025-11-15", 7);
        await Count(youthG2, "2026-01-15", 9);
        await Count(farmers, "2025-09-01", 50);
        Assert.Equal(1, await app.DbAsync(db => db.MembershipCounts.CountAsync(m => m.OrganisationId == youth && m.Date == new DateOnly(2025, 12, 1))));

        // Expected youth, farmers added at each date (latest count on or before the date of each organisation).
        var expected = new Dictionary<string, (long Youth, long Farmers)>
        {
            ["2025-09-30"] = (0, 50),
            ["2025-10-31"] = (100 + 20, 50),
            ["2025-12-31"] = (140 + 20 + 7, 50),
            ["2026-06-30"] = (140 + 20 + 9, 50),
        };
        foreach (var d in dates)
        {
            foreach (var (client, unit, baseline) in new[] { (c.Api, c.BoDe.Id, baseBoDe[d]), (admin, hanoi, baseHanoi[d]) })
            {
                var now = await At(client, unit, d);
                Assert.Equal(Get(baseline, "YouthUnion") + expected[d].Youth, Get(now, "YouthUnion"));
                Assert.Equal(Get(baseline, "FarmersUnion") + expected[d].Farmers, Get(now, "FarmersUnion"));
                Assert.Equal(Get(baseline, "WomenUnion"), Get(now, "WomenUnion"));
            }
        }
        // A group counts only itself.
        var g2 = await At(c.Api, groups[1].Id, "2026-06-30");
        Assert.Equal((9L, 0L), (Get(g2, "YouthUnion"), Get(g2, "FarmersUnion")));
        // Demo: Bồ Đề's women's union counted 1250 on 31/12/2025, and nothing before.
        Assert.Equal(1250, Get(await At(c.Api, c.BoDe.Id, "2025-12-31"), "WomenUnion"));
        Assert.Equal(0, Get(await At(c.Api, c.BoDe.Id, "2025-12-30"), "WomenUnion"));
    }

    /// <summary>
    /// Hà Nội on 31/12/2025 must count the women of Bồ Đề (1250) but not those of Ngọc Lâm (980 on 31/12/2024): Ngọc Lâm
    /// ended on 1/7/2025 and was merged into Bồ Đề, and its last count must not be added to its successor's.
    /// </summary>
    [DatabaseTheory]
    public async Task Membership_roll_up_does_not_count_ended_units_on_top_of_their_successors(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var admin = await app.ClientForAsync(Demo.HanoiAdmin);
        var hanoi = (await app.UserAsync(Demo.HanoiAdmin)).UnitId;
        var expected = await app.DbAsync(async db =>
        {
            // Brute force: the latest count on or before the date of every organisation whose unit lies under Hà Nội and is valid on the date.
            var date = new DateOnly(2025, 12, 31);
            var root = await db.Units.AsNoTracking().SingleAsync(u => u.Id == hanoi);
            var units = (await db.Units.AsNoTracking().ToListAsync()).Where(u => u.Path.StartsWith(root.Path, StringComparison.Ordinal) && u.IsValidOn(date)).Select(u => u.Id).ToHashSet();
            var orgs = (await db.Organisations.AsNoTracking().ToListAsync()).Where(o => units.Contains(o.UnitId) && o.Kind == OrganisationKind.WomenUnion).Select(o => o.Id).ToHashSet();
            return (await db.MembershipCounts.AsNoTracking().ToListAsync()).Where(m => orgs.Contains(m.OrganisationId) && m.Date <= date)
                .GroupBy(m => m.OrganisationId).Sum(g => (long)g.OrderByDescending(m => m.Date).First().Members);
        });
        Assert.Equal(1250, expected);
        var now = await admin.GetJsonAsync<Dictionary<string, long>>($"/api/v1/units/{hanoi}/membership?at=2025-12-31");
        Assert.Equal(expected, now["WomenUnion"]);
        var before = await admin.GetJsonAsync<Dictionary<string, long>>($"/api/v1/units/{hanoi}/membership?at=2025-01-01");
        Assert.Equal(980, before["WomenUnion"]);
    }

    // ------------------------------------------------------------------ Ban TTND warnings

    [DatabaseTheory]
    public async Task Inspection_board_warns_below_5_members_and_for_a_group_without_a_member(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var c = await StartAsync(app);
        var groups = await app.DbAsync(db => db.Units.AsNoTracking()
            .Where(u => u.ParentId == c.BoDe.Id && u.Level == UnitLevel.ResidentialGroup && u.ValidTo == null).OrderBy(u => u.Id).ToListAsync());
        Assert.True(groups.Count >= 2, "demo data: Bồ Đề should have residential groups");
        var board = await c.NewOrgAsync(OrganisationKind.InspectionBoard);
        var at = new DateOnly(2025, 9, 1);

        var empty = (await c.GetAsync(board, at)).GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(empty, w => w.Contains("cần ít nhất 5 thành viên (hiện có 0)", StringComparison.Ordinal));

        // Three members, all living in the first group; one of them holds two posts.
        var (_, head) = await c.AddPostAsync(board, Ctx.Person("Trưởng ban TTND", Sex.Male, 1965, unitId: groups[0].Id), Position.Head);
        await c.AddPostAsync(board, null, Position.Member, personId: head);
        await c.AddPostAsync(board, Ctx.Person("Thành viên TTND 2", Sex.Female, 1970, unitId: groups[0].Id), Position.Member);
        await c.AddPostAsync(board, Ctx.Person("Thành viên TTND 3", Sex.Female, 1971, unitId: groups[0].Id), Position.Member);
        var warnings = (await c.GetAsync(board, at)).GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("cần ít nhất 5 thành viên (hiện có 3)", StringComparison.Ordinal));
        var missing = Assert.Single(warnings, w => w.StartsWith("Chưa có thành viên ở:", StringComparison.Ordinal));
        Assert.DoesNotContain(groups[0].FullName + ",", missing, StringComparison.Ordinal);
        Assert.All(groups.Skip(1), g => Assert.Contains(g.FullName, missing, StringComparison.Ordinal));

        // One member from each other group: 3 + (groups - 1) ≥ 5 people and every group covered.
        for (var i = 1; i < groups.Count; i++)
            await c.AddPostAsync(board, Ctx.Person($"Thành viên TTND tổ {groups[i].Name}", Sex.Male, 1975, unitId: groups[i].Id), Position.Member);
        var now = await c.GetAsync(board, at);
        if (2 + groups.Count >= 5) Assert.Empty(now.GetProperty("warnings").EnumerateArray());
        Assert.Equal(2 + groups.Count, now.GetProperty("composition").GetProperty("members").GetInt32());

        // Other kinds of organisation carry no such warnings.
        var other = await c.NewOrgAsync(OrganisationKind.ConsultativeGroup, "Tổ tư vấn không cảnh báo");
        Assert.Empty((await c.GetAsync(other, at)).GetProperty("warnings").EnumerateArray());
    }

    // ------------------------------------------------------------------ through unit changes

    [DatabaseTheory]
    public async Task A_boards_history_stays_readable_on_the_old_unit_after_its_group_is_merged(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var c = await StartAsync(app);
        var admin = await app.ClientForAsync(Demo.HanoiAdmin);
        var groups = await app.DbAsync(db => db.Units.AsNoTracking()
            .Where(u => u.ParentId == c.BoDe.Id && u.Level == UnitLevel.ResidentialGroup && u.ValidTo == null && u.Code != "DEMO-NL-TDP11").OrderBy(u => u.Id).Take(2).ToListAsync());
        var board = await c.NewOrgAsync(OrganisationKind.ResidentialBoard, null, groups[0].Id);
        var term = await (await c.Api.PostJsonAsync($"/api/v1/organisations/{board}/terms", new { StartDate = "2025-08-01", PlannedEnd = "2027-08-01" })).ReadAsync<JsonElement>();
        var (headPost, _) = await c.AddPostAsync(board, Ctx.Person("Trưởng ban tổ cũ", Sex.Male, 1960, unitId: groups[0].Id), Position.Head);
        await c.AddPostAsync(board, Ctx.Person("Phó ban tổ cũ", Sex.Female, 1982, unitId: groups[0].Id), Position.DeputyHead);

        // 2025-style merge of the two groups on 1/12/2026 (after their demo records).
        var merge = await admin.PostJsonAsync("/api/v1/unit-changes", new
        {
            Kind = "Merge", EffectiveDate = "2026-12-01", LegalBasis = "Nghị quyết sáp nhập tổ dân phố (thử)", SourceIds = new[] { groups[0].Id, groups[1].Id },
            Targets = new[] { new { Name = "Tổ gộp thử", Kind = "ResidentialGroup", ParentId = c.BoDe.Id, Weight = 1.0 } },
        });
        var merged = (await merge.ReadAsync<JsonElement>()).GetProperty("created")[0].GetProperty("id").GetInt32();
        Assert.Equal(new DateOnly(2026, 12, 1), (await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == groups[0].Id))).ValidTo);

        // The old group's board, term and posts are read through the old unit id, by the ward and by the city.
        foreach (var client in new[] { c.Api, admin })
        {
            var list = await client.GetJsonAsync<JsonElement>($"/api/v1/units/{groups[0].Id}/organisations");
            Assert.Contains(list.EnumerateArray(), o => o.GetProperty("id").GetInt32() == board);
            var old = await client.GetJsonAsync<JsonElement>($"/api/v1/organisations/{board}?at=2026-02-01");
            Assert.Equal(groups[0].Id, old.GetProperty("organisation").GetProperty("unitId").GetInt32());
            Assert.Equal(2, old.GetProperty("composition").GetProperty("members").GetInt32());
            Assert.Contains(old.GetProperty("members").EnumerateArray(), m => m.GetProperty("id").GetInt32() == headPost);
            Assert.Equal(term.GetProperty("id").GetInt32(), Assert.Single(old.GetProperty("terms").EnumerateArray()).GetProperty("id").GetInt32());
        }
        // The merged group starts with no board of its own; the old one is not moved.
        Assert.Empty(await c.Api.GetJsonAsync<List<JsonElement>>($"/api/v1/units/{merged}/organisations"));

        // The old unit has ended: its history is read-only (409), as on its page; no new organisation on it either.
        var before = await c.RegistryRowsAsync();
        var late = await c.Api.PostJsonAsync("/api/v1/organisations", new { UnitId = groups[0].Id, Kind = "ResidentialBoard" });
        Assert.Contains("Đơn vị đã kết thúc", Error(await ErrorsAsync(late), "UnitId"), StringComparison.Ordinal);
        var termId = term.GetProperty("id").GetInt32();
        foreach (var (url, body) in new (string, object)[]
        {
            ($"/api/v1/organisations/{board}/posts", new { Person = Ctx.Person("Người đến sớm", Sex.Male, 1990), Position = "Member", StartDate = "2025-09-01" }),
            ($"/api/v1/organisations/{board}/cooptions", new { Date = "2025-09-01", Conference = "Họp tổ", Present = 5, For = 5, Against = 0, RemovePostIds = new[] { headPost } }),
            ($"/api/v1/organisations/{board}/terms", new { StartDate = "2027-08-01", PlannedEnd = "2029-08-01" }),
            ($"/api/v1/posts/{headPost}/end", new { EndDate = "2025-12-01" }),
            ($"/api/v1/terms/{termId}/end", new { EndedOn = "2026-03-01" }),
            ($"/api/v1/terms/{termId}/congresses", new { Date = "2025-09-01", DelegatesPresent = 30 }),
        })
            Assert.Contains("đã kết thúc", (await (await c.Api.PostJsonAsync(url, body)).ProblemAsync(409)).GetProperty("title").GetString(), StringComparison.Ordinal);
        AssertSame(before, await c.RegistryRowsAsync());
    }

    /// <summary>Phường 2 (Long An) ended in the 2025 merger into phường Kiến Tường (Tây Ninh): its committee's term and members are
    /// read through the old unit id by Kiến Tường's officer (another tree, reached through the successor links) — and by nobody in Hà Nội.</summary>
    [DatabaseTheory]
    public async Task A_committee_of_a_merged_ward_is_read_by_its_successor_through_the_old_unit_id(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (p2, committee) = await app.DbAsync(async db =>
        {
            var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-KT-P2" && u.ValidTo == Demo.Reorganised);
            return (unit, await db.Organisations.AsNoTracking().SingleAsync(o => o.UnitId == unit.Id && o.Kind == OrganisationKind.FrontCommittee));
        });
        var kt = await app.ClientForAsync(Demo.KienTuongOfficer);
        var list = await kt.GetJsonAsync<JsonElement>($"/api/v1/units/{p2.Id}/organisations");
        Assert.Contains(list.EnumerateArray(), o => o.GetProperty("id").GetInt32() == committee.Id);
        var details = await kt.GetJsonAsync<JsonElement>($"/api/v1/organisations/{committee.Id}?at=2025-01-01");
        var term = Assert.Single(details.GetProperty("terms").EnumerateArray());
        Assert.Equal("2025-07-01", term.GetProperty("endedOn").GetString());
        var hanoi = await app.ClientForAsync(Demo.HanoiAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await hanoi.GetAsync($"/api/v1/organisations/{committee.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hanoi.GetAsync($"/api/v1/units/{p2.Id}/organisations")).StatusCode);
    }
}
