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

namespace DoanKet.Tests.Records;

/// <summary>
/// Work records through the API as the officer of phường Bồ Đề: every write moves the figures the
/// indicator engine computes (read back with Figures.ComputeAsync), and every refused write saves nothing.
/// </summary>
public sealed class RecordsApiTests
{
    internal static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day in the past of the current month when possible (records may not be dated in the future).</summary>
    internal static DateOnly Recent() => TestClock.Today.Day > 1 ? TestClock.Today.AddDays(-1) : TestClock.Today;

    internal static async Task<Dictionary<string, double>> FiguresAsync(TestApp app, int unitId, Period period, params string[] codes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var figures = scope.ServiceProvider.GetRequiredService<Figures>();
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId);
        var all = await figures.ComputeAsync(unit, period, FigureMode.Then);
        return all.Where(f => codes.Contains(f.Indicator.Code)).ToDictionary(f => f.Indicator.Code, f => f.Value);
    }

    internal static async Task<string> ErrorsAsync(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)r.StatusCode}: {body}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Dữ liệu chưa hợp lệ.", json.GetProperty("title").GetString());
        var errors = JsonSerializer.Deserialize<Dictionary<string, string[]>>(json.GetProperty("errors").GetRawText())!;
        return string.Join("\n", errors.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"));
    }

    /// <summary>Bồ Đề and two of its current groups with no Unity Day recorded for the year (the demo data records some).</summary>
    internal static Task<(Unit BoDe, List<Unit> Groups)> FreeGroupsAsync(TestApp app, int year) => app.DbAsync(async db =>
    {
        var b = await Demo.CurrentAsync(db, "DEMO-BODE");
        var groups = await db.Units.AsNoTracking().Where(u => u.ParentId == b.Id && u.ValidTo == null && !db.UnityDays.Any(d => d.UnitId == u.Id && d.Year == year))
            .OrderBy(u => u.Id).Take(2).ToListAsync();
        Assert.True(groups.Count == 2, "demo data: Bồ Đề should have two groups without a Unity Day this year");
        return (b, groups);
    });

    private static Task<int> CountAsync<T>(TestApp app) where T : class =>
        app.DbAsync(db => db.Set<T>().IgnoreQueryFilters().CountAsync());

    [DatabaseTheory]
    public async Task Activity_create_edit_delete_restore_move_the_figures_and_bad_input_saves_nothing(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var api = await app.ClientForAsync(Demo.BoDeOfficer);
        var (boDe, kind, committee, foreignOrg) = await app.DbAsync(async db =>
        {
            var b = await Demo.CurrentAsync(db, "DEMO-BODE");
            var k = await db.ActivityKinds.SingleAsync(k => k.Code == "tuyen_truyen");
            var c = await db.Organisations.FirstAsync(o => o.UnitId == b.Id);
            var batTrang = await Demo.CurrentAsync(db, "DEMO-BATTRANG");
            var f = await db.Organisations.FirstAsync(o => o.UnitId == batTrang.Id);
            return (b, k, c.Id, f.Id);
        });
        var day = Recent();
        var month = Period.Month(day.Year, day.Month);
        string[] codes = ["tuyen_truyen.cuoc", "tuyen_truyen.luot_nguoi"];
        var before = await FiguresAsync(app, boDe.Id, month, codes);

        var created = await api.PostJsonAsync("/api/v1/activities", new
        {
            UnitId = boDe.Id, KindId = kind.Id, Date = D(day), Title = "Tuyên truyền phòng cháy chữa cháy", Sessions = 2, Attendances = 45,
            LeadOrganisationId = committee, Participants = "Ban công tác Mặt trận, đoàn viên thanh niên",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var a = await created.ReadAsync<ActivityDto>();
        Assert.Equal((2, 45, committee, "Phường Bồ Đề"), (a.Sessions, a.Attendances, a.LeadOrganisationId, a.UnitName));
        var after = await FiguresAsync(app, boDe.Id, month, codes);
        Assert.Equal(before["tuyen_truyen.cuoc"] + 2, after["tuyen_truyen.cuoc"]);
        Assert.Equal(before["tuyen_truyen.luot_nguoi"] + 45, after["tuyen_truyen.luot_nguoi"]);

        // Edit: the figure follows; a second edit with the old version is a 409 in Vietnamese and changes nothing.
        var edit = new
        {
            UnitId = boDe.Id, KindId = kind.Id, Date = D(day), Title = "Tuyên truyền phòng cháy chữa cháy", Sessions = 2, Attendances = 60,
            CoOrganiserIds = new[] { committee }, Version = a.Version,
        };
        var edited = await (await api.PutJsonAsync($"/api/v1/activities/{a.Id}", edit)).ReadAsync<ActivityDto>();
        Assert.Equal(60, edited.Attendances);
        Assert.Equal(new[] { committee }, edited.CoOrganiserIds);
        Assert.Equal(before["tuyen_truyen.luot_nguoi"] + 60, (await FiguresAsync(app, boDe.Id, month, codes))["tuyen_truyen.luot_nguoi"]);
        var stale = await (await api.PutJsonAsync($"/api/v1/activities/{a.Id}", edit with { Attendances = 999 })).TypedProblemAsync(409);
        Assert.Contains("vừa được người khác sửa", stale.GetProperty("title").GetString());
        Assert.Equal(before["tuyen_truyen.luot_nguoi"] + 60, (await FiguresAsync(app, boDe.Id, month, codes))["tuyen_truyen.luot_nguoi"]);

        // Delete (soft): the figures drop back; the record is still there for those who may restore it.
        await (await api.DeleteAsync($"/api/v1/activities/{a.Id}")).ProblemAsync(400);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/activities/{a.Id}?version={edited.Version}")).StatusCode);
        Assert.Equal(before, await FiguresAsync(app, boDe.Id, month, codes));
        var deleted = await api.GetJsonAsync<ActivityDto>($"/api/v1/activities/{a.Id}");
        Assert.True(deleted.Deleted);
        var listed = await api.GetJsonAsync<PageDto<ActivityDto>>($"/api/v1/activities?unit={boDe.Id}&period={month.Id}&deleted=true");
        Assert.Contains(listed.Items, x => x.Id == a.Id);
        Assert.DoesNotContain((await api.GetJsonAsync<PageDto<ActivityDto>>($"/api/v1/activities?period={month.Id}")).Items, x => x.Id == a.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/activities/{a.Id}/restore?version={deleted.Version}", null)).StatusCode);
        after = await FiguresAsync(app, boDe.Id, month, codes);
        Assert.Equal((before["tuyen_truyen.cuoc"] + 2, before["tuyen_truyen.luot_nguoi"] + 60), (after["tuyen_truyen.cuoc"], after["tuyen_truyen.luot_nguoi"]));
        var page = await api.GetJsonAsync<PageDto<ActivityDto>>($"/api/v1/activities?unit={boDe.Id}&period={month.Id}&kind={kind.Id}&pageSize=5");
        Assert.Contains(page.Items, x => x.Id == a.Id);
        Assert.Equal(5, page.PageSize);

        // Bad input: 400, Vietnamese messages next to each field, nothing saved.
        var count = await CountAsync<Activity>(app);
        var facts = await app.DbAsync(db => db.Facts.CountAsync());
        var errors = await ErrorsAsync(await api.PostJsonAsync("/api/v1/activities", new
        {
            UnitId = boDe.Id, KindId = kind.Id, Date = D(day), EndDate = D(day.AddDays(-3)), Title = "", Sessions = -1, Households = 5, CoOrganiserIds = new[] { foreignOrg },
        }));
        Assert.Contains("Nhập nội dung hoạt động", errors);
        Assert.Contains("không được âm", errors);
        Assert.Contains("không ghi số hộ", errors);
        Assert.Contains("Ngày kết thúc không được trước ngày bắt đầu", errors);
        Assert.Contains("Tổ chức chủ trì, phối hợp phải là tổ chức của đơn vị", errors);
        var future = await ErrorsAsync(await api.PostJsonAsync("/api/v1/activities", new { UnitId = boDe.Id, KindId = kind.Id, Date = D(TestClock.Today.AddDays(3)), Title = "Tương lai" }));
        Assert.Contains("không được sau hôm nay", future);
        var beforeUnit = await ErrorsAsync(await api.PostJsonAsync("/api/v1/activities", new { UnitId = boDe.Id, KindId = kind.Id, Date = "2025-06-30", Title = "Trước khi thành lập" }));
        Assert.Contains("còn hiệu lực", beforeUnit);
        var ward = await ErrorsAsync(await api.PostJsonAsync("/api/v1/activities", new { UnitId = 999_999, KindId = kind.Id, Date = D(day), Title = "Đơn vị không có" }));
        Assert.Contains(RecordRules.NoUnit, ward);
        await (await api.GetAsync("/api/v1/activities?period=quy-4")).ProblemAsync(400);
        Assert.Equal(count, await CountAsync<Activity>(app));
        Assert.Equal(facts, await app.DbAsync(db => db.Facts.CountAsync()));
    }

    [DatabaseTheory]
    public async Task Conference_rate_votes_and_figures(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var api = await app.ClientForAsync(Demo.BoDeOfficer);
        var boDe = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        var day = Recent();
        var year = Period.Year(day.Year);
        string[] codes = ["hoi_nghi.dan_cu.moi", "hoi_nghi.dan_cu.du", "hoi_nghi.cuoc"];
        var before = await FiguresAsync(app, boDe.Id, year, codes);
        var input = new ConferenceInput(boDe.Id, day, ConferenceType.ResidentsConference, null, "Hội nghị đại biểu nhân dân", 2500, 1160, 37, "Biên bản hội nghị.",
            [new DecisionInput("Thông qua quy ước khu dân cư", 1160, 1100, 20)]);
        var c = await (await api.PostJsonAsync("/api/v1/conferences", input)).ReadAsync<ConferenceDto>();
        Assert.Equal("1.160/2.500 = 46,4 %", c.Rate);
        Assert.Equal(40, Assert.Single(c.Decisions).Abstain);
        var after = await FiguresAsync(app, boDe.Id, year, codes);
        Assert.Equal((before["hoi_nghi.dan_cu.moi"] + 2500, before["hoi_nghi.dan_cu.du"] + 1160, before["hoi_nghi.cuoc"] + 1),
            (after["hoi_nghi.dan_cu.moi"], after["hoi_nghi.dan_cu.du"], after["hoi_nghi.cuoc"]));

        var count = await CountAsync<Conference>(app);
        var errors = await ErrorsAsync(await api.PostJsonAsync("/api/v1/conferences", input with
        {
            Invited = 100, Present = 120, Decisions = [new DecisionInput("Biểu quyết sai", 100, 80, 30), null],
        }));
        Assert.Contains("không được lớn hơn số được mời", errors);
        Assert.Contains("không được vượt số có mặt khi biểu quyết", errors);
        Assert.Contains("Dòng biểu quyết trống", errors);
        await ErrorsAsync(await api.PostJsonAsync("/api/v1/conferences", input with { Type = (ConferenceType)77 }));
        Assert.Equal(count, await CountAsync<Conference>(app));

        // Moving it to a residents' conference of another type moves the figures with it; deleting removes them.
        var moved = await (await api.PutJsonAsync($"/api/v1/conferences/{c.Id}", input with { Type = ConferenceType.Review, Version = c.Version })).ReadAsync<ConferenceDto>();
        after = await FiguresAsync(app, boDe.Id, year, codes);
        Assert.Equal((before["hoi_nghi.dan_cu.du"], before["hoi_nghi.cuoc"] + 1), (after["hoi_nghi.dan_cu.du"], after["hoi_nghi.cuoc"]));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/conferences/{c.Id}?version={moved.Version}")).StatusCode);
        Assert.Equal(before, await FiguresAsync(app, boDe.Id, year, codes));
        await (await api.DeleteAsync($"/api/v1/conferences/{c.Id}?version={moved.Version}")).TypedProblemAsync(404);
    }

    [DatabaseTheory]
    public async Task Initiatives_commendations_and_targets(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var api = await app.ClientForAsync(Demo.BoDeOfficer);
        var boDe = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        var day = Recent();
        var year = Period.Year(day.Year);
        string[] codes = ["mo_hinh", "mo_hinh.moi_truong", "khen_thuong.tap_the", "khen_thuong.cap_tinh.tap_the", "khen_thuong.de_nghi"];
        var before = await FiguresAsync(app, boDe.Id, year, codes);

        var initiative = new InitiativeInput(boDe.Id, "Tuyến phố xanh, sạch, đẹp", "moi_truong", InitiativeStatus.Active, day, null);
        var i = await (await api.PostJsonAsync("/api/v1/initiatives", initiative)).ReadAsync<InitiativeDto>();
        Assert.Equal("Bảo vệ môi trường", i.FieldLabel);
        var award = new CommendationInput(boDe.Id, day, CommendationForm.Merit, AwardLevel.Province, true, "Ban công tác Mặt trận tổ dân phố 5", "125/QĐ-UBND", false, null);
        var c = await (await api.PostJsonAsync("/api/v1/commendations", award)).ReadAsync<CommendationDto>();
        await api.PostJsonAsync("/api/v1/commendations", award with { Level = AwardLevel.Central, Proposed = true, Recipient = "Ông Nguyễn Văn A" });
        var after = await FiguresAsync(app, boDe.Id, year, codes);
        Assert.Equal(before["mo_hinh"] + 1, after["mo_hinh"]);
        Assert.Equal(before["mo_hinh.moi_truong"] + 1, after["mo_hinh.moi_truong"]);
        Assert.Equal(before["khen_thuong.cap_tinh.tap_the"] + 1, after["khen_thuong.cap_tinh.tap_the"]);
        Assert.Equal(before["khen_thuong.tap_the"] + 1, after["khen_thuong.tap_the"]);
        Assert.Equal(before["khen_thuong.de_nghi"] + 1, after["khen_thuong.de_nghi"]);

        // A stopped initiative no longer counts.
        await api.PutJsonAsync($"/api/v1/initiatives/{i.Id}", initiative with { Status = InitiativeStatus.Stopped, Version = i.Version });
        Assert.Equal(before["mo_hinh"], (await FiguresAsync(app, boDe.Id, year, codes))["mo_hinh"]);

        var counts = (await CountAsync<Initiative>(app), await CountAsync<Commendation>(app));
        Assert.Contains("Chọn lĩnh vực", await ErrorsAsync(await api.PostJsonAsync("/api/v1/initiatives", initiative with { Field = "khong_co" })));
        Assert.Contains("không còn cấp huyện", await ErrorsAsync(await api.PostJsonAsync("/api/v1/commendations", award with { Level = AwardLevel.District })));
        Assert.Contains("Nhập tập thể, cá nhân được khen", await ErrorsAsync(await api.PostJsonAsync("/api/v1/commendations", award with { Recipient = " " })));
        Assert.Equal(counts, (await CountAsync<Initiative>(app), await CountAsync<Commendation>(app)));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/commendations/{c.Id}?version={c.Version}")).StatusCode);
        Assert.Equal(before["khen_thuong.cap_tinh.tap_the"], (await FiguresAsync(app, boDe.Id, year, codes))["khen_thuong.cap_tinh.tap_the"]);

        // Targets: a year or a term, once per unit, indicator and period.
        var target = new TargetInput(boDe.Id, "ngay_hoi.ty_le_ho", "2025-2030", 85, null, TargetSource.CongressResolution);
        var t = await (await api.PostJsonAsync("/api/v1/targets", target)).ReadAsync<TargetDto>();
        Assert.Equal(("nhiệm kỳ 2025–2030", "Ngày hội Đại đoàn kết: tỷ lệ hộ dân tham dự"), (t.PeriodLabel, t.Label));
        var targetCount = await CountAsync<Target>(app);
        Assert.Contains("Nhập năm", await ErrorsAsync(await api.PostJsonAsync("/api/v1/targets", target with { Period = "2026Q1" })));
        Assert.Contains("không vượt quá 100", await ErrorsAsync(await api.PostJsonAsync("/api/v1/targets", target with { Period = "2026", Value = 120 })));
        Assert.Contains("đã có chỉ tiêu này", await ErrorsAsync(await api.PostJsonAsync("/api/v1/targets", target)));
        Assert.Contains("chưa thành lập", await ErrorsAsync(await api.PostJsonAsync("/api/v1/targets", target with { Period = "2019-2024" })));
        Assert.Equal(targetCount, await CountAsync<Target>(app));
        var listed = await api.GetJsonAsync<PageDto<TargetDto>>($"/api/v1/targets?unit={boDe.Id}&period={day.Year}");
        Assert.Contains(listed.Items, x => x.Id == t.Id);
        Assert.DoesNotContain((await api.GetJsonAsync<PageDto<TargetDto>>($"/api/v1/targets?unit={boDe.Id}&period=2024")).Items, x => x.Id == t.Id);
    }

    [DatabaseTheory]
    public async Task Unity_day_upsert_per_group_year_moves_the_coverage(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var api = await app.ClientForAsync(Demo.BoDeOfficer);
        var day = Recent();
        var (boDe, groups) = await FreeGroupsAsync(app, day.Year);
        var year = Period.Year(day.Year);
        string[] codes = ["ngay_hoi.khu_dan_cu", "ngay_hoi.ho_du"];
        var before = await FiguresAsync(app, boDe.Id, year, codes);

        var first = await (await api.PutJsonAsync("/api/v1/unity-days", new UnityDayInput(groups[0].Id, day.Year, true, day, 150, 200, null))).ReadAsync<UnityDayDto>();
        await (await api.PutJsonAsync("/api/v1/unity-days", new UnityDayInput(groups[1].Id, day.Year, true, day, 90, 100, null))).ReadAsync<UnityDayDto>();
        var after = await FiguresAsync(app, boDe.Id, year, codes);
        Assert.Equal((before["ngay_hoi.khu_dan_cu"] + 2, before["ngay_hoi.ho_du"] + 240), (after["ngay_hoi.khu_dan_cu"], after["ngay_hoi.ho_du"]));

        // The same group and year again updates the one record; a stale version is refused.
        var again = await (await api.PutJsonAsync("/api/v1/unity-days", new UnityDayInput(groups[0].Id, day.Year, true, day, 160, 200, null, first.Version))).ReadAsync<UnityDayDto>();
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await app.DbAsync(db => db.UnityDays.CountAsync(d => d.UnitId == groups[0].Id && d.Year == day.Year)));
        await (await api.PutJsonAsync("/api/v1/unity-days", new UnityDayInput(groups[0].Id, day.Year, true, day, 1, 200, null, first.Version))).TypedProblemAsync(409);
        Assert.Equal(before["ngay_hoi.ho_du"] + 250, (await FiguresAsync(app, boDe.Id, year, codes))["ngay_hoi.ho_du"]);

        var rows = await api.GetJsonAsync<List<UnityDayDto>>($"/api/v1/unity-days?unit={boDe.Id}&year={day.Year}");
        Assert.Contains(rows, r => r.UnitId == groups[0].Id && r.Held && r.HouseholdsAttending == 160);
        Assert.Contains(rows, r => r.Id is null && r.HouseholdsTotal is not null);

        var saved = await CountAsync<UnityDay>(app);
        Assert.Contains("không được lớn hơn tổng số hộ", await ErrorsAsync(await api.PutJsonAsync("/api/v1/unity-days", new UnityDayInput(groups[1].Id, day.Year, true, day, 150, 100, null))));
        Assert.Contains($"trong năm {day.Year}", await ErrorsAsync(await api.PutJsonAsync("/api/v1/unity-days", new UnityDayInput(groups[1].Id, day.Year, true, new DateOnly(day.Year - 1, 11, 18), 1, 100, null))));
        Assert.Contains("từng thôn, tổ dân phố", await ErrorsAsync(await api.PutJsonAsync("/api/v1/unity-days", new UnityDayInput(boDe.Id, day.Year, true, day, 1, 100, null))));
        Assert.Equal(saved, await CountAsync<UnityDay>(app));
        // Not held any more: the group leaves the coverage.
        await (await api.PutJsonAsync("/api/v1/unity-days", new UnityDayInput(groups[1].Id, day.Year, false, null, null, 100, "Hoãn do mưa bão"))).ReadAsync<UnityDayDto>();
        Assert.Equal(before["ngay_hoi.khu_dan_cu"] + 1, (await FiguresAsync(app, boDe.Id, year, codes))["ngay_hoi.khu_dan_cu"]);
    }

    /// <summary>Records of an ended unit version are history: nobody changes them, not even the administrator above.</summary>
    [DatabaseTheory]
    public async Task Ended_units_refuse_writes(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var api = await app.ClientForAsync(Demo.HanoiAdmin);
        var (ngocLam, kind, activityId, version) = await app.DbAsync(async db =>
        {
            var nl = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-NL" && u.ValidTo != null && u.ValidFrom <= new DateOnly(2024, 1, 1) && u.ValidTo > new DateOnly(2024, 1, 1));
            var k = await db.ActivityKinds.SingleAsync(k => k.Code == "tuyen_truyen");
            var a = new Activity { UnitId = nl.Id, KindId = k.Id, Date = new(2024, 3, 5), Title = "Tuyên truyền của phường cũ", Sessions = 1, Attendances = 30 };
            db.Activities.Add(a);
            await new RecordWriter(db).SaveAsync(a);
            return (nl, k, a.Id, a.Version);
        });
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        var snapshot = await Snapshots.TakeAsync(app);
        var put = await api.PutJsonAsync($"/api/v1/activities/{activityId}", new { UnitId = ngocLam.Id, KindId = kind.Id, Date = "2024-03-05", Title = "Sửa", Sessions = 2, Version = version });
        Assert.Contains("đã kết thúc", (await put.TypedProblemAsync(409)).GetProperty("title").GetString());
        await (await api.DeleteAsync($"/api/v1/activities/{activityId}?version={version}")).TypedProblemAsync(409);
        Assert.Contains("đã kết thúc", await ErrorsAsync(await api.PostJsonAsync("/api/v1/activities", new { UnitId = ngocLam.Id, KindId = kind.Id, Date = "2024-03-06", Title = "Mới" })));
        Assert.Contains("đã kết thúc", await ErrorsAsync(await api.PostJsonAsync("/api/v1/initiatives", new InitiativeInput(ngocLam.Id, "Mô hình", "khac", InitiativeStatus.Active, new(2024, 1, 1), null))));
        var group = await app.DbAsync(db => db.Units.AsNoTracking().FirstAsync(u => u.ParentId == ngocLam.Id));
        Assert.Contains("đã kết thúc", await ErrorsAsync(await api.PutJsonAsync("/api/v1/unity-days", new UnityDayInput(group.Id, 2024, true, new(2024, 11, 18), 1, 10, null))));
        Assert.Null(Snapshots.Diff(snapshot, await Snapshots.TakeAsync(app)));
        // Still readable, as history.
        Assert.Equal("Tuyên truyền của phường cũ", (await api.GetJsonAsync<ActivityDto>($"/api/v1/activities/{activityId}")).Title);
    }
}
