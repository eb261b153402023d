using System.Text.Json;
using DoanKet.Data;
using DoanKet.Domain.Reports;
using DoanKet.Domain.Units;
using DoanKet.Features.Reports;

using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Security;

// Access-matrix probes for stored review reports and news drafts (Features/Reports, Features/News).
public sealed partial class AccessMatrixTests
{
    static partial void ReportProbes(Sides s, bool admin, List<Probe> p);

    static partial void ReportProbes(Sides s, bool admin, List<Probe> p)
    {
        void Add(string key, string url, Expect e, Dictionary<string, string>? form = null, string? must = null)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            p.Add(new Probe(key, key[..space], url, e, null, form, must));
        }
        int Id(string key) => s.Ids[key];

        Add("GET /bao-cao/van-ban/{id:int}", $"/bao-cao/van-ban/{Id("A.report")}", Expect.Positive, must: "Phường Bồ Đề");
        Add("GET /bao-cao/van-ban/{id:int}?handler=Word", $"/bao-cao/van-ban/{Id("A.report")}?handler=Word", Expect.Positive);
        Add("GET /bao-cao/duyet", "/bao-cao/duyet?period=2025Q4", Expect.Positive, must: "Chờ duyệt");
        Add("GET /bao-cao/duyet", "/bao-cao/duyet?period=2024S1", Expect.NoLeak);
        // Without a date the deadline form only answers with what to fix.
        Add("POST /bao-cao/duyet", "/bao-cao/duyet?period=2025Q4", Expect.Refused, new() { ["Due"] = "" });
        foreach (var u in new[] { s.Kt, s.BQuarter, s.P2Old })
            Add("POST /bao-cao/{unitId:int?}?handler=Open", $"/bao-cao/{u}?handler=Open&period=2025Q4", Expect.Refused, []);
        foreach (var b in new[] { "B", "BOld" })
        {
            var id = Id(b + ".report");
            var version = new Dictionary<string, string> { ["Input.Version"] = I(Id(b + ".reportVersion")) };
            Add("GET /bao-cao/van-ban/{id:int}", $"/bao-cao/van-ban/{id}", Expect.Hidden);
            Add("GET /bao-cao/van-ban/{id:int}?handler=Word", $"/bao-cao/van-ban/{id}?handler=Word", Expect.Hidden);
            Add("GET /bao-cao/van-ban/{id:int}?handler=Excel", $"/bao-cao/van-ban/{id}?handler=Excel", Expect.Hidden);
            Add("POST /bao-cao/van-ban/{id:int}", $"/bao-cao/van-ban/{id}", Expect.Refused, new(version) { ["Input.Situation"] = "Viết thử vào bên B" });
            Add("POST /bao-cao/van-ban/{id:int}?handler=Submit", $"/bao-cao/van-ban/{id}?handler=Submit", Expect.Refused, version);
            Add("POST /bao-cao/van-ban/{id:int}?handler=Approve", $"/bao-cao/van-ban/{id}?handler=Approve", Expect.Refused, version);
            Add("POST /bao-cao/van-ban/{id:int}?handler=Return", $"/bao-cao/van-ban/{id}?handler=Return", Expect.Refused, new(version) { ["Comment"] = "Trả lại thử" });
            Add("POST /bao-cao/van-ban/{id:int}?handler=News", $"/bao-cao/van-ban/{id}?handler=News", Expect.Refused, []);
            Add("POST /cong-viec/hoi-nghi/{id:int}?handler=News", $"/cong-viec/hoi-nghi/{Id(b + ".conference")}?handler=News", Expect.Refused, []);
        }

        Add("GET /tin-bai", "/tin-bai", Expect.Positive, must: Sides.ANews);
        Add("GET /tin-bai/{id:int}", $"/tin-bai/{Id("A.news")}", Expect.Positive, must: Sides.ANews);
        Add("GET /tin-bai/{id:int}", $"/tin-bai/{Id("B.news")}", Expect.Hidden);
        Add("POST /tin-bai/{id:int}", $"/tin-bai/{Id("B.news")}", Expect.Refused,
            new() { ["Input.Title"] = "Tiêu đề thử", ["Input.Lead"] = "Sapo thử", ["Input.Body"] = "Nội dung thử", ["Input.Version"] = I(Id("B.newsVersion")) });
        Add("POST /tin-bai/{id:int}?handler=Delete", $"/tin-bai/{Id("B.news")}?handler=Delete", Expect.Refused, new() { ["Input.Version"] = I(Id("B.newsVersion")) });
    }
}

public sealed partial record Sides
{
    public const string ANews = "Tin bài Bên A thử nghiệm về Ngày hội";

    /// <summary>A submitted report and a news draft of A; B's draft report and news, and the ended Phường 2's submitted report.</summary>
    private static async Task LoadReportsAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit kt, Unit p2Old)
    {
        var content = JsonSerializer.Serialize(new ReportContent("Sơ kết", "Sơ kết thử", [], [], []));
        var now = TestClock.UtcNow;
        foreach (var (key, unit, period, submitted) in new[] { ("A", boDe, "2025Q4", true), ("B", kt, "2025Q4", false), ("BOld", p2Old, "2024S1", true) })
        {
            var r = new ReviewReport { UnitId = unit.Id, PeriodId = period, CreatedAt = now, Situation = "Tình hình thử" };
            if (submitted)
                (r.Status, r.Snapshot, r.SubmittedAt, r.SubmittedBy, r.Number, r.NumberYear, r.IssuedOn) =
                    (ReportStatus.Submitted, content, now, "bên " + key, 1, 2025, new DateOnly(2025, 1, 10));
            db.ReviewReports.Add(r);
            await db.SaveChangesAsync();
            (ids[key + ".report"], ids[key + ".reportVersion"]) = (r.Id, (int)r.Version);
        }
        foreach (var (key, unit, title) in new[] { ("A", boDe, ANews), ("B", kt, "Tin bài Kiến Tường (bên B)") })
        {
            var n = new NewsDraft { UnitId = unit.Id, Title = title, Lead = "Sapo " + title, Body = "Nội dung " + title, CreatedAt = now };
            db.NewsDrafts.Add(n);
            await db.SaveChangesAsync();
            (ids[key + ".news"], ids[key + ".newsVersion"]) = (n.Id, (int)n.Version);
        }
    }
}
