using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Demo;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Seeds;

/// <summary>
/// The demo data reproduces every work figure of the five seed articles, computed by the engine for the
/// unit as it was and the article's period, and loading it again adds nothing.
/// </summary>
public sealed class SeedFiguresTests
{
    [DatabaseTheory]
    public async Task Phuong2_first_half_of_2024_has_the_articles_figures_then_and_as_now(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        await app.DbAsync(async db =>
        {
            var figures = new Figures(db);
            var p2 = await VersionAsync(db, "DEMO-KT-P2", new(2024, 6, 30));
            var f = await FiguresAsync(figures, p2, "2024S1");
            Assert.Equal(77, f["tuyen_truyen.cuoc"].Value);
            Assert.Equal(2288, f["tuyen_truyen.luot_nguoi"].Value);
            Assert.Equal("2.288", f["tuyen_truyen.luot_nguoi"].Display);
            Assert.Equal(8, f["pho_bien_phap_luat.cuoc"].Value);
            Assert.Equal(296, f["pho_bien_phap_luat.luot_nguoi"].Value);
            Assert.Equal(607, f["tang_qua.phan_qua"].Value);
            Assert.Equal(214_350_000, f["tang_qua.dong"].Value);
            Assert.Equal("214.350.000", f["tang_qua.dong"].Display);
            Assert.Equal(3_000_000, f["ho_tro_sinh_ke.dong"].Value);
            Assert.Equal(5, f["tiep_xuc_cu_tri.cuoc"].Value);
            Assert.Equal(300, f["tiep_xuc_cu_tri.luot_nguoi"].Value);
            Assert.Equal(38, f["tiep_xuc_cu_tri.y_kien"].Value);
            Assert.Equal(11, f["gop_y_du_thao.y_kien"].Value);
            Assert.Equal(1, f["giam_sat.cuoc"].Value);
            Assert.Equal(1, f["giam_sat.nguoi"].Value);
            Assert.Equal(0, f["hoi_nghi.cuoc"].Value);

            // The voter-contact figures come from a round: 5 meeting records and 38 petition records (one merged as a duplicate, still counted).
            var meetings = await figures.SourcesAsync(f["tiep_xuc_cu_tri.cuoc"].Indicator, p2, Period.Parse("2024S1"), FigureMode.Then);
            Assert.Equal(5, meetings.Count);
            Assert.All(meetings, s => Assert.Equal(RecordFacts.VoterMeetingType, s.RecordType));
            var opinions = await figures.SourcesAsync(f["tiep_xuc_cu_tri.y_kien"].Indicator, p2, Period.Parse("2024S1"), FigureMode.Then);
            Assert.Equal(38, opinions.Count);
            Assert.All(opinions, s => Assert.Equal(RecordFacts.PetitionType, s.RecordType));
            Assert.Equal(1, await db.Petitions.CountAsync(p => p.UnitId == p2.Id && p.Status == DoanKet.Domain.Petitions.PetitionStatus.Duplicate));
            // "Trên 10 lượt ý kiến" on three drafts, and the Quy định 124 supervision of one Party-cell secretary: their own records.
            var drafts = await figures.SourcesAsync(f["gop_y_du_thao.y_kien"].Indicator, p2, Period.Parse("2024S1"), FigureMode.Then);
            Assert.Equal((3, 11L), (drafts.Count, drafts.Sum(x => x.Value)));
            Assert.All(drafts, s => Assert.Equal(RecordFacts.CriticismType, s.RecordType));
            var qd124 = await db.Supervisions.SingleAsync(x => x.UnitId == p2.Id);
            Assert.Equal(("Bí thư chi bộ khu phố 1", 1, "Quy định 124-QĐ/TW ngày 02/10/2023 của Ban Bí thư"), (qd124.Subject, qd124.PeopleSupervised!.Value, qd124.Basis!));

            // 77 single sessions across the ward and its 6 quarters, not one record of 77.
            var sources = await figures.SourcesAsync(f["tuyen_truyen.cuoc"].Indicator, p2, Period.Parse("2024S1"), FigureMode.Then);
            Assert.Equal(77, sources.Count);
            Assert.All(sources, s => Assert.Equal(1, s.Value));
            Assert.Equal(7, sources.Select(s => s.UnitId).Distinct().Count());
            var ids = sources.Select(s => s.RecordId).ToList();
            Assert.Equal(77, await db.ActivityOrganisers.CountAsync(o => ids.Contains(o.ActivityId) && o.Lead));
            Assert.All(await db.Activities.Where(a => ids.Contains(a.Id)).ToListAsync(), a => Assert.Equal(RecordSource.Demo, a.Source));

            // The conference of 8/7/2024 belongs to the second half.
            var conference = await db.Conferences.SingleAsync(c => c.UnitId == p2.Id && c.Date == new DateOnly(2024, 7, 8));
            Assert.Equal((ConferenceType.CommitteeSession, 2), (conference.Type, conference.SessionNumber));
            Assert.Equal(1, (await FiguresAsync(figures, p2, "2024S2"))["hoi_nghi.cuoc"].Value);

            // Phường 2 went whole into phường Kiến Tường on 1/7/2025: restated, the same figures.
            var kienTuong = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-KIENTUONG" && u.ValidTo == null);
            var now = await FiguresAsync(figures, kienTuong, "2024S1", FigureMode.Now);
            Assert.Equal(77, now["tuyen_truyen.cuoc"].Value);
            Assert.Equal(2288, now["tuyen_truyen.luot_nguoi"].Value);
            Assert.Equal(607, now["tang_qua.phan_qua"].Value);
        });
    }

    [DatabaseTheory]
    public async Task Sai_Dong_first_quarter_of_2023_has_the_articles_figures(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        await app.DbAsync(async db =>
        {
            var figures = new Figures(db);
            var ward = await VersionAsync(db, "DEMO-SD", new(2023, 3, 31));
            var f = await FiguresAsync(figures, ward, "2023Q1");
            Assert.Equal(3, f["tuyen_truyen.cuoc"].Value);
            Assert.Equal(179, f["tuyen_truyen.luot_nguoi"].Value);
            Assert.Equal(48_800_000, f["tang_qua.dong"].Value);
            Assert.Equal("48.800.000", f["tang_qua.dong"].Display);
            Assert.Equal(2500, f["hoi_nghi.dan_cu.moi"].Value);
            Assert.Equal(1160, f["hoi_nghi.dan_cu.du"].Value);
            Assert.Equal("1.160", f["hoi_nghi.dan_cu.du"].Display);
            // 1160/2500 is 46,4 %; the article's "46,6 %" is its own arithmetic slip.
            Assert.Equal((1160.0, 2500.0), f["hoi_nghi.dan_cu.ty_le"].Parts);
            Assert.Equal("46,4 %", f["hoi_nghi.dan_cu.ty_le"].Display);
            Assert.Equal(51, f["y_kien_nhan_dan"].Value);
            // 51 petitions recorded one by one, "tập trung vào 4 nhóm".
            Assert.Equal(51, f["y_kien.nhan"].Value);
            var topics = await db.Topics.ToDictionaryAsync(t => t.Id, t => t.Group);
            var path = ward.Path;
            var raised = await db.Petitions.Where(p => p.ReceivedOn >= new DateOnly(2023, 1, 1) && p.ReceivedOn <= new DateOnly(2023, 3, 31)
                && db.Units.IgnoreQueryFilters().Any(u => u.Id == p.UnitId && u.Path.StartsWith(path))).Select(p => p.TopicId!.Value).ToListAsync();
            Assert.Equal(51, raised.Count);
            Assert.Equal(4, raised.Select(t => topics[t]).Distinct().Count());
            Assert.Equal(36, f["mo_hinh"].Value);
            Assert.Equal(20, f["mo_hinh.chinh_trang_do_thi"].Value);
            Assert.Equal(16, f["mo_hinh.cham_lo_doi_song"].Value);
            Assert.Equal(6, f["ve_sinh_moi_truong.cuoc"].Value);
            Assert.Equal(8, f["tuyen_truyen_chinh_trang.cuoc"].Value);

            var under = db.Units.Under(ward.Path).Select(u => u.Id);
            Assert.True(await db.Conferences.CountAsync(c => under.Contains(c.UnitId) && c.Type == ConferenceType.ResidentsConference && c.Date.Year == 2023) > 1);
            Assert.True(await db.Conferences.AnyAsync(c => c.UnitId == ward.Id && c.Type == ConferenceType.Review && c.Date == new DateOnly(2023, 3, 31)));
            Assert.True(await db.Initiatives.Where(i => under.Contains(i.UnitId)).Select(i => i.UnitId).Distinct().CountAsync() > 10);
        });
    }

    [DatabaseTheory]
    public async Task Song_Cau_term_2019_2024_has_the_articles_figures(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        await app.DbAsync(async db =>
        {
            var figures = new Figures(db);
            var ward = await VersionAsync(db, "DEMO-SC", new(2022, 1, 1));
            var f = await FiguresAsync(figures, ward, Period.Term(2019, 2024).Id);
            Assert.Equal(18, f["giam_sat.cuoc"].Value);
            Assert.Equal(7, f["giam_sat.kien_nghi"].Value);
            Assert.Equal(10, f["giam_sat_phoi_hop.cuoc"].Value);
            Assert.Equal(4, f["phan_bien.cuoc"].Value);
            var supervised = await figures.SourcesAsync(f["giam_sat.cuoc"].Indicator, ward, Period.Term(2019, 2024), FigureMode.Then);
            Assert.Equal(18, supervised.Count);
            Assert.All(supervised, s => Assert.Equal(RecordFacts.SupervisionType, s.RecordType));
            Assert.Equal(7, await db.Recommendations.CountAsync(r => db.Supervisions.Any(x => x.Id == r.SupervisionId && x.UnitId == ward.Id) && r.Status == DoanKet.Domain.Supervisions.RecommendationStatus.Resolved));
            Assert.Equal(4, f["doi_thoai.cuoc"].Value);
            Assert.Equal(570, f["ho_tro_kho_khan.nguoi"].Value);
            Assert.Equal(470_250_000, f["ho_tro_kho_khan.dong"].Value);
            Assert.Equal((21.0, 21.0), (f["ngay_hoi.khu_dan_cu"].Value, f["ngay_hoi.khu_dan_cu"].Of!.Value));
            Assert.Equal("21/21", f["ngay_hoi.khu_dan_cu"].Display);
            Assert.True(f["ngay_hoi.ty_le_ho"].Value > 80, f["ngay_hoi.ty_le_ho"].Display);
            Assert.Equal(45, f["khen_thuong.cap_xa.tap_the"].Value);
            Assert.Equal(25, f["khen_thuong.cap_xa.ca_nhan"].Value);
            Assert.Equal(21, f["khen_thuong.cap_huyen.tap_the"].Value);
            Assert.Equal(12, f["khen_thuong.cap_huyen.ca_nhan"].Value);
            Assert.Equal(5, f["khen_thuong.cap_tinh.tap_the"].Value);
            Assert.Equal(3, f["khen_thuong.cap_tinh.ca_nhan"].Value);
            Assert.Equal(0, f["khen_thuong.trung_uong.ca_nhan"].Value);
            Assert.Equal(2, f["khen_thuong.de_nghi"].Value);
            Assert.Equal(45 + 21 + 5, f["khen_thuong.tap_the"].Value);
            Assert.Equal(25 + 12 + 3, f["khen_thuong.ca_nhan"].Value);

            var y2021 = await FiguresAsync(figures, ward, "2021");
            Assert.Equal(570, y2021["ho_tro_kho_khan.nguoi"].Value);
            Assert.Equal(470_250_000, y2021["ho_tro_kho_khan.dong"].Value);
            for (var year = 2019; year <= 2023; year++)
            {
                var y = await FiguresAsync(figures, ward, year.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal("21/21", y["ngay_hoi.khu_dan_cu"].Display);
                Assert.True(y["ngay_hoi.ty_le_ho"].Value > 80, $"{year}: {y["ngay_hoi.ty_le_ho"].Display}");
            }

            var awards = await db.Commendations.Where(c => c.UnitId == ward.Id).ToListAsync();
            Assert.All(awards.Where(c => c.Level == AwardLevel.Province), c => Assert.Equal(CommendationForm.Merit, c.Form));
            Assert.All(awards.Where(c => c.Level == AwardLevel.Central), c => Assert.True(c.Proposed && c.Form == CommendationForm.Medal && !c.Collective));
            Assert.All(awards.Where(c => c.Level is AwardLevel.Commune or AwardLevel.District), c => Assert.Equal(CommendationForm.Certificate, c.Form));
        });
    }

    [DatabaseTheory]
    public async Task Ngoc_Lam_2020_supervised_68_people_and_its_fifth_session_heard_5_opinions(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        await app.DbAsync(async db =>
        {
            var figures = new Figures(db);
            var ward = await VersionAsync(db, "DEMO-NL", new(2020, 7, 10));
            Assert.Equal(68, (await FiguresAsync(figures, ward, "2020S1"))["giam_sat.nguoi"].Value);
            var second = await FiguresAsync(figures, ward, "2020S2");
            Assert.Equal(5, second["y_kien_nhan_dan"].Value);
            var session = await db.Conferences.Include(c => c.Decisions).SingleAsync(c => c.UnitId == ward.Id && c.Date == new DateOnly(2020, 7, 10));
            Assert.Equal((ConferenceType.CommitteeSession, 5, 5), (session.Type, session.SessionNumber, session.Opinions));
            var vote = Assert.Single(session.Decisions);
            Assert.Equal(vote.Present, vote.For);
        });
    }

    [DatabaseTheory]
    public async Task Bat_Trang_working_session_and_targets_some_met_some_in_progress(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        await app.DbAsync(async db =>
        {
            var figures = new Figures(db);
            var commune = await VersionAsync(db, "DEMO-BT-OLD", new(2022, 4, 18));
            Assert.Equal("Gia Lâm", (await db.Units.SingleAsync(u => u.Id == commune.ParentId)).Name);
            Assert.Equal(1, (await FiguresAsync(figures, commune, "2022Q2"))["hoi_nghi.lam_viec.cuoc"].Value);
            Assert.True(await db.Conferences.AnyAsync(c => c.UnitId == commune.Id && c.Type == ConferenceType.WorkingSession && c.Date == new DateOnly(2022, 4, 18)));

            var targets = await db.Targets.Where(t => t.UnitId == commune.Id).ToListAsync();
            Assert.Contains(targets, t => t.Source == TargetSource.CongressResolution && t.Period == "2019-2024" && t.Indicator == "ngay_hoi.khu_dan_cu" && t.Value == 2);
            Assert.Contains(targets, t => t.Source == TargetSource.YearlyProgramme && t.Period == "2022");
            Assert.All(targets, t => Assert.Contains("minh họa", t.Label));
            var catalogue = (await figures.CatalogueAsync()).Select(i => i.Code).ToHashSet();
            var progress = new List<(string Period, bool Met)>();
            foreach (var t in targets)
            {
                Assert.Contains(t.Indicator, catalogue);
                var figure = (await FiguresAsync(figures, commune, t.Period))[t.Indicator];
                // As the targets page compares a target row: with the figure's value (coverage: units that held it).
                progress.Add((t.Period, figure.Value >= t.Value));
            }
            foreach (var period in new[] { "2019-2024", "2022" })
            {
                Assert.Contains((period, true), progress);
                Assert.Contains((period, false), progress);
            }
        });
    }

    [DatabaseTheory]
    public async Task Current_units_have_recent_work_weekly_entries_and_a_partial_Unity_Day(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        await app.DbAsync(async db =>
        {
            var figures = new Figures(db);
            var boDe = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null);
            var f = await FiguresAsync(figures, boDe, "2026");
            Assert.True(f["tuyen_truyen.cuoc"].Value > 0);
            Assert.Equal("9/14", f["ngay_hoi.khu_dan_cu"].Display);
            var to11 = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-NL-TDP11" && u.ValidTo == null);
            var weekly = await db.Activities.Where(a => a.UnitId == to11.Id && a.Source == RecordSource.Weekly).ToListAsync();
            Assert.Contains(weekly, a => a.Week == "2026W48");
            Assert.All(weekly, a => Assert.True(Period.Parse(a.Week!).Contains(a.Date)));
            var quarter = await FiguresAsync(figures, to11, "2026Q4");
            Assert.True(quarter["ve_sinh_moi_truong.cuoc"].Value + quarter["y_kien_nhan_dan"].Value > 0);
            var today = TestClock.Today;
            Assert.False(await db.Activities.AnyAsync(a => a.Date > today));

            // Congress targets name catalogue indicators.
            var catalogue = (await figures.CatalogueAsync()).Select(i => i.Code).ToHashSet();
            Assert.All(await db.CongressTargets.Where(t => t.Indicator != null).Select(t => t.Indicator!).ToListAsync(), code => Assert.Contains(code, catalogue));

            var kienTuong = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-KIENTUONG" && u.ValidTo == null);
            var k = await FiguresAsync(figures, kienTuong, "2026");
            Assert.True(k["tuyen_truyen.cuoc"].Value > 0);
            Assert.Equal("5/6", k["ngay_hoi.khu_dan_cu"].Display);
        });
    }

    [DatabaseTheory]
    public async Task Loading_the_demo_twice_adds_nothing(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var before = await CountsAsync(db);
        Assert.True(before.Activities > 200);
        await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).LoadAsync();
        await new DemoRecords(db, scope.ServiceProvider.GetRequiredService<RecordWriter>()).LoadAsync();
        Assert.Equal(before, await CountsAsync(db));
    }

    private static async Task<(int Activities, int Conferences, int Initiatives, int UnityDays, int Commendations, int Targets, int Facts, long Total)> CountsAsync(AppDb db) =>
        (await db.Activities.IgnoreQueryFilters().CountAsync(), await db.Conferences.IgnoreQueryFilters().CountAsync(), await db.Initiatives.IgnoreQueryFilters().CountAsync(),
         await db.UnityDays.IgnoreQueryFilters().CountAsync(), await db.Commendations.IgnoreQueryFilters().CountAsync(), await db.Targets.IgnoreQueryFilters().CountAsync(),
         await db.Facts.CountAsync(), await db.DailyTotals.SumAsync(t => t.Value));

    private static Task<Unit> VersionAsync(AppDb db, string code, DateOnly on) =>
        db.Units.AsNoTracking().ValidOn(on).SingleAsync(u => u.Code == code);

    private static async Task<Dictionary<string, Figure>> FiguresAsync(Figures figures, Unit unit, string period, FigureMode mode = FigureMode.Then) =>
        (await figures.ComputeAsync(unit, Period.Parse(period), mode)).ToDictionary(f => f.Indicator.Code);
}
