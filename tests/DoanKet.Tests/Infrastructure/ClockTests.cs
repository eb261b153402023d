using System.Net;
using System.Text.RegularExpressions;
using DoanKet.Domain.Periods;
using DoanKet.Features.Indicators;
using DoanKet.Infrastructure;
using DoanKet.Tests.Records;
using DoanKet.Tests.Security;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace DoanKet.Tests.Infrastructure;

/// <summary>Time belongs to the app: one clock, Vietnam's day, and no other reading of the machine's clock.</summary>
public sealed partial class ClockTests
{
    private const string Wall = @"\b(DateTime|DateTimeOffset)\s*\.\s*(Now|UtcNow|Today)\b|\bTimeProvider\s*\.\s*System\b";

    [GeneratedRegex(Wall)]
    private static partial Regex WallClock();

    /// <summary>Every line of src/ and tests/ that reads the machine's clock, but the clocks themselves and this test's samples.</summary>
    internal static List<string> WallClockReads(string root)
    {
        string[] allowed = [Path.Combine("src", "DoanKet", "Infrastructure", "Clock.cs"),
            Path.Combine("tests", "DoanKet.Tests", "Infrastructure", "ClockTests.cs")];
        var found = new List<string>();
        foreach (var top in new[] { "src", "tests" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, top), "*.*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(root, file);
                if (!(rel.EndsWith(".cs", StringComparison.Ordinal) || rel.EndsWith(".cshtml", StringComparison.Ordinal))) continue;
                if (allowed.Contains(rel) || rel.Split(Path.DirectorySeparatorChar) is var parts && parts.Any(p => p is "bin" or "obj" or "node_modules" or "Migrations")) continue;
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                    if (WallClock().IsMatch(lines[i])) found.Add($"{rel}:{i + 1}: {lines[i].Trim()}");
            }
        return found;
    }

    [Fact]
    public void Nothing_but_the_clock_reads_the_machines_time()
    {
        Assert.True(File.Exists(Repo.Path("src", "DoanKet", "Infrastructure", "Clock.cs")));
        var reads = WallClockReads(Repo.Root);
        Assert.True(reads.Count == 0, "Read time through DoanKet.Infrastructure.Clock (tests: TestClock / app.Time):\n" + string.Join("\n", reads));
    }

    [Theory]
    [InlineData("var now = DateTime.UtcNow;")]
    [InlineData("if (x > DateTimeOffset.Now) return;")]
    [InlineData("var d = DateOnly.FromDateTime(DateTime.Today);")]
    [InlineData("services.AddSingleton(TimeProvider.System);")]
    [InlineData("var t = DateTime . Now;")]
    public void The_search_finds_each_way_of_reading_the_machines_time(string line) => Assert.Matches(WallClock(), line);

    [Theory]
    [InlineData("var now = db.Clock.UtcNow;")]
    [InlineData("public DateTime UtcNowish { get; set; }")]
    [InlineData("var today = Clock.Today;")]
    public void The_search_leaves_reads_of_the_apps_clock_alone(string line) => Assert.DoesNotMatch(WallClock(), line);

    [Theory]
    [InlineData("2027-12-31T16:59:59Z", "2027-12-31")]
    [InlineData("2027-12-31T17:00:00Z", "2028-01-01")]
    [InlineData("2027-12-31T17:30:00Z", "2028-01-01")] // the Vietnamese New Year's midnight has passed
    [InlineData("2026-06-30T23:59:59Z", "2026-07-01")]
    [InlineData("2026-07-01T00:00:00+07:00", "2026-07-01")]
    public void Today_is_the_day_in_Vietnam(string instant, string day)
    {
        var clock = new Clock(new FakeTimeProvider(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), clock.Today);
        Assert.Equal(DateTimeKind.Utc, clock.UtcNow.Kind);
        Assert.Equal(clock.UtcNow.AddHours(7), DateTime.SpecifyKind(Clock.ToVietnam(clock.UtcNow), DateTimeKind.Utc));
    }

    [Fact]
    public void A_training_server_can_start_the_clock_at_a_chosen_instant_and_it_runs_on()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([new("Clock:Start", "2030-02-10T08:00:00+07:00")]).Build();
        var clock = new Clock(Clock.FromConfiguration(config));
        var first = clock.UtcNow;
        Assert.InRange(first, new DateTime(2030, 2, 10, 1, 0, 0, DateTimeKind.Utc), new DateTime(2030, 2, 10, 1, 5, 0, DateTimeKind.Utc));
        Assert.Equal(new DateOnly(2030, 2, 10), clock.Today);
        SpinWait.SpinUntil(() => clock.UtcNow > first, TimeSpan.FromSeconds(5));
        Assert.True(clock.UtcNow > first);

        var bad = new ConfigurationBuilder().AddInMemoryCollection([new("Clock:Start", "mai")]).Build();
        Assert.Contains("Clock:Start", Assert.Throws<InvalidOperationException>(() => Clock.FromConfiguration(bad)).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A record saved at 23:30 in Vietnam (16:30 UTC) on Sunday 31/12/2028 lands on that day, its ISO week, month,
    /// quarter and year; half an hour after midnight there (17:30 UTC, still 31/12 in UTC) the next day is "today".
    /// </summary>
    [DatabaseTheory]
    public async Task A_record_saved_late_in_the_evening_lands_on_that_Vietnamese_day_week_month_and_quarter(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        app.Time.SetUtcNow(new DateTimeOffset(2028, 12, 31, 16, 30, 0, TimeSpan.Zero));
        var api = await app.ClientForAsync(Demo.BoDeOfficer);
        var (boDe, kind) = await app.DbAsync(async db => ((await Demo.CurrentAsync(db, "DEMO-BODE")).Id, (await db.ActivityKinds.SingleAsync(k => k.Code == "tuyen_truyen")).Id));
        string[] codes = ["tuyen_truyen.luot_nguoi"];

        // The form opens on today, Vietnam's date.
        var (browser, _) = await Browser.SignInAsync(app, Demo.BoDeOfficer);
        var form = await (await browser.GetAsync($"/cong-viec/hoat-dong/them?unit={boDe}")).Content.ReadAsStringAsync();
        Assert.Contains("value=\"2028-12-31\"", form, StringComparison.Ordinal);

        var late = await api.PostJsonAsync("/api/v1/activities", new { UnitId = boDe, KindId = kind, Title = "Tuyên truyền đêm giao thừa", Date = "2028-12-31", Sessions = 1, Attendances = 7001 });
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        var tomorrow = await RecordsApiTests.ErrorsAsync(await api.PostJsonAsync("/api/v1/activities", new { UnitId = boDe, KindId = kind, Title = "Chưa tới ngày", Date = "2029-01-01", Sessions = 1 }));
        Assert.Contains("không được sau hôm nay", tomorrow, StringComparison.Ordinal);
        foreach (var id in new[] { "2028-12-31..2028-12-31", "2028W52", "202812", "2028Q4", "2028S2", "2028" })
            Assert.Equal(7001, (await RecordsApiTests.FiguresAsync(app, boDe, Period.Parse(id), codes))["tuyen_truyen.luot_nguoi"]);
        Assert.Equal(0, (await RecordsApiTests.FiguresAsync(app, boDe, Period.Parse("2029W01"), codes))["tuyen_truyen.luot_nguoi"]);

        // 00:30 in Vietnam on Monday 1/1/2029; UTC still says 31/12.
        app.Time.Advance(TimeSpan.FromHours(1));
        var early = await api.PostJsonAsync("/api/v1/activities", new { UnitId = boDe, KindId = kind, Title = "Tuyên truyền đầu năm", Date = "2029-01-01", Sessions = 1, Attendances = 7002 });
        Assert.Equal(HttpStatusCode.Created, early.StatusCode);
        foreach (var id in new[] { "2029W01", "202901", "2029Q1", "2029" })
            Assert.Equal(7002, (await RecordsApiTests.FiguresAsync(app, boDe, Period.Parse(id), codes))["tuyen_truyen.luot_nguoi"]);
        Assert.Equal(7001, (await RecordsApiTests.FiguresAsync(app, boDe, Period.Parse("2028Q4"), codes))["tuyen_truyen.luot_nguoi"]);
        Assert.Equal(FigureText.WeekOf(new DateOnly(2029, 1, 1)), Period.Parse("2029W01"));
        Assert.Equal(new DateOnly(2029, 1, 1), await app.DbAsync(db => Task.FromResult(db.Clock.Today)));
    }
}
