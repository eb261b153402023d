using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using Microsoft.EntityFrameworkCore;

using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Security;

// Access-matrix probes for the dashboards, figures, sources, targets, weekly entry and indicator API (Features/Indicators).
public sealed partial class AccessMatrixTests
{
    /// <summary>Probes of the indicator pages and API; use s.Ids for the records made in <see cref="Sides.LoadIndicatorsAsync"/>.</summary>
    static partial void IndicatorProbes(Sides s, bool admin, List<Probe> p);

    static partial void IndicatorProbes(Sides s, bool admin, List<Probe> p)
    {
        var mine = new List<Probe>();
        void Add(string key, string url, Expect e, IReadOnlyDictionary<string, string>? form = null, string? must = null) =>
            mine.Add(new Probe(key, key.StartsWith("POST", StringComparison.Ordinal) ? "POST" : "GET", url, e, null, form, must));
        const string q = "period=" + Sides.IndicatorQuarter + "&mode=then";
        const string qNow = "period=" + Sides.IndicatorQuarter + "&mode=now";
        int[] b = [s.Kt, s.P2Old, s.KtTownOld, s.BQuarter, s.TayNinh, s.LongAnOld, s.BDeleted];

        // ---- Dashboard: the account's own unit, a chosen unit, B's units (then and now, old periods)
        Add("GET /so-lieu", "/so-lieu", Expect.Positive, must: admin ? "Hà Nội" : "Bồ Đề");
        Add("GET /so-lieu", $"/so-lieu?unit={s.BoDe}&{q}", Expect.Positive, must: "Bồ Đề");
        Add("GET /so-lieu", "/so-lieu?period=2024S1&mode=now", Expect.NoLeak);
        Add("GET /so-lieu", "/so-lieu?period=2024&mode=then&chart=tuyen_truyen.cuoc", Expect.NoLeak);
        Add("GET /so-lieu", "/so-lieu?unit=abc&period=xyz&mode=sai", Expect.NoLeak);
        Add("GET /so-lieu/{unitId:int}", $"/so-lieu/{s.BoDe}?{q}", Expect.Positive, must: "Bồ Đề");
        Add("GET /so-lieu/{unitId:int}", $"/so-lieu/{s.BoDe}?period=2024&mode=now&chart=mo_hinh", Expect.NoLeak);
        Add("GET /so-lieu/{unitId:int}", $"/so-lieu/{s.AGroup}?{qNow}", Expect.Positive, must: "Tổ dân phố");
        foreach (var x in b)
        {
            Add("GET /so-lieu", $"/so-lieu?unit={x}&{q}", Expect.Hidden);
            Add("GET /so-lieu/{unitId:int}", $"/so-lieu/{x}?{q}", Expect.Hidden);
            Add("GET /so-lieu/{unitId:int}", $"/so-lieu/{x}?period=2024&mode=now", Expect.Hidden);
        }

        // ---- Sources of a figure
        Add("GET /so-lieu/nguon", $"/so-lieu/nguon?indicator=tuyen_truyen.luot_nguoi&unit={s.BoDe}&{q}", Expect.Positive, must: Sides.AActivityTitle);
        Add("GET /so-lieu/nguon", $"/so-lieu/nguon?indicator=tuyen_truyen.luot_nguoi&unit={s.BoDe}&{qNow}", Expect.Positive, must: Sides.AActivityTitle);
        Add("GET /so-lieu/nguon", $"/so-lieu/nguon?indicator=tuyen_truyen.cuoc&unit={s.BoDe}&period=2024&mode=now", Expect.NoLeak);
        Add("GET /so-lieu/nguon", $"/so-lieu/nguon?indicator=tuyen_truyen.cuoc&{q}", Expect.NoLeak);
        Add("GET /so-lieu/nguon", $"/so-lieu/nguon?indicator=khong_co&unit={s.BoDe}&{q}", Expect.NoLeak);
        foreach (var x in b)
        {
            Add("GET /so-lieu/nguon", $"/so-lieu/nguon?indicator=tuyen_truyen.luot_nguoi&unit={x}&{q}", Expect.Hidden);
            Add("GET /so-lieu/nguon", $"/so-lieu/nguon?indicator=tuyen_truyen.luot_nguoi&unit={x}&period=2024&mode=now", Expect.Hidden);
        }

        // ---- Targets of a unit
        Add("GET /so-lieu/chi-tieu/{unitId:int}", $"/so-lieu/chi-tieu/{s.BoDe}", Expect.Positive, must: Sides.ATargetLabel);
        foreach (var x in b) Add("GET /so-lieu/chi-tieu/{unitId:int}", $"/so-lieu/chi-tieu/{x}", Expect.Hidden);

        // ---- Weekly entry: A's group reads, B's units are hidden, writes aimed at B (or at a week not open) change nothing
        Add("GET /nhap-tuan", $"/nhap-tuan?unit={s.AGroup}", Expect.Positive, must: "Tuyên truyền, vận động");
        Add("GET /nhap-tuan", "/nhap-tuan", Expect.Positive, must: "Chọn đơn vị thuộc");
        Add("GET /nhap-tuan", $"/nhap-tuan?unit={s.AGroup}&week=2099W01", Expect.NoLeak);
        foreach (var x in b) Add("GET /nhap-tuan", $"/nhap-tuan?unit={x}", Expect.Hidden);
        var week = Sides.ThisWeek();
        Dictionary<string, string> Week(int unit, string weekId) => new()
        {
            ["unit"] = I(unit), ["week"] = weekId, ["tuyen_truyen.cuoc"] = "2", ["tuyen_truyen.luot_nguoi"] = "60", ["note"] = "Ghi chú thử",
        };
        foreach (var x in new[] { s.BQuarter, s.BQuarter2, s.Kt, s.P2Old, s.BDeleted })
            Add("POST /nhap-tuan", $"/nhap-tuan#unit {x}", Expect.Refused, form: Week(x, week));
        Add("POST /nhap-tuan", "/nhap-tuan#A's group, a week to come", Expect.Refused, form: Week(s.AGroup, Sides.NextWeek()));
        Add("POST /nhap-tuan", "/nhap-tuan#A's group, a week too old", Expect.Refused, form: Week(s.AGroup, "2020W10"));
        Add("POST /nhap-tuan", "/nhap-tuan#A's group, a negative count", Expect.Refused,
            form: new Dictionary<string, string> { ["unit"] = I(s.AGroup), ["week"] = week, ["tuyen_truyen.cuoc"] = "-2" });

        // ---- API
        Add("GET /api/v1/indicators", "/api/v1/indicators", Expect.Positive, must: "tuyen_truyen.cuoc");
        Add("GET /api/v1/indicators", $"/api/v1/indicators?unit={s.BoDe}&{q}", Expect.Positive, must: "Bồ Đề");
        Add("GET /api/v1/indicators", $"/api/v1/indicators?unit={s.BoDe}&period=2024&mode=now", Expect.NoLeak);
        Add("GET /api/v1/indicators/values", $"/api/v1/indicators/values?unit={s.BoDe}&{q}&code=tuyen_truyen.luot_nguoi", Expect.Positive, must: "tuyen_truyen.luot_nguoi");
        Add("GET /api/v1/indicators/values", $"/api/v1/indicators/values?unit={s.AGroup}&{qNow}", Expect.Positive, must: "ngay_hoi.khu_dan_cu");
        Add("GET /api/v1/indicators/{id}/sources", $"/api/v1/indicators/tuyen_truyen.luot_nguoi/sources?unit={s.BoDe}&{q}", Expect.Positive, must: Sides.AActivityTitle);
        Add("GET /api/v1/indicators/{id}/sources", $"/api/v1/indicators/tuyen_truyen.luot_nguoi/sources?unit={s.BoDe}&{qNow}", Expect.Positive, must: Sides.AActivityTitle);
        Add("GET /api/v1/indicators/{id}/sources", $"/api/v1/indicators/tuyen_truyen.cuoc/sources?unit={s.BoDe}&period=2024&mode=now", Expect.NoLeak);
        foreach (var x in b)
        {
            Add("GET /api/v1/indicators", $"/api/v1/indicators?unit={x}&{q}", Expect.Hidden);
            Add("GET /api/v1/indicators/values", $"/api/v1/indicators/values?unit={x}&{q}", Expect.Hidden);
            Add("GET /api/v1/indicators/values", $"/api/v1/indicators/values?unit={x}&period=2024&mode=now", Expect.Hidden);
            Add("GET /api/v1/indicators/{id}/sources", $"/api/v1/indicators/tuyen_truyen.luot_nguoi/sources?unit={x}&{q}", Expect.Hidden);
            Add("GET /api/v1/indicators/{id}/sources", $"/api/v1/indicators/tuyen_truyen.luot_nguoi/sources?unit={x}&period=2024&mode=then", Expect.Hidden);
        }

        // Page probes need the cookie session: run them before the sign-out probe, wherever it is in the list.
        var signOut = p.FindIndex(x => x.Expect == Expect.SignOut);
        p.InsertRange(signOut < 0 ? p.Count : signOut, mine);
    }
}

public sealed partial record Sides
{
    /// <summary>The quarter of the indicator records of both sides (after the 1/7/2025 reorganisation).</summary>
    public const string IndicatorQuarter = "2025Q4";
    public const string AActivityTitle = "Tuyên truyền thử nghiệm của tổ Bên A";
    public const string ATargetLabel = "Chỉ tiêu tuyên truyền thử nghiệm Bên A";

    /// <summary>The ISO week of today in Vietnam, and the next one.</summary>
    public static string ThisWeek() => WeekId(TestClock.UtcNow.AddHours(7));
    public static string NextWeek() => WeekId(TestClock.UtcNow.AddHours(7).AddDays(7));

    private static string WeekId(DateTime d) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(d):D4}W{ISOWeek.GetWeekOfYear(d):D2}");

    /// <summary>
    /// Work of both sides in 2025Q4 (and of B's Phường 2 before the merger), written through RecordWriter so the
    /// facts and totals exist; a target for each side's commune.
    /// </summary>
    private static async Task LoadIndicatorsAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit aGroup, Unit kt, Unit p2Old, Unit bQuarter)
    {
        var writer = new RecordWriter(db);
        var kind = await db.ActivityKinds.SingleAsync(k => k.Code == "tuyen_truyen");
        async Task<int> Activity(Unit unit, DateOnly date, string title, int sessions, int attendances)
        {
            var a = new Activity { UnitId = unit.Id, KindId = kind.Id, Date = date, Title = title, Sessions = sessions, Attendances = attendances, Source = RecordSource.Form };
            db.Activities.Add(a);
            await writer.SaveAsync(a);
            return a.Id;
        }
        ids["ind.aActivity"] = await Activity(aGroup, new DateOnly(2025, 10, 15), AActivityTitle, 3, 90);
        ids["ind.bActivity"] = await Activity(bQuarter, new DateOnly(2025, 10, 16), "Tuyên truyền khu phố Kiến Tường (thử)", 5, 150);
        ids["ind.bOldActivity"] = await Activity(p2Old, new DateOnly(2024, 3, 10), "Tuyên truyền Phường 2 Kiến Tường, Long An (thử)", 4, 120);

        var aTarget = new Target { UnitId = boDe.Id, Indicator = "tuyen_truyen.cuoc", Period = "2025", Value = 10, Label = ATargetLabel, CreatedAt = TestClock.UtcNow };
        var bTarget = new Target { UnitId = kt.Id, Indicator = "tuyen_truyen.cuoc", Period = "2025", Value = 10, Label = "Chỉ tiêu Kiến Tường (thử)", CreatedAt = TestClock.UtcNow };
        db.Targets.AddRange(aTarget, bTarget);
        await db.SaveChangesAsync();
        ids["ind.aTarget"] = aTarget.Id;
        ids["ind.bTarget"] = bTarget.Id;
    }
}
