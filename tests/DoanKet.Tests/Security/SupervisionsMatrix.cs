using DoanKet.Data;
using DoanKet.Domain.Supervisions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using Microsoft.EntityFrameworkCore;

using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Security;

// Access-matrix probes for supervisions and social criticism (Features/Supervisions).
public sealed partial class AccessMatrixTests
{
    static partial void SupervisionProbes(Sides s, bool admin, List<Probe> p);

    static partial void SupervisionProbes(Sides s, bool admin, List<Probe> p)
    {
        void Add(string key, string url, Expect e, Dictionary<string, string>? form = null, string? must = null)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            p.Add(new Probe(key, key[..space], url, e, null, form, must));
        }
        int Id(string key) => s.Ids[key];
        var today = D(TestClock.Today);
        var year = I(TestClock.Today.Year);
        int[] bUnits = [s.Kt, s.BQuarter, s.P2Old];
        Dictionary<string, string> Supervision(int unit, string version) => new()
        {
            ["Input.UnitId"] = I(unit), ["Input.Year"] = year, ["Input.Board"] = "Committee", ["Input.Role"] = "Lead", ["Input.Status"] = "Planned",
            ["Input.Title"] = "Giám sát thử vào bên B", ["Input.Subject"] = "Đối tượng thử", ["Input.Version"] = version,
        };
        Dictionary<string, string> Criticism(int unit, string version) => new()
        {
            ["Input.UnitId"] = I(unit), ["Input.Kind"] = "Feedback", ["Input.Date"] = today, ["Input.Draft"] = "Dự thảo thử vào bên B",
            ["Input.DraftingBody"] = "Cơ quan thử", ["Input.Version"] = version,
        };
        Dictionary<string, string> Answer(int rec) => new()
        {
            ["Answer.RecommendationId"] = I(rec), ["Answer.Status"] = "Resolved", ["Answer.Response"] = "Đã giải quyết (thử)",
            ["Answer.RespondedOn"] = today, ["Answer.ResolvedOn"] = today,
        };
        Dictionary<string, string> Comment(int comment) => new()
        {
            ["Comment.CommentId"] = I(comment), ["Comment.Content"] = "Ý kiến thử", ["Comment.Response"] = "Accepted", ["Comment.RespondedOn"] = today,
        };

        Add("GET /giam-sat", $"/giam-sat?nam={year}", Expect.Positive, must: Sides.ASupervision);
        Add("GET /giam-sat", "/giam-sat?nam=2024&ban=Committee", Expect.NoLeak);
        Add("GET /giam-sat", "/giam-sat?qua-han=true", Expect.NoLeak);
        Add("GET /giam-sat/{id:int}", $"/giam-sat/{Id("A.supervision")}", Expect.Positive, must: Sides.ASupervision);
        foreach (var u in bUnits) Add("POST /giam-sat", $"/giam-sat#unit {u}", Expect.Refused, Supervision(u, "0"));
        foreach (var b in new[] { "B", "BOld" })
        {
            var id = Id(b + ".supervision");
            Add("GET /giam-sat/{id:int}", $"/giam-sat/{id}", Expect.Hidden);
            Add("POST /giam-sat/{id:int}", $"/giam-sat/{id}", Expect.Refused, Supervision(s.BoDe, I(Id(b + ".supervisionVersion"))));
            Add("POST /giam-sat/{id:int}?handler=Session", $"/giam-sat/{id}?handler=Session", Expect.Refused, new() { ["Session.Date"] = today, ["Session.Content"] = "Buổi thử" });
            Add("POST /giam-sat/{id:int}?handler=Recommendation", $"/giam-sat/{id}?handler=Recommendation", Expect.Refused,
                new() { ["Recommendation.Content"] = "Kiến nghị thử", ["Recommendation.Addressee"] = "Nơi thử", ["Recommendation.IssuedOn"] = today });
            Add("POST /giam-sat/{id:int}?handler=Answer", $"/giam-sat/{id}?handler=Answer", Expect.Refused, Answer(Id(b + ".recommendation")));
            Add("POST /giam-sat/{id:int}?handler=FollowUp", $"/giam-sat/{id}?handler=FollowUp", Expect.Refused, []);
            Add("POST /giam-sat/{id:int}?handler=Delete", $"/giam-sat/{id}?handler=Delete", Expect.Refused, new() { ["Input.Version"] = I(Id(b + ".supervisionVersion")) });
            Add("POST /giam-sat/{id:int}?handler=Restore", $"/giam-sat/{id}?handler=Restore", Expect.Refused, new() { ["Input.Version"] = I(Id(b + ".supervisionVersion")) });
        }
        // A's own supervision, aimed at B: B's recommendation, B's unit.
        Add("POST /giam-sat/{id:int}?handler=Answer", $"/giam-sat/{Id("A.supervision")}?handler=Answer#B's recommendation", Expect.Refused, Answer(Id("B.recommendation")));
        Add("POST /giam-sat/{id:int}", $"/giam-sat/{Id("A.supervision")}#move to B", Expect.Refused, Supervision(s.Kt, I(Id("A.supervisionVersion"))));

        Add("GET /phan-bien", $"/phan-bien?nam={year}", Expect.Positive, must: Sides.ACriticism);
        Add("GET /phan-bien", "/phan-bien?nam=2024", Expect.NoLeak);
        Add("GET /phan-bien/{id:int}", $"/phan-bien/{Id("A.criticism")}", Expect.Positive, must: Sides.ACriticism);
        foreach (var u in bUnits) Add("POST /phan-bien", $"/phan-bien#unit {u}", Expect.Refused, Criticism(u, "0"));
        foreach (var b in new[] { "B", "BOld" })
        {
            var id = Id(b + ".criticism");
            Add("GET /phan-bien/{id:int}", $"/phan-bien/{id}", Expect.Hidden);
            Add("POST /phan-bien/{id:int}", $"/phan-bien/{id}", Expect.Refused, Criticism(s.BoDe, I(Id(b + ".criticismVersion"))));
            Add("POST /phan-bien/{id:int}?handler=Comment", $"/phan-bien/{id}?handler=Comment", Expect.Refused, Comment(0));
            Add("POST /phan-bien/{id:int}?handler=Delete", $"/phan-bien/{id}?handler=Delete", Expect.Refused, new() { ["Input.Version"] = I(Id(b + ".criticismVersion")) });
            Add("POST /phan-bien/{id:int}?handler=Restore", $"/phan-bien/{id}?handler=Restore", Expect.Refused, new() { ["Input.Version"] = I(Id(b + ".criticismVersion")) });
        }
        Add("POST /phan-bien/{id:int}?handler=Comment", $"/phan-bien/{Id("A.criticism")}?handler=Comment#B's comment", Expect.Refused, Comment(Id("B.comment")));
        Add("POST /phan-bien/{id:int}", $"/phan-bien/{Id("A.criticism")}#move to B", Expect.Refused, Criticism(s.Kt, I(Id("A.criticismVersion"))));

        // Review reports (Features/Reports): a readable unit's, never B's; the account's own by default.
        Add("GET /bao-cao/{unitId:int?}", $"/bao-cao/{s.BoDe}?period={year}", Expect.Positive, must: "Phường Bồ Đề");
        Add("GET /bao-cao/{unitId:int?}", "/bao-cao?period=2024S1", Expect.NoLeak);
        Add("GET /bao-cao/{unitId:int?}?handler=Word", $"/bao-cao/{s.BoDe}?handler=Word&period={year}", Expect.Positive);
        Add("GET /bao-cao/{unitId:int?}?handler=Json", $"/bao-cao/{s.BoDe}?handler=Json&period={year}", Expect.Positive, must: "Bồ Đề");
        Add("GET /bao-cao/{unitId:int?}?handler=Excel", $"/bao-cao/{s.BoDe}?handler=Excel&period={year}", Expect.Positive);
        foreach (var b in new[] { s.Kt, s.P2Old, s.KtTownOld, s.TayNinh })
        {
            Add("GET /bao-cao/{unitId:int?}", $"/bao-cao/{b}?period=2024S1", Expect.Hidden);
            Add("GET /bao-cao/{unitId:int?}?handler=Word", $"/bao-cao/{b}?handler=Word&period=2024S1", Expect.Hidden);
            Add("GET /bao-cao/{unitId:int?}?handler=Json", $"/bao-cao/{b}?handler=Json&period=2024S1", Expect.Hidden);
            Add("GET /bao-cao/{unitId:int?}?handler=Excel", $"/bao-cao/{b}?handler=Excel&period=2024S1", Expect.Hidden);
        }
    }
}

public sealed partial record Sides
{
    public const string ASupervision = "Giám sát Bên A thử nghiệm về chợ dân sinh";
    public const string ACriticism = "Dự thảo Bên A thử nghiệm về chợ dân sinh";

    /// <summary>A started supervision with a recommendation, and a draft's feedback with a comment, on each side; the demo's of the ended Phường 2.</summary>
    private static async Task LoadSupervisionsAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit kt, Unit p2Old)
    {
        var today = TestClock.Today;
        foreach (var (side, unit, title, draft) in new[]
        {
            ("A", boDe, ASupervision, ACriticism),
            ("B", kt, "Giám sát chợ Kiến Tường (bên B)", "Dự thảo quy chế Kiến Tường (bên B)"),
        })
        {
            var s = new Supervision { UnitId = unit.Id, Year = today.Year, Title = title, Subject = "Ban quản lý chợ", Status = SupervisionStatus.Underway, StartedOn = today.AddDays(-10) };
            var c = new SocialCriticism { UnitId = unit.Id, Kind = CriticismKind.Feedback, Date = today.AddDays(-3), Draft = draft, DraftingBody = "UBND phường" };
            db.AddRange(s, c);
            await db.SaveChangesAsync();
            var r = new Recommendation { SupervisionId = s.Id, Content = "Kiến nghị thử", Addressee = "Ban quản lý chợ", IssuedOn = today.AddDays(-5) };
            var x = new CriticismComment { CriticismId = c.Id, Content = "Ý kiến thử" };
            db.AddRange(r, x);
            await db.SaveChangesAsync();
            (ids[$"{side}.supervision"], ids[$"{side}.recommendation"], ids[$"{side}.criticism"], ids[$"{side}.comment"]) = (s.Id, r.Id, c.Id, x.Id);
            (ids[$"{side}.supervisionVersion"], ids[$"{side}.criticismVersion"]) = ((int)s.Version, (int)c.Version);
        }
        var old = await db.Supervisions.Where(s => s.UnitId == p2Old.Id).OrderBy(s => s.Id).FirstAsync();
        ids["BOld.supervision"] = old.Id;
        ids["BOld.supervisionVersion"] = (int)old.Version;
        ids["BOld.recommendation"] = ids["B.recommendation"];
        var oldCriticism = await db.SocialCriticisms.Where(c => c.UnitId == p2Old.Id).OrderBy(c => c.Id).FirstAsync();
        ids["BOld.criticism"] = oldCriticism.Id;
        ids["BOld.criticismVersion"] = (int)oldCriticism.Version;
    }
}
