using System.Net;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Indicators;

/// <summary>The working-session view of a commune's targets: progress and status from the figures.</summary>
public sealed class TargetsViewTests
{
    [Fact]
    public void Status_is_reached_or_exceeded_at_any_time_and_missed_only_once_the_period_is_over()
    {
        var y2025 = Period.Year(2025);
        var today = new DateOnly(2025, 6, 1);
        Assert.Equal(TargetStatus.Exceeded, TargetProgress.StatusOf(11, 10, y2025, today));
        Assert.Equal(TargetStatus.Reached, TargetProgress.StatusOf(10, 10, y2025, today));
        Assert.Equal(TargetStatus.InProgress, TargetProgress.StatusOf(3, 10, y2025, today));
        Assert.Equal(TargetStatus.Missed, TargetProgress.StatusOf(3, 10, y2025, new DateOnly(2026, 1, 1)));
        Assert.Equal(TargetStatus.InProgress, TargetProgress.StatusOf(3, 10, y2025, new DateOnly(2025, 12, 31)));
        Assert.Equal(TargetStatus.NotStarted, TargetProgress.StatusOf(0, 10, Period.Year(2027), today));
        Assert.Equal(("Vượt", "Đạt", "Đang thực hiện", "Chưa đạt"),
            (TargetProgress.Label(TargetStatus.Exceeded), TargetProgress.Label(TargetStatus.Reached), TargetProgress.Label(TargetStatus.InProgress), TargetProgress.Label(TargetStatus.Missed)));
    }

    [DatabaseTheory]
    public async Task The_targets_view_shows_value_progress_and_status_for_yearly_and_congress_targets(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, demo: true);
        var (boDe, to11) = await app.DbAsync(async db => ((await Demo.CurrentAsync(db, "DEMO-BODE")).Id, (await Demo.CurrentAsync(db, "DEMO-NL-TDP11")).Id));
        var thisYear = TestClock.Today.Year;
        await Work.ActivityAsync(app, to11, new DateOnly(2025, 9, 10), "Tuyên truyền cho chỉ tiêu (kiểm thử)", 3, 100);
        await app.DbAsync(async db =>
        {
            db.Targets.AddRange(
                new Target { UnitId = boDe, Indicator = "tuyen_truyen.cuoc", Period = "2025Q3", Value = 2, Label = "Chỉ tiêu vượt (kiểm thử)" },
                new Target { UnitId = boDe, Indicator = "tuyen_truyen.luot_nguoi", Period = "2025Q3", Value = 100000, Label = "Chỉ tiêu chưa đạt (kiểm thử)" },
                new Target { UnitId = boDe, Indicator = "tuyen_truyen.luot_nguoi", Period = $"{thisYear + 1}", Value = 50, Label = "Chỉ tiêu năm sau (kiểm thử)" },
                new Target { UnitId = boDe, Indicator = "khong_co_chi_so", Period = "2025", Value = 1, Label = "Chỉ tiêu sai mã (kiểm thử)" });
            // The ward's congress (demo): one more resolution target on Unity Day coverage, in %.
            var congress = await db.Congresses.Include(c => c.Targets)
                .Join(db.Terms, c => c.TermId, t => t.Id, (c, t) => new { c, t })
                .Join(db.Organisations.Where(o => o.UnitId == boDe && o.Kind == OrganisationKind.FrontCommittee), x => x.t.OrganisationId, o => o.Id, (x, o) => x.c)
                .SingleAsync();
            congress.Targets.Add(new CongressTarget { Number = 9, Label = "Khu dân cư tổ chức Ngày hội (kiểm thử)", Indicator = "ngay_hoi.khu_dan_cu", TargetValue = 100, UnitOfMeasure = "%" });
            await db.SaveChangesAsync();
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DoanKet.Data.AppDb>();
            var day = new UnityDay { UnitId = to11, Year = 2025, Held = true, Date = new DateOnly(2025, 11, 18), HouseholdsAttending = 200, HouseholdsTotal = 250 };
            db.UnityDays.Add(day);
            await scope.ServiceProvider.GetRequiredService<RecordWriter>().SaveAsync(day);
        }

        var lines = await app.DbAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == boDe);
            return await TargetProgress.LoadAsync(db, scope.ServiceProvider.GetRequiredService<Figures>(), unit);
        });
        var exceeded = lines.Single(l => l.Label == "Chỉ tiêu vượt (kiểm thử)");
        Assert.Equal(TargetStatus.Exceeded, exceeded.Status);
        Assert.True(exceeded.Progress >= 150, $"progress {exceeded.Progress}");
        Assert.Equal(TargetStatus.Missed, lines.Single(l => l.Label == "Chỉ tiêu chưa đạt (kiểm thử)").Status);
        Assert.Equal(TargetStatus.NotStarted, lines.Single(l => l.Label == "Chỉ tiêu năm sau (kiểm thử)").Status);
        Assert.Contains("không có trong danh mục", lines.Single(l => l.Label == "Chỉ tiêu sai mã (kiểm thử)").Problem, StringComparison.Ordinal);
        var unity = lines.Single(l => l.Label == "Khu dân cư tổ chức Ngày hội (kiểm thử)");
        var groups = await app.DbAsync(db => db.Units.CountAsync(u => u.ParentId == boDe && u.ValidTo == null));
        Assert.Equal(PeriodKind.Term, unity.Period!.Value.Kind);
        Assert.True(unity.Current >= 100.0 / groups - 1e-9 && unity.Current <= 100, $"coverage {unity.Current} %"); // compared in % because the target is in %
        Assert.Equal(TargetStatus.InProgress, unity.Status);

        var (browser, _) = await Browser.SignInAsync(app, Who.HanoiReviewer); // an upper level reads the commune's targets
        var html = WebUtility.HtmlDecode(await (await browser.GetAsync($"/so-lieu/chi-tieu/{boDe}")).Content.ReadAsStringAsync());
        Assert.Contains("Chỉ tiêu của Phường Bồ Đề", html, StringComparison.Ordinal);
        Assert.Contains("Vượt", html, StringComparison.Ordinal);
        Assert.Contains("Chưa đạt", html, StringComparison.Ordinal);
        Assert.Contains("Đang thực hiện", html, StringComparison.Ordinal);
        Assert.Contains($"/so-lieu/nguon?indicator=tuyen_truyen.cuoc&unit={boDe}&period=2025Q3&mode=now", html, StringComparison.Ordinal);
        Assert.Contains("Mô hình tự quản", html, StringComparison.Ordinal); // the demo's resolution target without an indicator

        var (head, _) = await Browser.SignInAsync(app, Who.To11Head);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/so-lieu/chi-tieu/{boDe}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/so-lieu/chi-tieu/{to11}")).StatusCode);
    }
}
