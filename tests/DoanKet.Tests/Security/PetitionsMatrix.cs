using DoanKet.Data;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Petitions;
using DoanKet.Features.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Security;

// Access-matrix probes for the petition pages and API (Features/Petitions); the public form, tracking, answers and Open311 are in PublicKeys.
public sealed partial class AccessMatrixTests
{
    static partial void PetitionProbes(Sides s, bool admin, List<Probe> p);

    static partial void PetitionProbes(Sides s, bool admin, List<Probe> p)
    {
        void Add(string key, string url, Expect e, object? json = null, IReadOnlyDictionary<string, string>? form = null, string? must = null)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            p.Add(new Probe(key, key[..space], url, e, json, form, must));
        }
        int Id(string key) => s.Ids[key];
        var (aPetition, bPetition, bOldPetition) = (Id("A.petition"), Id("B.petition"), Id("BOld.petition"));
        var today = D(TestClock.Today);
        int[] bUnits = [s.Kt, s.BQuarter, s.P2Old];
        Dictionary<string, string> Step(string action, params (string Key, string Value)[] more)
        {
            var f = new Dictionary<string, string> { ["Step.Action"] = action, ["Step.Version"] = I(Id("A.petitionVersion")) };
            foreach (var (k, v) in more) f[k] = v;
            return f;
        }

        // ---- Pages
        Add("GET /y-kien", "/y-kien?trang-thai=tat-ca&q=ben%20a%20thu%20nghiem", Expect.Positive, must: Sides.APetition);
        Add("GET /y-kien", $"/y-kien?unit={s.Kt}", Expect.Hidden);
        Add("GET /y-kien", "/y-kien?q=kien%20tuong&trang-thai=tat-ca&ky=sai", Expect.NoLeak);
        Add("GET /y-kien/{id:int}", $"/y-kien/{aPetition}", Expect.Positive, must: Sides.APetition);
        foreach (var b in new[] { bPetition, bOldPetition })
        {
            Add("GET /y-kien/{id:int}", $"/y-kien/{b}", Expect.Hidden);
            Add("POST /y-kien/{id:int}", $"/y-kien/{b}", Expect.Refused, form: Step("Classify", ("Step.TopicId", I(Id("topic"))), ("Step.Kind", "Petition"), ("Step.Competence", "Commune")));
            Add("POST /y-kien/{id:int}?handler=Erase", $"/y-kien/{b}?handler=Erase", Expect.Refused, form: Step("Classify"));
            Add("GET /y-kien/{id:int}?handler=Export", $"/y-kien/{b}?handler=Export", Expect.Hidden);
        }
        // Attachments and the petitioner's data go to the receiving commune's officers only, never to an upper level.
        Add("GET /y-kien/{id:int}?handler=File", $"/y-kien/{aPetition}?handler=File&fileId={Id("A.file")}", admin ? Expect.Hidden : Expect.Positive, must: admin ? null : "%PDF-");
        Add("GET /y-kien/{id:int}?handler=File", $"/y-kien/{aPetition}?handler=File&fileId={Id("B.file")}", Expect.Hidden);
        Add("GET /y-kien/{id:int}?handler=File", $"/y-kien/{bPetition}?handler=File&fileId={Id("B.file")}", Expect.Hidden);
        Add("GET /y-kien/{id:int}?handler=Export", $"/y-kien/{aPetition}?handler=Export", admin ? Expect.Hidden : Expect.Positive, must: admin ? null : Sides.APetition);
        Add("GET /api/v1/petitions/{id:int}/personal-data", $"/api/v1/petitions/{aPetition}/personal-data", admin ? Expect.Hidden : Expect.Positive, must: admin ? null : Sides.APetition);
        Add("POST /y-kien/{id:int}", $"/y-kien/{aPetition}#forward to B's agency", Expect.Refused, form: Step("Forward", ("Step.AgencyId", I(Id("B.agency")))));
        Add("POST /y-kien/{id:int}", $"/y-kien/{aPetition}#merge into B's petition", Expect.Refused, form: Step("MarkDuplicate", ("Step.DuplicateOfId", I(bPetition))));
        Add("POST /y-kien/{id:int}", $"/y-kien/{aPetition}#classify without a topic", Expect.Refused, form: Step("Classify", ("Step.Kind", "Petition")));
        Add("POST /y-kien/{id:int}?handler=Erase", $"/y-kien/{aPetition}?handler=Erase#stale version", Expect.Refused, form: new Dictionary<string, string> { ["Step.Version"] = "99" });
        foreach (var u in bUnits)
            Add("POST /y-kien", $"/y-kien#unit {u}", Expect.Refused, form: new Dictionary<string, string>
            {
                ["Input.UnitId"] = I(u), ["Input.ReceivedOn"] = today, ["Input.Channel"] = "InPerson", ["Input.Kind"] = "Petition", ["Input.Content"] = "Ý kiến thử ghi vào đơn vị bên B",
                ["Input.Anonymous"] = "true",
            });
        Add("POST /y-kien", "/y-kien#empty", Expect.Refused, form: new Dictionary<string, string> { ["Input.UnitId"] = I(s.BoDe), ["Input.Content"] = "" });
        // The agencies a unit forwards to are its own and those above it: an upper account sees its own list.
        Add("GET /y-kien/co-quan", "/y-kien/co-quan", admin ? Expect.NoLeak : Expect.Positive, must: admin ? null : Sides.AAgency);
        Add("POST /y-kien/co-quan", "/y-kien/co-quan#empty", Expect.Refused, form: new Dictionary<string, string> { ["Name"] = "" });
        Add("GET /y-kien/tiep-xuc-cu-tri", "/y-kien/tiep-xuc-cu-tri", Expect.Positive, must: Sides.ARound);
        foreach (var u in bUnits)
            Add("POST /y-kien/tiep-xuc-cu-tri", $"/y-kien/tiep-xuc-cu-tri#unit {u}", Expect.Refused, form: new Dictionary<string, string>
            {
                ["Input.UnitId"] = I(u), ["Input.Body"] = "CommuneCouncil", ["Input.Name"] = "Đợt thử", ["Input.Session"] = "Kỳ họp thử", ["Input.StartDate"] = today,
            });
        Add("GET /y-kien/tiep-xuc-cu-tri/{id:int}", $"/y-kien/tiep-xuc-cu-tri/{Id("A.round")}", Expect.Positive, must: Sides.ARound);
        Add("GET /y-kien/tiep-xuc-cu-tri/{id:int}?handler=Word", $"/y-kien/tiep-xuc-cu-tri/{Id("A.round")}?handler=Word", Expect.Positive);
        foreach (var r in new[] { Id("B.round"), Id("BOld.round") })
        {
            Add("GET /y-kien/tiep-xuc-cu-tri/{id:int}", $"/y-kien/tiep-xuc-cu-tri/{r}", Expect.Hidden);
            Add("GET /y-kien/tiep-xuc-cu-tri/{id:int}?handler=Word", $"/y-kien/tiep-xuc-cu-tri/{r}?handler=Word", Expect.Hidden);
            Add("POST /y-kien/tiep-xuc-cu-tri/{id:int}?handler=Meeting", $"/y-kien/tiep-xuc-cu-tri/{r}?handler=Meeting", Expect.Refused, form: new Dictionary<string, string>
            {
                ["Meeting.Date"] = today, ["Meeting.Place"] = "Nhà văn hóa thử", ["Meeting.Deputies"] = "Đại biểu thử", ["Meeting.Attendance"] = "10",
            });
            Add("POST /y-kien/tiep-xuc-cu-tri/{id:int}?handler=Opinion", $"/y-kien/tiep-xuc-cu-tri/{r}?handler=Opinion", Expect.Refused, form: new Dictionary<string, string>
            {
                ["Opinion.MeetingId"] = I(Id("B.meeting")), ["Opinion.Content"] = "Ý kiến thử vào đợt bên B",
            });
        }
        Add("POST /y-kien/tiep-xuc-cu-tri/{id:int}?handler=Opinion", $"/y-kien/tiep-xuc-cu-tri/{Id("A.round")}?handler=Opinion#B's meeting", Expect.Refused, form: new Dictionary<string, string>
        {
            ["Opinion.MeetingId"] = I(Id("B.meeting")), ["Opinion.Content"] = "Ý kiến thử vào cuộc bên B",
        });
        Add("POST /y-kien/tiep-xuc-cu-tri/{id:int}?handler=Meeting", $"/y-kien/tiep-xuc-cu-tri/{Id("A.round")}?handler=Meeting#no place", Expect.Refused, form: new Dictionary<string, string>
        {
            ["Meeting.Date"] = today, ["Meeting.Attendance"] = "10",
        });

        // ---- API
        Add("GET /api/v1/petitions", "/api/v1/petitions?status=tat-ca&q=ben%20a%20thu%20nghiem", Expect.Positive, must: Sides.APetition);
        Add("GET /api/v1/petitions", $"/api/v1/petitions?unit={s.Kt}", Expect.Hidden);
        Add("GET /api/v1/petitions", $"/api/v1/petitions?unit={s.P2Old}&status=tat-ca", Expect.Hidden);
        Add("GET /api/v1/petitions/{id:int}", $"/api/v1/petitions/{aPetition}", Expect.Positive, must: Sides.APetition);
        Add("GET /api/v1/petitions/{id:int}/events", $"/api/v1/petitions/{aPetition}/events", Expect.Positive, must: "[");
        Add("GET /api/v1/topics", "/api/v1/topics", Expect.Positive, must: "ATGT");
        Add("GET /api/v1/agencies", "/api/v1/agencies", admin ? Expect.NoLeak : Expect.Positive, must: admin ? null : Sides.AAgency);
        Add("GET /api/v1/agencies", $"/api/v1/agencies?unit={s.BoDe}", Expect.Positive, must: Sides.AAgency);
        Add("GET /api/v1/agencies", $"/api/v1/agencies?unit={s.Kt}", Expect.Hidden);
        foreach (var b in new[] { bPetition, bOldPetition })
        {
            Add("GET /api/v1/petitions/{id:int}", $"/api/v1/petitions/{b}", Expect.Hidden);
            Add("GET /api/v1/petitions/{id:int}/events", $"/api/v1/petitions/{b}/events", Expect.Hidden);
            Add("POST /api/v1/petitions/{id:int}/actions", $"/api/v1/petitions/{b}/actions", Expect.Refused, json: new { Action = "CloseUnresolved", Version = 1, Reason = "Thử đóng ý kiến bên B" });
            Add("POST /api/v1/petitions/{id:int}/erase-identity", $"/api/v1/petitions/{b}/erase-identity?version=1", Expect.Refused);
            Add("GET /api/v1/petitions/{id:int}/personal-data", $"/api/v1/petitions/{b}/personal-data", Expect.Hidden);
        }
        Add("POST /api/v1/petitions/{id:int}/actions", $"/api/v1/petitions/{aPetition}/actions#B's agency", Expect.Refused,
            json: new { Action = "Forward", Version = Id("A.petitionVersion"), AgencyId = Id("B.agency") });
        foreach (var u in bUnits)
        {
            Add("POST /api/v1/petitions", $"/api/v1/petitions#unit {u}", Expect.Refused,
                json: new { UnitId = u, Channel = "InPerson", Kind = "Petition", Competence = "Commune", ReceivedOn = today, Content = "Ý kiến thử ghi vào bên B", Anonymous = true });
            Add("POST /api/v1/agencies", $"/api/v1/agencies#unit {u}", Expect.Refused, json: new { UnitId = u, Name = "Cơ quan thử bên B" });
        }
        Add("POST /api/v1/petitions", "/api/v1/petitions#empty", Expect.Refused, json: new { UnitId = s.BoDe, Content = "" });
    }
}

public sealed partial record Sides
{
    public const string APetition = "Ý kiến Bên A thử nghiệm về đèn đường";
    public const string AAgency = "Cơ quan Bên A thử nghiệm";
    public const string ARound = "Đợt tiếp xúc cử tri Bên A thử nghiệm";

    /// <summary>A named petition (B's a denunciation), an agency and a voter-contact round with a meeting on each side; the demo's round and petitions of the ended Phường 2.</summary>
    private static async Task LoadPetitionsAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit kt, Unit p2Old)
    {
        var flow = new PetitionFlow(db, new RecordWriter(db), Options.Create(new PetitionOptions()));
        foreach (var (side, unit, content, agencyName, roundName) in new[]
        {
            ("A", boDe, APetition, AAgency, ARound),
            ("B", kt, BPersonMarker + " phản ánh đèn đường Kiến Tường", "Cơ quan Kiến Tường (bên B)", "Đợt tiếp xúc Kiến Tường (bên B)"),
        })
        {
            // B's is a denunciation, never public: Open311 and the public pages may list every other petition without naming B.
            var p = await flow.ReceiveAsync(new PetitionInput(unit.Id, PetitionChannel.InPerson, side == "A" ? PetitionKind.Petition : PetitionKind.Denunciation, Competence.Commune, null, TestClock.Today,
                content, false, side == "A" ? "Người gửi Bên A" : BPersonMarker, "0900 000 000", null), "security-tests");
            // Classified, so that forwarding and merging are allowed steps and the probes reach the scope checks.
            Assert.Null(await flow.ApplyAsync(p, unit, new ActionInput(PetitionAction.Classify, p.Version, await db.Topics.Where(t => t.Code == "atgt").Select(t => t.Id).SingleAsync(),
                p.Kind, Competence.Commune), "security-tests"));
            var agency = new Agency { UnitId = unit.Id, Name = agencyName };
            var round = new VoterRound { UnitId = unit.Id, Name = roundName, Session = "Kỳ họp thử", StartDate = TestClock.Today.AddDays(-10) };
            db.AddRange(agency, round);
            await db.SaveChangesAsync();
            var meeting = new VoterMeeting { RoundId = round.Id, UnitId = unit.Id, Date = TestClock.Today.AddDays(-5), Place = "Nhà văn hóa " + side, Deputies = "Đại biểu " + side, Attendance = 40 };
            db.VoterMeetings.Add(meeting);
            await db.SaveChangesAsync();
            (ids[$"{side}.petition"], ids[$"{side}.agency"], ids[$"{side}.round"], ids[$"{side}.meeting"]) = (p.Id, agency.Id, round.Id, meeting.Id);
            ids[$"{side}.petitionVersion"] = (int)p.Version;
            var file = new PetitionFile { PetitionId = p.Id, FileName = $"anh-{side}.pdf", ContentType = "application/pdf", Bytes = "%PDF-1.4 thử"u8.ToArray(), CreatedAt = TestClock.UtcNow };
            db.PetitionFiles.Add(file);
            await db.SaveChangesAsync();
            ids[$"{side}.file"] = file.Id;
        }
        ids["BOld.petition"] = await db.Petitions.Where(p => p.UnitId == p2Old.Id).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        ids["BOld.round"] = await db.VoterRounds.Where(r => r.UnitId == p2Old.Id).Select(r => r.Id).FirstAsync();
        ids["topic"] = await db.Topics.Where(t => t.Code == "atgt").Select(t => t.Id).SingleAsync();
    }
}
