using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using Microsoft.EntityFrameworkCore;

using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Security;

// Access-matrix probes for the work-record pages and API (Features/Records).
public sealed partial class AccessMatrixTests
{
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One kind of record: its API path, page slug, A's record, B's current, ended and deleted records, and a valid body for a unit.</summary>
    private sealed record RecordKind(string Api, string Slug, int A, int B, int BOld, int BDeleted, long BVersion, long BOldVersion, long BDeletedVersion, long AVersion,
        Func<int, long?, object> Json, Func<int, long, Dictionary<string, string>> Form, string AText);

    /// <summary>Probes of the record pages and API; use s.Ids for the records made in <see cref="Sides.LoadRecordsAsync"/>.</summary>
    static partial void RecordProbes(Sides s, bool admin, List<Probe> p);

    static partial void RecordProbes(Sides s, bool admin, List<Probe> p)
    {
        void Add(string key, string method, string url, Expect e, object? json = null, IReadOnlyDictionary<string, string>? form = null, string? must = null) =>
            p.Add(new Probe(key, method, url, e, json, form, must));
        int Id(string key) => s.Ids[key];
        var today = TestClock.Today;
        var d = D(today);
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        var kind = Id("kind");
        RecordKind Kind(string name, string api, string slug, Func<int, long?, object> json, Func<int, long, Dictionary<string, string>> form, string aText) =>
            new(api, slug, Id($"A.{name}"), Id($"B.{name}"), Id($"BOld.{name}"), Id($"BDel.{name}"), Id($"B.{name}.v"), Id($"BOld.{name}.v"), Id($"BDel.{name}.v"), Id($"A.{name}.v"),
                json, form, aText);
        Dictionary<string, string> Form(int unit, long version, params (string Key, string Value)[] fields)
        {
            var f = new Dictionary<string, string> { ["Input.UnitId"] = I(unit), ["Input.Version"] = version.ToString(CultureInfo.InvariantCulture) };
            foreach (var (k, v) in fields) f["Input." + k] = v;
            return f;
        }
        var kinds = new[]
        {
            Kind("activity", "activities", "hoat-dong",
                (unit, v) => new { UnitId = unit, KindId = kind, Date = d, Title = "Hoạt động thử", Sessions = 1, Attendances = 10, Version = v },
                (unit, v) => Form(unit, v, ("KindId", I(kind)), ("FormUnitId", I(unit)), ("FormKindId", I(kind)), ("Date", d), ("Title", "Hoạt động thử"), ("Sessions", "1"), ("Attendances", "10")),
                Sides.AActivity),
            Kind("conference", "conferences", "hoi-nghi",
                (unit, v) => new { UnitId = unit, Date = d, Type = "Review", Title = "Hội nghị thử", Invited = 10, Present = 9, Version = v },
                (unit, v) => Form(unit, v, ("Date", d), ("Type", "Review"), ("Title", "Hội nghị thử"), ("Invited", "10"), ("Present", "9")),
                Sides.AConference),
            Kind("initiative", "initiatives", "mo-hinh",
                (unit, v) => new { UnitId = unit, Name = "Mô hình thử", Field = "khac", Status = "Active", RegisteredOn = d, Version = v },
                (unit, v) => Form(unit, v, ("Name", "Mô hình thử"), ("Field", "khac"), ("Status", "Active"), ("RegisteredOn", d)),
                Sides.AInitiative),
            Kind("commendation", "commendations", "khen-thuong",
                (unit, v) => new { UnitId = unit, Date = d, Form = "Certificate", Level = "Commune", Collective = true, Recipient = "Tập thể thử", Version = v },
                (unit, v) => Form(unit, v, ("Date", d), ("Form", "Certificate"), ("Level", "Commune"), ("Collective", "true"), ("Recipient", "Tập thể thử")),
                Sides.ACommendation),
            Kind("target", "targets", "chi-tieu",
                (unit, v) => new { UnitId = unit, Indicator = "mo_hinh", Period = "2030", Value = 5.0, Source = "YearlyProgramme", Version = v },
                (unit, v) => Form(unit, v, ("Indicator", "mo_hinh"), ("Period", "2030"), ("Value", "5"), ("Source", "YearlyProgramme")),
                Sides.ATarget),
        };

        foreach (var k in kinds)
        {
            // ---- API
            var list = "GET /api/v1/" + k.Api;
            Add(list, "GET", $"/api/v1/{k.Api}?period={year}", Expect.Positive, must: k.AText);
            Add(list, "GET", $"/api/v1/{k.Api}", Expect.NoLeak);
            Add(list, "GET", $"/api/v1/{k.Api}?deleted=true", Expect.NoLeak);
            foreach (var b in new[] { s.Kt, s.BQuarter, s.TayNinh, s.P2Old, s.KtTownOld })
                Add(list, "GET", $"/api/v1/{k.Api}?unit={b}", Expect.NoLeak);
            var one = $"GET /api/v1/{k.Api}/{{id:int}}";
            Add(one, "GET", $"/api/v1/{k.Api}/{k.A}", Expect.Positive, must: k.AText);
            foreach (var b in new[] { k.B, k.BOld, k.BDeleted })
                Add(one, "GET", $"/api/v1/{k.Api}/{b}", Expect.Hidden);
            foreach (var unit in new[] { s.Kt, s.BQuarter, s.P2Old, s.TayNinh, s.BDeleted })
                Add("POST /api/v1/" + k.Api, "POST", $"/api/v1/{k.Api}#unit {unit}", Expect.Refused, json: k.Json(unit, null));
            var put = $"PUT /api/v1/{k.Api}/{{id:int}}";
            Add(put, "PUT", $"/api/v1/{k.Api}/{k.B}", Expect.Refused, json: k.Json(s.Kt, k.BVersion));
            Add(put, "PUT", $"/api/v1/{k.Api}/{k.B}#into A", Expect.Refused, json: k.Json(s.BoDe, k.BVersion));
            Add(put, "PUT", $"/api/v1/{k.Api}/{k.BOld}", Expect.Refused, json: k.Json(s.P2Old, k.BOldVersion));
            Add(put, "PUT", $"/api/v1/{k.Api}/{k.A}#move A's record into B", Expect.Refused, json: k.Json(s.Kt, k.AVersion));
            Add(put, "PUT", $"/api/v1/{k.Api}/{k.A}#move A's record into B's quarter", Expect.Refused, json: k.Json(s.BQuarter, k.AVersion));
            var del = $"DELETE /api/v1/{k.Api}/{{id:int}}";
            Add(del, "DELETE", $"/api/v1/{k.Api}/{k.B}?version={k.BVersion}", Expect.Refused);
            Add(del, "DELETE", $"/api/v1/{k.Api}/{k.BOld}?version={k.BOldVersion}", Expect.Refused);
            Add($"POST /api/v1/{k.Api}/{{id:int}}/restore", "POST", $"/api/v1/{k.Api}/{k.BDeleted}/restore?version={k.BDeletedVersion}", Expect.Refused);

            // ---- Pages: the list, delete and restore, the add and edit forms
            Add("GET /cong-viec", "GET", $"/cong-viec?tab={k.Slug}&period={year}", Expect.Positive, must: k.AText);
            Add("GET /cong-viec", "GET", $"/cong-viec?tab={k.Slug}&period={year}&da-xoa=true", Expect.NoLeak);
            foreach (var b in new[] { s.Kt, s.BQuarter, s.TayNinh })
                Add("GET /cong-viec", "GET", $"/cong-viec?tab={k.Slug}&unit={b}&period={year}", Expect.NoLeak);
            Add("GET /cong-viec", "GET", $"/cong-viec?tab={k.Slug}&unit={s.P2Old}&period=2024", Expect.NoLeak);
            foreach (var (id, v) in new[] { (k.B, k.BVersion), (k.BOld, k.BOldVersion) })
                Add("POST /cong-viec?handler=Delete", "POST", $"/cong-viec?handler=Delete#{k.Slug} {id}", Expect.Refused,
                    form: new Dictionary<string, string> { ["type"] = k.Slug, ["id"] = I(id), ["version"] = v.ToString(CultureInfo.InvariantCulture) });
            Add("POST /cong-viec?handler=Restore", "POST", $"/cong-viec?handler=Restore#{k.Slug}", Expect.Refused,
                form: new Dictionary<string, string> { ["type"] = k.Slug, ["id"] = I(k.BDeleted), ["version"] = k.BDeletedVersion.ToString(CultureInfo.InvariantCulture) });
            var add = $"/cong-viec/{k.Slug}/them";
            Add("GET " + add, "GET", add, Expect.Positive, must: "Bồ Đề");
            Add("GET " + add, "GET", $"{add}?unit={s.Kt}", Expect.NoLeak);
            foreach (var unit in new[] { s.Kt, s.BQuarter, s.P2Old })
                Add("POST " + add, "POST", $"{add}#unit {unit}", Expect.Refused, form: k.Form(unit, 0));
            var edit = $"/cong-viec/{k.Slug}/{{id:int}}/sua";
            Add("GET " + edit, "GET", $"/cong-viec/{k.Slug}/{k.A}/sua", Expect.Positive, must: k.AText);
            foreach (var b in new[] { k.B, k.BOld, k.BDeleted })
                Add("GET " + edit, "GET", $"/cong-viec/{k.Slug}/{b}/sua", Expect.Hidden);
            Add("POST " + edit, "POST", $"/cong-viec/{k.Slug}/{k.B}/sua", Expect.Refused, form: k.Form(s.Kt, k.BVersion));
            Add("POST " + edit, "POST", $"/cong-viec/{k.Slug}/{k.B}/sua#into A", Expect.Refused, form: k.Form(s.BoDe, k.BVersion));
            Add("POST " + edit, "POST", $"/cong-viec/{k.Slug}/{k.BOld}/sua", Expect.Refused, form: k.Form(s.P2Old, k.BOldVersion));
            Add("POST " + edit, "POST", $"/cong-viec/{k.Slug}/{k.A}/sua#move A's record into B", Expect.Refused, form: k.Form(s.Kt, k.AVersion));
        }
        Add("GET /cong-viec", "GET", "/cong-viec", Expect.Positive, must: Sides.AActivity);
        Add("GET /cong-viec", "GET", $"/cong-viec?unit={s.Kt}", Expect.NoLeak);
        Add("GET /cong-viec", "GET", $"/cong-viec?tab=ngay-hoi&period={year}", Expect.Positive, must: "Đã tổ chức");
        Add("GET /cong-viec", "GET", $"/cong-viec?tab=ngay-hoi&unit={s.Kt}&period={year}", Expect.NoLeak);

        // Organisers of another scope, on A's own unit.
        var bOrg = Id("B.org");
        Add("POST /api/v1/activities", "POST", "/api/v1/activities#B's organiser", Expect.Refused,
            json: new { UnitId = s.BoDe, KindId = kind, Date = d, Title = "Hoạt động thử", Sessions = 1, LeadOrganisationId = bOrg });
        Add("POST /api/v1/activities", "POST", "/api/v1/activities#B's co-organiser", Expect.Refused,
            json: new { UnitId = s.BoDe, KindId = kind, Date = d, Title = "Hoạt động thử", Sessions = 1, CoOrganiserIds = new[] { bOrg } });
        var activity = kinds[0];
        Add("PUT /api/v1/activities/{id:int}", "PUT", $"/api/v1/activities/{activity.A}#B's organiser", Expect.Refused,
            json: new { UnitId = s.BoDe, KindId = kind, Date = d, Title = "Hoạt động thử", Sessions = 1, LeadOrganisationId = bOrg, Version = activity.AVersion });
        var withBOrg = activity.Form(s.BoDe, 0);
        withBOrg["Input.LeadOrganisationId"] = I(bOrg);
        Add("POST /cong-viec/hoat-dong/them", "POST", "/cong-viec/hoat-dong/them#B's organiser", Expect.Refused, form: withBOrg);
        var coBOrg = activity.Form(s.BoDe, activity.AVersion);
        coBOrg["Input.CoOrganiserIds[0]"] = I(bOrg);
        Add("POST /cong-viec/hoat-dong/{id:int}/sua", "POST", $"/cong-viec/hoat-dong/{activity.A}/sua#B's co-organiser", Expect.Refused, form: coBOrg);

        // Activity and conference pages, photos.
        foreach (var (slug, k) in new[] { ("hoat-dong", activity), ("hoi-nghi", kinds[1]) })
        {
            var key = $"GET /cong-viec/{slug}/{{id:int}}";
            Add(key, "GET", $"/cong-viec/{slug}/{k.A}", Expect.Positive, must: k.AText);
            foreach (var b in new[] { k.B, k.BOld, k.BDeleted })
                Add(key, "GET", $"/cong-viec/{slug}/{b}", Expect.Hidden);
        }
        var (aPhoto, bPhoto) = (Id("A.photo"), Id("B.photo"));
        Add("GET /cong-viec/hoat-dong/{id:int}?handler=Photo", "GET", $"/cong-viec/hoat-dong/{activity.A}?handler=Photo&photoId={aPhoto}", Expect.Positive);
        Add("GET /cong-viec/hoat-dong/{id:int}?handler=Photo", "GET", $"/cong-viec/hoat-dong/{activity.B}?handler=Photo&photoId={bPhoto}", Expect.Hidden);
        Add("GET /cong-viec/hoat-dong/{id:int}?handler=Photo", "GET", $"/cong-viec/hoat-dong/{activity.A}?handler=Photo&photoId={bPhoto}", Expect.Hidden);
        Add("POST /cong-viec/hoat-dong/{id:int}?handler=Upload", "POST", $"/cong-viec/hoat-dong/{activity.B}?handler=Upload", Expect.Refused, form: new Dictionary<string, string> { ["caption"] = "Ảnh thử" });
        Add("POST /cong-viec/hoat-dong/{id:int}?handler=Upload", "POST", $"/cong-viec/hoat-dong/{activity.BOld}?handler=Upload", Expect.Refused, form: new Dictionary<string, string>());
        Add("POST /cong-viec/hoat-dong/{id:int}?handler=DeletePhoto", "POST", $"/cong-viec/hoat-dong/{activity.B}?handler=DeletePhoto&photoId={bPhoto}", Expect.Refused, form: new Dictionary<string, string>());
        Add("POST /cong-viec/hoat-dong/{id:int}?handler=DeletePhoto", "POST", $"/cong-viec/hoat-dong/{activity.A}?handler=DeletePhoto#B's photo", Expect.Refused,
            form: new Dictionary<string, string> { ["photoId"] = I(bPhoto) });

        // Unity Day: API and the page of a commune.
        var (bOldQuarter, aGroupYear) = (Id("BOld.quarter"), year);
        Add("GET /api/v1/unity-days", "GET", $"/api/v1/unity-days?unit={s.BoDe}&year={year}", Expect.Positive, must: Sides.AUnityDay);
        Add("GET /api/v1/unity-days", "GET", "/api/v1/unity-days", Expect.NoLeak);
        foreach (var b in new[] { s.Kt, s.BQuarter, s.TayNinh })
            Add("GET /api/v1/unity-days", "GET", $"/api/v1/unity-days?unit={b}&year={year}", Expect.NoLeak);
        Add("GET /api/v1/unity-days", "GET", $"/api/v1/unity-days?unit={s.P2Old}&year=2024", Expect.NoLeak);
        foreach (var (unit, y) in new[] { (s.BQuarter, year), (bOldQuarter, "2024"), (s.Kt, year) })
            Add("PUT /api/v1/unity-days", "PUT", $"/api/v1/unity-days#unit {unit}", Expect.Refused,
                json: new { UnitId = unit, Year = int.Parse(y, CultureInfo.InvariantCulture), Held = true, Date = y == year ? d : "2024-11-18", HouseholdsAttending = 1, HouseholdsTotal = 2 });
        Add("GET /cong-viec/ngay-hoi/{unitId:int}", "GET", $"/cong-viec/ngay-hoi/{s.BoDe}?nam={aGroupYear}", Expect.Positive, must: Sides.AUnityDay);
        Add("GET /cong-viec/ngay-hoi/{unitId:int}", "GET", $"/cong-viec/ngay-hoi/{s.AGroup}?nam={aGroupYear}", Expect.Positive, must: Sides.AUnityDay);
        foreach (var b in new[] { s.Kt, s.BQuarter, bOldQuarter })
            Add("GET /cong-viec/ngay-hoi/{unitId:int}", "GET", $"/cong-viec/ngay-hoi/{b}?nam={year}", Expect.Hidden);
        Add("GET /cong-viec/ngay-hoi/{unitId:int}", "GET", $"/cong-viec/ngay-hoi/{s.P2Old}?nam=2024", Expect.Hidden);
        Dictionary<string, string> Row(int i, int unit) => new()
        {
            [$"Rows[{i}].UnitId"] = I(unit), [$"Rows[{i}].Held"] = "true", [$"Rows[{i}].Date"] = d,
            [$"Rows[{i}].HouseholdsAttending"] = "1", [$"Rows[{i}].HouseholdsTotal"] = "2",
        };
        Add("POST /cong-viec/ngay-hoi/{unitId:int}", "POST", $"/cong-viec/ngay-hoi/{s.Kt}?nam={year}", Expect.Refused, form: Row(0, s.BQuarter));
        Add("POST /cong-viec/ngay-hoi/{unitId:int}", "POST", $"/cong-viec/ngay-hoi/{s.BoDe}?nam={year}#B's quarter", Expect.Refused, form: Row(0, s.BQuarter));
        Add("POST /cong-viec/ngay-hoi/{unitId:int}", "POST", $"/cong-viec/ngay-hoi/{s.BoDe}?nam={year}#A's group then B's quarter", Expect.Refused,
            form: Row(0, s.AGroup).Concat(Row(1, s.BQuarter)).ToDictionary());
        Add("POST /cong-viec/ngay-hoi/{unitId:int}", "POST", $"/cong-viec/ngay-hoi/{s.AGroup}?nam={year}#B's quarter", Expect.Refused, form: Row(0, s.BQuarter));
    }
}

public sealed partial record Sides
{
    // Side A's work records carry these, so the positive probes can find them.
    public const string AActivity = "Hoạt động Bên A thử nghiệm";
    public const string AConference = "Hội nghị Bên A thử nghiệm";
    public const string AInitiative = "Mô hình Bên A thử nghiệm";
    public const string ACommendation = "Tập thể Bên A thử nghiệm";
    public const string ATarget = "Chỉ tiêu Bên A thử nghiệm";
    public const string AUnityDay = "Ngày hội Bên A thử nghiệm";

    /// <summary>The smallest PNG header Sniff accepts (a real file is not needed to be served back).</summary>
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    /// <summary>
    /// Side A's records in Bồ Đề (dated today, so the default lists show them); side B's in Kiến Tường (today),
    /// in the ended Phường 2 (2024), and one deleted of each kind, all named with B's markers so a leak is caught.
    /// Versions are stored as "….v" so refused writes carry the right version and are refused for scope, not staleness.
    /// </summary>
    private static async Task LoadRecordsAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit aGroup, Unit kt, Unit p2Old, Unit bQuarter)
    {
        var writer = new RecordWriter(db);
        var today = TestClock.Today;
        var old = new DateOnly(2024, 5, 1);
        var kind = await db.ActivityKinds.SingleAsync(k => k.Code == "tuyen_truyen");
        ids["kind"] = kind.Id;
        var aOrg = await db.Organisations.Where(o => o.UnitId == boDe.Id).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        ids["B.org"] = await db.Organisations.Where(o => o.UnitId == kt.Id).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        ids["BOld.quarter"] = await db.Units.Where(u => u.ParentId == p2Old.Id).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();

        async Task Save(string key, object record, Func<int> id, Func<long> version, bool delete = false)
        {
            await RecordRules.SaveAsync(db, writer, record);
            if (delete)
            {
                db.Remove(record);
                await RecordRules.SaveAsync(db, writer, record);
            }
            ids[key] = id();
            ids[key + ".v"] = (int)version();
        }
        foreach (var (side, unit, date, text) in new[]
        {
            ("A", boDe, today, "Bên A thử nghiệm"), ("B", kt, today, "Kiến Tường (bên B)"), ("BOld", p2Old, old, "Phường 2 Kiến Tường (bên B)"), ("BDel", kt, today, "Kiến Tường đã xóa (bên B)"),
        })
        {
            var delete = side == "BDel";
            var a = new Activity { UnitId = unit.Id, KindId = kind.Id, Date = date, Title = "Hoạt động " + text, Sessions = 1, Attendances = 20 };
            if (side == "A") a.Organisers.Add(new ActivityOrganiser { OrganisationId = aOrg, Lead = true });
            db.Activities.Add(a);
            await Save($"{side}.activity", a, () => a.Id, () => a.Version, delete);
            var c = new Conference { UnitId = unit.Id, Date = date, Type = ConferenceType.ResidentsConference, Title = "Hội nghị " + text, Invited = 100, Present = 80 };
            db.Conferences.Add(c);
            await Save($"{side}.conference", c, () => c.Id, () => c.Version, delete);
            var i = new Initiative { UnitId = unit.Id, Name = "Mô hình " + text, Field = "moi_truong", Status = InitiativeStatus.Active, RegisteredOn = date };
            db.Initiatives.Add(i);
            await Save($"{side}.initiative", i, () => i.Id, () => i.Version, delete);
            var m = new Commendation { UnitId = unit.Id, Date = date, Form = CommendationForm.Certificate, Level = AwardLevel.Commune, Collective = true, Recipient = "Tập thể " + text };
            db.Commendations.Add(m);
            await Save($"{side}.commendation", m, () => m.Id, () => m.Version, delete);
            var t = new Target { UnitId = unit.Id, Indicator = "mo_hinh", Period = date.Year.ToString(CultureInfo.InvariantCulture), Value = 10, Label = "Chỉ tiêu " + text };
            db.Targets.Add(t);
            await Save($"{side}.target", t, () => t.Id, () => t.Version, delete);
        }
        foreach (var (side, activity) in new[] { ("A", ids["A.activity"]), ("B", ids["B.activity"]) })
        {
            var photo = new ActivityPhoto { ActivityId = activity, ContentType = "image/png", Bytes = Png, CreatedAt = TestClock.UtcNow };
            db.ActivityPhotos.Add(photo);
            await db.SaveChangesAsync();
            ids[$"{side}.photo"] = photo.Id;
        }
        // One record per group and year: the demo data may already hold this year's, so upsert.
        foreach (var (unit, note) in new[] { (aGroup, AUnityDay), (bQuarter, "Ngày hội Kiến Tường (bên B)") })
        {
            var (day, _) = await UnityDays.UpsertAsync(db, new UnityDayInput(unit.Id, today.Year, true, today, 50, 60, note));
            await RecordRules.SaveAsync(db, writer, day);
        }
    }
}
