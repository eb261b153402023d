using DoanKet.Data;
using DoanKet.Domain.History;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using Microsoft.EntityFrameworkCore;

using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Security;

// Access-matrix probes for old documents imported into history (Features/History).
public sealed partial class AccessMatrixTests
{
    static partial void HistoryProbes(Sides s, bool admin, List<Probe> p);

    static partial void HistoryProbes(Sides s, bool admin, List<Probe> p)
    {
        void Add(string key, string url, Expect e, Dictionary<string, string>? form = null, string? must = null)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            p.Add(new Probe(key, key[..space], url, e, null, form, must));
        }
        int Id(string key) => s.Ids[key];

        Add("GET /lich-su", "/lich-su", Expect.Positive, must: Sides.AHistory);
        Add("GET /lich-su/{id:int}", $"/lich-su/{Id("A.history")}", Expect.Positive, must: Sides.AHistory);
        Add("GET /lich-su/nhap", "/lich-su/nhap", Expect.Positive, must: "Đọc số liệu");
        // Reading names no unit of B, whichever unit is asked for; saving into B's units (now or ended) is refused.
        const string text = "Ủy ban MTTQ Phường 2 sơ kết 6 tháng đầu năm 2024: tổ chức 77 cuộc tuyên truyền.";
        foreach (var unit in new[] { s.Kt, s.P2Old })
        {
            Add("POST /lich-su/nhap?handler=Read", "/lich-su/nhap?handler=Read", Expect.NoLeak, new() { ["Text"] = text, ["UnitId"] = I(unit), ["PeriodId"] = "2024S1" });
            Add("POST /lich-su/nhap?handler=Save", "/lich-su/nhap?handler=Save", Expect.Refused,
                new() { ["Text"] = text, ["UnitId"] = I(unit), ["PeriodId"] = "2024S1", ["Take[0]"] = "true", ["Indicator[0]"] = I(Id("indicator.tuyen_truyen.cuoc")) });
        }
        foreach (var b in new[] { "B", "BOld" })
        {
            Add("GET /lich-su/{id:int}", $"/lich-su/{Id(b + ".history")}", Expect.Hidden);
            Add("POST /lich-su/{id:int}?handler=Delete", $"/lich-su/{Id(b + ".history")}?handler=Delete", Expect.Refused, new() { ["Version"] = I(Id(b + ".historyVersion")) });
        }
    }
}

public sealed partial record Sides
{
    public const string AHistory = "Báo cáo cũ Bồ Đề nhập thử";

    /// <summary>One imported document each for Bồ Đề (A), Kiến Tường (B) and the ended Phường 2 (B's history), with a figure and its fact.</summary>
    private static async Task LoadHistoryAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit kt, Unit p2Old)
    {
        var indicator = await db.Indicators.SingleAsync(i => i.Code == "tuyen_truyen.cuoc");
        ids["indicator.tuyen_truyen.cuoc"] = indicator.Id;
        foreach (var (key, unit, period, title) in new[] { ("A", boDe, "2025Q4", AHistory), ("B", kt, "2025Q4", "Báo cáo cũ Kiến Tường"), ("BOld", p2Old, "2024S1", "Báo cáo cũ Phường 2 Kiến Tường") })
        {
            var text = $"{title}: tổ chức 12 cuộc tuyên truyền.";
            var start = text.IndexOf("12 cuộc", StringComparison.Ordinal);
            var d = new HistoricalDocument
            {
                UnitId = unit.Id, PeriodId = period, Title = title, Text = text, ContentHash = key, CreatedAt = TestClock.UtcNow,
                Figures = [new ImportedFigure { Start = start, End = start + 7, Text = "12 cuộc", Quantity = 12, UnitOfMeasure = "cuộc", Category = "propaganda", Qualifier = "exact", IndicatorId = indicator.Id, FactKey = "tuyen_truyen.cuoc", Value = 12 }],
            };
            db.HistoricalDocuments.Add(d);
            await new RecordWriter(db).SaveAsync(d);
            (ids[key + ".history"], ids[key + ".historyVersion"]) = (d.Id, (int)d.Version);
        }
    }
}
