using System.Globalization;
using System.Net;
using System.Text;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Security;

/// <summary>
/// Who may reach which endpoint. The endpoint list comes from the running app's EndpointDataSource,
/// so a new endpoint fails these tests until it is either listed as public or given a probe below.
/// Side A: canbo.bode (Officer, phường Bồ Đề, Hà Nội) and quantri.hanoi (UnitAdmin, Hà Nội).
/// Side B: phường Kiến Tường (Tây Ninh) and its history (thị xã Kiến Tường, Phường 2, Long An).
/// </summary>
public sealed partial class AccessMatrixTests
{
    /// <summary>Endpoints anyone may call without signing in. Keep this list short and deliberate.</summary>
    private static readonly string[] PublicKeys =
    [
        "GET /", "GET /dang-nhap", "POST /dang-nhap", "GET /loi", "POST /loi", "GET /khong-co-quyen",
        "* /health", "GET /openapi/{documentName}.json", "GET /api-docs/{documentName?}", "* /api/{**rest}",
        // The funds' transparency pages and public ledger API: read-only and masked (Features/Public).
        "GET /cong-khai/quy", "GET /cong-khai/quy/{id:int}", "GET /cong-khai/quy/{id:int}/dong-gop.csv", "GET /cong-khai/quy/{id:int}/chi.csv",
        "GET /api/v1/public/funds", "GET /api/v1/public/funds/{id:int}/contributions", "GET /api/v1/public/funds/{id:int}/disbursements",
        // The citizens' side of petitions: form (rate-limited, honeypot), tracking by code, published answers, Open311 (Features/Public).
        "GET /gop-y", "POST /gop-y", "GET /gop-y/tra-cuu", "POST /gop-y/tra-cuu?handler=Reopen", "GET /gop-y/tra-loi",
        "GET /open311/v2/services.json", "GET /open311/v2/requests.json", "GET /open311/v2/requests/{id:int}.json",
        // The public portal (Features/Portal/Site): published items only; drafts are previewed by readers of their unit.
        "GET /p/{slug?}", "GET /p/{slug}/tin", "GET /p/{slug}/tin/{item}", "GET /p/{slug}/tim-kiem", "GET /p/tim-kiem",
        "GET /p/rss.xml", "GET /p/{slug}/rss.xml", "GET /sitemap.xml", "GET /p/tep/{id:int}/{name?}",
        "GET /p/{slug}/van-ban", "GET /p/{slug}/van-ban/{id:int}", "GET /p/{slug}/anh", "GET /p/{slug}/anh/{id:int}",
    ];

    /// <summary>The API reference (Scalar) serves its own static files under this prefix.</summary>
    private const string PublicPrefix = "GET /api-docs/";

    private static bool IsPublic(string key) => PublicKeys.Contains(key) || key.StartsWith(PublicPrefix, StringComparison.Ordinal);

    private static readonly DateOnly ChangeDate = new(2026, 12, 1);

    public enum Expect
    {
        /// <summary>A read of one of B's records: 403/404 (or the access-denied page), never B's data.</summary>
        Hidden,
        /// <summary>A read that may succeed but must not contain B's data.</summary>
        NoLeak,
        /// <summary>A's own record: 200 and the expected text (so the matrix cannot pass vacuously).</summary>
        Positive,
        /// <summary>A read with B's ids and no parameters (blind sweep): 200/400/403/404, never B's data.</summary>
        BlindRead,
        /// <summary>A write aimed at B: 400/403/404 (pages: also a 200 re-render with errors), and nothing changes in the database.</summary>
        Refused,
        /// <summary>Sign-out: a redirect and no change in the database.</summary>
        SignOut,
    }

    public sealed record Probe(string Key, string Method, string Url, Expect Expect, object? Json = null,
        IReadOnlyDictionary<string, string>? Form = null, string? MustContain = null)
    {
        public bool IsApi => Url.StartsWith("/api/", StringComparison.Ordinal);
        public override string ToString() => $"{Method} {Url}";
    }

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static object ApiChange(string kind, int[] sources, params (string Name, string Kind, int Parent)[] targets) => new
    {
        Kind = kind, EffectiveDate = ChangeDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), LegalBasis = "Quyết định thử nghiệm bảo mật",
        Note = (string?)null, SourceIds = sources,
        Targets = targets.Select(t => new { t.Name, t.Kind, Code = (string?)null, ParentId = t.Parent, Weight = 1.0 / targets.Length, Households = (int?)null }).ToArray(),
    };

    private static Dictionary<string, string> PageChange(string kind, int[] sources, params (string Name, string Kind, int Parent)[] targets)
    {
        var f = new Dictionary<string, string>
        {
            ["Input.Kind"] = kind, ["Input.EffectiveDate"] = ChangeDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.LegalBasis"] = "Quyết định thử nghiệm bảo mật",
        };
        for (var i = 0; i < sources.Length; i++) f[$"Input.SourceIds[{i}]"] = I(sources[i]);
        for (var i = 0; i < targets.Length; i++)
        {
            f[$"Input.Targets[{i}].Name"] = targets[i].Name;
            f[$"Input.Targets[{i}].Kind"] = targets[i].Kind;
            f[$"Input.Targets[{i}].ParentId"] = I(targets[i].Parent);
            f[$"Input.Targets[{i}].WeightPercent"] = (100.0 / targets.Length).ToString(CultureInfo.InvariantCulture);
        }
        return f;
    }

    /// <summary>The change requests aimed at B: B's unit as source, B's unit as new parent, A and B mixed.</summary>
    private static IEnumerable<(string Name, object Api, Dictionary<string, string> Page)> ChangesAgainstB(Sides s)
    {
        (string, object, Dictionary<string, string>) Both(string name, string kind, int[] sources, params (string, string, int)[] targets) =>
            (name, ApiChange(kind, sources, targets), PageChange(kind, sources, targets));
        yield return Both("rename B's ward", "Rename", [s.Kt], ("Kiến Tường mới", "Ward", s.TayNinh));
        yield return Both("abolish B's quarter", "Abolish", [s.BQuarter]);
        yield return Both("create under B's ward", "Create", [], ("Khu phố thử", "Quarter", s.Kt));
        yield return Both("move A's group under B's ward", "Move", [s.AGroup], ("Tổ thử", "ResidentialGroup", s.Kt));
        yield return Both("merge A's group with B's quarter", "Merge", [s.AGroup, s.BQuarter], ("Tổ gộp", "ResidentialGroup", s.BoDe));
        yield return Both("split B's ended Phường 2", "Split", [s.P2Old], ("2A", "Ward", s.TayNinh), ("2B", "Ward", s.TayNinh));
    }

    /// <summary>The probes every account of side A runs. Keys name the endpoint each probe exercises.</summary>
    public static List<Probe> ProbesFor(Sides s, bool admin)
    {
        var p = new List<Probe>();
        void Add(string key, string method, string url, Expect e, object? json = null, IReadOnlyDictionary<string, string>? form = null, string? must = null) =>
            p.Add(new Probe(key, method, url, e, json, form, must));
        var adminOnly = admin ? Expect.Positive : Expect.NoLeak;
        var home = admin ? "Thành phố Hà Nội" : "Phường Bồ Đề";

        // ---- API: units
        Add("GET /api/v1/units", "GET", "/api/v1/units", Expect.Positive, must: "Bồ Đề");
        Add("GET /api/v1/units", "GET", "/api/v1/units?q=kien%20tuong", Expect.NoLeak);
        Add("GET /api/v1/units", "GET", $"/api/v1/units?parentId={s.Kt}", Expect.NoLeak);
        Add("GET /api/v1/units", "GET", $"/api/v1/units?parentId={s.KtTownOld}&at=2020-01-01", Expect.NoLeak);
        Add("GET /api/v1/units", "GET", "/api/v1/units?at=2020-01-01&level=Province", Expect.NoLeak);
        Add("GET /api/v1/units/{id:int}", "GET", $"/api/v1/units/{s.BoDe}", Expect.Positive, must: "Bồ Đề");
        foreach (var b in new[] { s.Kt, s.P2Old, s.KtTownOld, s.BQuarter, s.TayNinh, s.LongAnOld, s.BDeleted })
            Add("GET /api/v1/units/{id:int}", "GET", $"/api/v1/units/{b}", Expect.Hidden);
        Add("GET /api/v1/units/{id:int}/successors", "GET", $"/api/v1/units/{s.BoDe}/successors", Expect.Positive, must: "[");
        Add("GET /api/v1/units/{id:int}/successors", "GET", $"/api/v1/units/{s.P2Old}/successors", Expect.Hidden);
        Add("GET /api/v1/units/{id:int}/successors", "GET", $"/api/v1/units/{s.KtTownOld}/successors?at=2025-06-30", Expect.Hidden);
        Add("GET /api/v1/units/{id:int}/predecessors", "GET", $"/api/v1/units/{s.BoDe}/predecessors?at=2025-06-30", Expect.Positive, must: "Ngọc Lâm");
        Add("GET /api/v1/units/{id:int}/predecessors", "GET", $"/api/v1/units/{s.Kt}/predecessors?at=2025-06-30", Expect.Hidden);
        Add("GET /api/v1/units/{id:int}/history", "GET", $"/api/v1/units/{s.BoDe}/history", Expect.Positive, must: "Ngọc Lâm");
        Add("GET /api/v1/units/{id:int}/history", "GET", $"/api/v1/units/{s.Kt}/history", Expect.Hidden);
        Add("GET /api/v1/units/{id:int}/history", "GET", $"/api/v1/units/{s.P2Old}/history", Expect.Hidden);
        Add("GET /api/v1/units/deleted", "GET", "/api/v1/units/deleted", Expect.NoLeak);
        Add("PUT /api/v1/units/{id:int}", "PUT", $"/api/v1/units/{s.Kt}", Expect.Refused,
            json: new { Address = "Địa chỉ thử", Phone = (string?)null, Email = (string?)null, Households = 1, Note = (string?)null, Version = s.KtVersion });
        Add("PUT /api/v1/units/{id:int}", "PUT", $"/api/v1/units/{s.P2Old}", Expect.Refused,
            json: new { Address = "Địa chỉ thử", Households = 1, Version = 0 });
        Add("DELETE /api/v1/units/{id:int}", "DELETE", $"/api/v1/units/{s.BQuarter2}", Expect.Refused);
        Add("DELETE /api/v1/units/{id:int}", "DELETE", $"/api/v1/units/{s.Kt}", Expect.Refused);
        Add("POST /api/v1/units/{id:int}/restore", "POST", $"/api/v1/units/{s.BDeleted}/restore", Expect.Refused);
        foreach (var (name, api, _) in ChangesAgainstB(s))
        {
            Add("POST /api/v1/unit-changes/preview", "POST", "/api/v1/unit-changes/preview#" + name, Expect.Refused, json: api);
            Add("POST /api/v1/unit-changes", "POST", "/api/v1/unit-changes#" + name, Expect.Refused, json: api);
        }

        // ---- API: accounts and tokens
        Add("GET /api/v1/me", "GET", "/api/v1/me", Expect.Positive, must: home);
        Add("GET /api/v1/accounts", "GET", "/api/v1/accounts", adminOnly, must: Who.BoDeOfficer);
        foreach (var unit in new[] { s.Kt, s.BQuarter, s.P2Old })
            Add("POST /api/v1/accounts", "POST", "/api/v1/accounts", Expect.Refused,
                json: new { Email = $"moi{unit}@doanket.vn", FullName = "Tài khoản thử", UnitId = unit, Role = "Officer", Password = "DoanKet@2026x" });
        Add("PUT /api/v1/accounts/{id}/unit", "PUT", $"/api/v1/accounts/{s.BAccountId}/unit", Expect.Refused, json: new { UnitId = s.BoDe });
        Add("PUT /api/v1/accounts/{id}/unit", "PUT", $"/api/v1/accounts/{s.BAccountId}/unit", Expect.Refused, json: new { UnitId = s.BQuarter });
        Add("PUT /api/v1/accounts/{id}/unit", "PUT", $"/api/v1/accounts/{s.BoDeOfficerId}/unit", Expect.Refused, json: new { UnitId = s.Kt });
        Add("GET /api/v1/tokens", "GET", "/api/v1/tokens", Expect.Positive, must: "security-tests");
        Add("POST /api/v1/tokens", "POST", "/api/v1/tokens", Expect.Refused, json: new { Name = "", Days = 0 });
        Add("DELETE /api/v1/tokens/{id:int}", "DELETE", $"/api/v1/tokens/{s.BTokenId}", Expect.Refused);

        // ---- API: audit
        Add("GET /api/v1/audit/units/{id:int}", "GET", $"/api/v1/audit/units/{s.BoDe}", Expect.Positive, must: "[");
        foreach (var b in new[] { s.Kt, s.P2Old, s.BDeleted })
            Add("GET /api/v1/audit/units/{id:int}", "GET", $"/api/v1/audit/units/{b}", Expect.Hidden);

        // ---- API: organisation registry (issue 3). B's records: Kiến Tường now, Phường 2 in its history.
        Add("GET /api/v1/units/{id:int}/organisations", "GET", $"/api/v1/units/{s.BoDe}/organisations", Expect.Positive, must: Sides.AOrgName);
        foreach (var b in new[] { s.Kt, s.P2Old, s.KtTownOld, s.TayNinh, s.BDeleted })
            Add("GET /api/v1/units/{id:int}/organisations", "GET", $"/api/v1/units/{b}/organisations", Expect.Hidden);
        Add("GET /api/v1/units/{id:int}/membership", "GET", $"/api/v1/units/{s.BoDe}/membership", Expect.Positive, must: "WomenUnion");
        foreach (var b in new[] { s.Kt, s.P2Old, s.TayNinh })
            Add("GET /api/v1/units/{id:int}/membership", "GET", $"/api/v1/units/{b}/membership?at=2025-12-31", Expect.Hidden);
        foreach (var unit in new[] { s.Kt, s.BQuarter, s.P2Old, s.TayNinh, s.BDeleted })
            Add("POST /api/v1/organisations", "POST", $"/api/v1/organisations#unit {unit}", Expect.Refused,
                json: new { UnitId = unit, Kind = "MassAssociation", Name = "Hội thử", ParentId = (int?)null, ValidFrom = (string?)null, Note = (string?)null });
        Add("POST /api/v1/organisations", "POST", "/api/v1/organisations#standing board of B's committee", Expect.Refused,
            json: new { UnitId = s.BoDe, Kind = "StandingBoard", Name = "Ban Thường trực thử", ParentId = s.BOrg });
        Add("GET /api/v1/organisations/{id:int}", "GET", $"/api/v1/organisations/{s.AOrg}", Expect.Positive, must: Sides.APersonName);
        foreach (var b in new[] { s.BOrg, s.BWomen, s.BOldOrg })
        {
            Add("GET /api/v1/organisations/{id:int}", "GET", $"/api/v1/organisations/{b}", Expect.Hidden);
            Add("GET /api/v1/organisations/{id:int}", "GET", $"/api/v1/organisations/{b}?at=2020-01-01", Expect.Hidden);
        }
        object NewPerson(int? unit) => new { FullName = "Người thử", Sex = "Male", BirthYear = 1990, Ethnicity = "Kinh", UnitId = unit };
        Add("POST /api/v1/organisations/{id:int}/posts", "POST", $"/api/v1/organisations/{s.BOrg}/posts", Expect.Refused,
            json: new { Person = NewPerson(null), Position = "Member", FullTime = false, StartDate = "2025-08-01" });
        Add("POST /api/v1/organisations/{id:int}/posts", "POST", $"/api/v1/organisations/{s.BOrg}/posts#A's person", Expect.Refused,
            json: new { PersonId = s.APerson, Position = "Member", FullTime = false, StartDate = "2025-08-01" });
        Add("POST /api/v1/organisations/{id:int}/posts", "POST", $"/api/v1/organisations/{s.BOldOrg}/posts", Expect.Refused,
            json: new { Person = NewPerson(null), Position = "Member", FullTime = false, StartDate = "2024-08-01" });
        Add("POST /api/v1/organisations/{id:int}/posts", "POST", $"/api/v1/organisations/{s.AOrg}/posts#B's person", Expect.Refused,
            json: new { PersonId = s.BPerson, Position = "Member", FullTime = false, StartDate = "2025-08-01" });
        Add("POST /api/v1/organisations/{id:int}/posts", "POST", $"/api/v1/organisations/{s.AOrg}/posts#new person living in B", Expect.Refused,
            json: new { Person = NewPerson(s.Kt), Position = "Member", FullTime = false, StartDate = "2025-08-01" });
        object Vote(object[] add, int[] remove) => new { Date = "2025-09-01", Conference = "Hội nghị thử", Present = 10, For = 10, Against = 0, DecisionNumber = "01/QĐ", Add = add, RemovePostIds = remove };
        Add("POST /api/v1/organisations/{id:int}/cooptions", "POST", $"/api/v1/organisations/{s.BOrg}/cooptions", Expect.Refused,
            json: Vote([new { Person = NewPerson(null), Position = "Member" }], [s.BPost]));
        Add("POST /api/v1/organisations/{id:int}/cooptions", "POST", $"/api/v1/organisations/{s.AOrg}/cooptions#remove B's post", Expect.Refused,
            json: Vote([], [s.BPost]));
        Add("POST /api/v1/organisations/{id:int}/cooptions", "POST", $"/api/v1/organisations/{s.AOrg}/cooptions#add B's person", Expect.Refused,
            json: Vote([new { PersonId = s.BPerson, Position = "Member" }], []));
        Add("POST /api/v1/organisations/{id:int}/cooptions", "POST", $"/api/v1/organisations/{s.AOrg}/cooptions#new person living in B", Expect.Refused,
            json: Vote([new { Person = NewPerson(s.BQuarter), Position = "Member" }], []));
        foreach (var b in new[] { s.BOrg, s.BOldOrg })
            Add("POST /api/v1/organisations/{id:int}/terms", "POST", $"/api/v1/organisations/{b}/terms", Expect.Refused,
                json: new { Number = 2, StartDate = "2031-01-01", PlannedEnd = "2036-01-01" });
        Add("POST /api/v1/organisations/{id:int}/membership", "POST", $"/api/v1/organisations/{s.BWomen}/membership", Expect.Refused,
            json: new { Date = "2025-12-31", Members = 999 });
        Add("POST /api/v1/posts/{id:int}/end", "POST", $"/api/v1/posts/{s.BPost}/end", Expect.Refused, json: new { EndDate = "2025-12-31", Decision = "QĐ thôi" });
        Add("POST /api/v1/posts/{id:int}/end", "POST", $"/api/v1/posts/{s.BOldPost}/end", Expect.Refused, json: new { EndDate = "2025-06-30", Decision = "QĐ thôi" });
        foreach (var b in new[] { s.BTerm, s.BOldTerm })
        {
            Add("POST /api/v1/terms/{id:int}/end", "POST", $"/api/v1/terms/{b}/end", Expect.Refused, json: new { EndedOn = "2026-01-01", Renumber = 3 });
            Add("POST /api/v1/terms/{id:int}/congresses", "POST", $"/api/v1/terms/{b}/congresses", Expect.Refused,
                json: new { Date = "2025-10-01", DelegatesInvited = 100, DelegatesPresent = 90, ResolutionNumber = "NQ thử", Targets = new[] { new { Label = "Chỉ tiêu thử", TargetValue = 90.0, UnitOfMeasure = "%" } } });
        }
        Add("GET /api/v1/people", "GET", "/api/v1/people", Expect.Positive, must: Sides.APersonName);
        Add("GET /api/v1/people", "GET", "/api/v1/people?q=nguoi%20ben%20be", Expect.NoLeak);
        Add("GET /api/v1/people", "GET", "/api/v1/people?q=kien%20tuong", Expect.NoLeak);
        Add("PUT /api/v1/people/{id:int}", "PUT", $"/api/v1/people/{s.BPerson}?version={s.BPersonVersion}", Expect.Refused,
            json: new { FullName = "Đổi tên", Sex = "Male", BirthYear = 1980, Ethnicity = "Kinh" });
        Add("PUT /api/v1/people/{id:int}", "PUT", $"/api/v1/people/{s.BPerson}?version=0", Expect.Refused,
            json: new { FullName = "Đổi tên", Sex = "Male", BirthYear = 1980, Ethnicity = "Kinh" });

        // ---- Pages
        Add("GET /", "GET", "/", Expect.Positive, must: home);
        Add("GET /don-vi", "GET", "/don-vi", Expect.Positive, must: "Bồ Đề");
        Add("GET /don-vi", "GET", $"/don-vi?root={s.Kt}", Expect.NoLeak);
        Add("GET /don-vi", "GET", $"/don-vi?root={s.P2Old}&at=2020-01-01", Expect.NoLeak);
        Add("GET /don-vi", "GET", "/don-vi?q=kien%20tuong", Expect.NoLeak);
        Add("GET /don-vi", "GET", "/don-vi?q=796", Expect.NoLeak);
        Add("GET /don-vi/{id:int}", "GET", $"/don-vi/{s.BoDe}", Expect.Positive, must: "Bồ Đề");
        foreach (var b in new[] { s.Kt, s.P2Old, s.KtTownOld, s.BQuarter, s.BDeleted })
            Add("GET /don-vi/{id:int}", "GET", $"/don-vi/{b}", Expect.Hidden);
        Add("POST /don-vi/{id:int}?handler=Edit", "POST", $"/don-vi/{s.Kt}?handler=Edit", Expect.Refused,
            form: new Dictionary<string, string> { ["Input.Address"] = "Địa chỉ thử", ["Input.Households"] = "1", ["Input.Version"] = s.KtVersion.ToString(CultureInfo.InvariantCulture) });
        Add("POST /don-vi/{id:int}?handler=Edit", "POST", $"/don-vi/{s.P2Old}?handler=Edit", Expect.Refused,
            form: new Dictionary<string, string> { ["Input.Address"] = "Địa chỉ thử", ["Input.Version"] = "0" });
        Add("POST /don-vi/{id:int}?handler=Delete", "POST", $"/don-vi/{s.BQuarter2}?handler=Delete", Expect.Refused, form: new Dictionary<string, string>());
        Add("POST /don-vi/{id:int}?handler=Delete", "POST", $"/don-vi/{s.Kt}?handler=Delete", Expect.Refused, form: new Dictionary<string, string>());
        Add("GET /don-vi/thay-doi", "GET", $"/don-vi/thay-doi?source={s.AGroup}&kind=Merge", adminOnly, must: "Căn cứ pháp lý");
        Add("GET /don-vi/thay-doi", "GET", $"/don-vi/thay-doi?source={s.Kt}&kind=Rename", Expect.Hidden);
        Add("GET /don-vi/thay-doi", "GET", $"/don-vi/thay-doi?source={s.BQuarter}&kind=Split", Expect.Hidden);
        Add("GET /don-vi/thay-doi", "GET", $"/don-vi/thay-doi?parent={s.Kt}&kind=Create", Expect.Hidden);
        Add("GET /don-vi/thay-doi", "GET", "/don-vi/thay-doi?q=kien%20tuong", Expect.NoLeak);
        foreach (var (name, _, page) in ChangesAgainstB(s))
        {
            Add("POST /don-vi/thay-doi?handler=Preview", "POST", "/don-vi/thay-doi?handler=Preview#" + name, Expect.Refused, form: page);
            Add("POST /don-vi/thay-doi?handler=Apply", "POST", "/don-vi/thay-doi?handler=Apply#" + name, Expect.Refused, form: page);
        }
        Add("GET /don-vi/thung-rac", "GET", "/don-vi/thung-rac", adminOnly, must: "Đã xóa");
        Add("POST /don-vi/thung-rac?handler=Restore", "POST", $"/don-vi/thung-rac?handler=Restore&id={s.BDeleted}", Expect.Refused, form: new Dictionary<string, string>());
        Add("POST /don-vi/thung-rac?handler=Restore", "POST", "/don-vi/thung-rac?handler=Restore", Expect.Refused, form: new Dictionary<string, string> { ["id"] = I(s.BDeleted) });
        // Registry pages (issue 3)
        Add("GET /don-vi/{id:int}/to-chuc/them", "GET", $"/don-vi/{s.BoDe}/to-chuc/them", Expect.Positive, must: "Bồ Đề");
        foreach (var b in new[] { s.Kt, s.P2Old, s.BQuarter, s.BDeleted })
            Add("GET /don-vi/{id:int}/to-chuc/them", "GET", $"/don-vi/{b}/to-chuc/them", Expect.Hidden);
        foreach (var b in new[] { s.Kt, s.P2Old, s.BQuarter, s.BDeleted })
            Add("POST /don-vi/{id:int}/to-chuc/them", "POST", $"/don-vi/{b}/to-chuc/them", Expect.Refused,
                form: new Dictionary<string, string> { ["Input.Kind"] = "MassAssociation", ["Input.Name"] = "Hội thử" });
        Add("POST /don-vi/{id:int}/to-chuc/them", "POST", $"/don-vi/{s.BoDe}/to-chuc/them#standing board of B's committee", Expect.Refused,
            form: new Dictionary<string, string> { ["Input.Kind"] = "StandingBoard", ["Input.ParentId"] = I(s.BOrg) });
        Add("GET /to-chuc/{id:int}", "GET", $"/to-chuc/{s.AOrg}", Expect.Positive, must: Sides.APersonName);
        foreach (var b in new[] { s.BOrg, s.BWomen, s.BOldOrg })
        {
            Add("GET /to-chuc/{id:int}", "GET", $"/to-chuc/{b}", Expect.Hidden);
            Add("GET /to-chuc/{id:int}", "GET", $"/to-chuc/{b}?at=2020-01-01", Expect.Hidden);
        }
        var member = new Dictionary<string, string>
        {
            ["Input.Member.FullName"] = "Người thử", ["Input.Member.Sex"] = "Male", ["Input.Member.BirthYear"] = "1990",
            ["Input.Member.Position"] = "Member", ["Input.Member.StartDate"] = "2025-08-01",
        };
        Dictionary<string, string> Coopt(int? remove, bool add) => new Dictionary<string, string>
        {
            ["Input.Coopt.Date"] = "2025-09-01", ["Input.Coopt.Conference"] = "Hội nghị thử", ["Input.Coopt.Present"] = "10", ["Input.Coopt.For"] = "10", ["Input.Coopt.Against"] = "0",
        }.Concat(remove is { } r ? [new("Input.Coopt.RemovePostIds[0]", I(r))] : Array.Empty<KeyValuePair<string, string>>())
         .Concat(add ? [new("Input.Coopt.Add[0].FullName", "Người thử"), new("Input.Coopt.Add[0].Sex", "Male")] : Array.Empty<KeyValuePair<string, string>>())
         .ToDictionary();
        Dictionary<string, string> End(int post) => new() { ["Input.End.PostId"] = I(post), ["Input.End.EndDate"] = "2025-12-31", ["Input.End.Decision"] = "QĐ thôi" };
        var term = new Dictionary<string, string> { ["Input.Term.Number"] = "2", ["Input.Term.StartDate"] = "2031-01-01", ["Input.Term.PlannedEnd"] = "2036-01-01" };
        foreach (var b in new[] { s.BOrg, s.BOldOrg })
        {
            Add("POST /to-chuc/{id:int}?handler=Member", "POST", $"/to-chuc/{b}?handler=Member", Expect.Refused, form: member);
            Add("POST /to-chuc/{id:int}?handler=Coopt", "POST", $"/to-chuc/{b}?handler=Coopt", Expect.Refused, form: Coopt(b == s.BOrg ? s.BPost : s.BOldPost, add: true));
            Add("POST /to-chuc/{id:int}?handler=End", "POST", $"/to-chuc/{b}?handler=End", Expect.Refused, form: End(b == s.BOrg ? s.BPost : s.BOldPost));
            Add("POST /to-chuc/{id:int}?handler=Term", "POST", $"/to-chuc/{b}?handler=Term", Expect.Refused, form: term);
            Add("POST /to-chuc/{id:int}?handler=EndTerm", "POST", $"/to-chuc/{b}?handler=EndTerm", Expect.Refused,
                form: new Dictionary<string, string> { ["Input.EndTerm.TermId"] = I(b == s.BOrg ? s.BTerm : s.BOldTerm), ["Input.EndTerm.EndedOn"] = "2026-01-01" });
            Add("POST /to-chuc/{id:int}?handler=Congress", "POST", $"/to-chuc/{b}?handler=Congress", Expect.Refused, form: new Dictionary<string, string>
            {
                ["Input.Congress.TermId"] = I(b == s.BOrg ? s.BTerm : s.BOldTerm), ["Input.Congress.Date"] = "2025-09-01", ["Input.Congress.DelegatesPresent"] = "50",
            });
        }
        foreach (var b in new[] { s.BWomen })
        {
            Add("POST /to-chuc/{id:int}?handler=Membership", "POST", $"/to-chuc/{b}?handler=Membership", Expect.Refused,
                form: new Dictionary<string, string> { ["Input.Membership.Date"] = "2025-12-31", ["Input.Membership.Members"] = "999" });
        }
        // A's own organisation, aimed at B's post: the page answers with an error and nothing changes.
        Add("POST /to-chuc/{id:int}?handler=Coopt", "POST", $"/to-chuc/{s.AOrg}?handler=Coopt#remove B's post", Expect.Refused, form: Coopt(s.BPost, add: false));
        Add("POST /to-chuc/{id:int}?handler=End", "POST", $"/to-chuc/{s.AOrg}?handler=End#B's post", Expect.Refused, form: End(s.BPost));
        Add("POST /to-chuc/{id:int}?handler=EndTerm", "POST", $"/to-chuc/{s.AOrg}?handler=EndTerm#B's term", Expect.Refused,
            form: new Dictionary<string, string> { ["Input.EndTerm.TermId"] = I(s.BTerm), ["Input.EndTerm.EndedOn"] = "2026-01-01" });
        Add("POST /to-chuc/{id:int}?handler=Congress", "POST", $"/to-chuc/{s.AOrg}?handler=Congress#B's term", Expect.Refused,
            form: new Dictionary<string, string> { ["Input.Congress.TermId"] = I(s.BTerm), ["Input.Congress.Date"] = "2025-09-01", ["Input.Congress.DelegatesPresent"] = "50" });
        // Roster in Excel, congress waves, carrying bodies through a merger (issue 3)
        foreach (var b in new[] { s.BOrg, s.BOldOrg })
        {
            Add("GET /to-chuc/{id:int}/danh-sach", "GET", $"/to-chuc/{b}/danh-sach", Expect.Hidden);
            Add("GET /to-chuc/{id:int}/danh-sach?handler=Export", "GET", $"/to-chuc/{b}/danh-sach?handler=Export", Expect.Hidden);
            Add("GET /to-chuc/{id:int}/danh-sach?handler=Template", "GET", $"/to-chuc/{b}/danh-sach?handler=Template", Expect.Hidden);
            Add("POST /to-chuc/{id:int}/danh-sach?handler=Check", "POST", $"/to-chuc/{b}/danh-sach?handler=Check", Expect.Refused, form: new Dictionary<string, string>());
            Add("POST /to-chuc/{id:int}/danh-sach?handler=Import", "POST", $"/to-chuc/{b}/danh-sach?handler=Import", Expect.Refused,
                form: new Dictionary<string, string> { ["uploadId"] = Guid.NewGuid().ToString() });
        }
        Add("GET /to-chuc/{id:int}/danh-sach", "GET", $"/to-chuc/{s.AOrg}/danh-sach", Expect.Positive, must: "Excel");
        foreach (var b in new[] { s.BOrg, s.BOldOrg, s.BWomen })
        {
            Add("GET /api/v1/organisations/{id:int}/roster", "GET", $"/api/v1/organisations/{b}/roster", Expect.Hidden);
            Add("POST /api/v1/organisations/{id:int}/roster", "POST", $"/api/v1/organisations/{b}/roster?apply=true", Expect.Refused);
        }
        Add("GET /api/v1/congress-waves", "GET", "/api/v1/congress-waves", Expect.Positive, must: "Bồ Đề");
        Add("GET /api/v1/congress-waves/{id:int}", "GET", $"/api/v1/congress-waves/{s.AWave}", Expect.Positive, must: "Bồ Đề");
        Add("GET /api/v1/congress-waves/{id:int}", "GET", $"/api/v1/congress-waves/{s.BWave}", Expect.Hidden);
        foreach (var unit in new[] { s.TayNinh, s.Kt })
            Add("POST /api/v1/congress-waves", "POST", "/api/v1/congress-waves", Expect.Refused,
                json: new { UnitId = unit, Name = "Đợt thử", Level = "ResidentialGroup", StartDate = "2026-01-01", DueDate = "2026-03-31" });
        Add("PUT /api/v1/congress-waves/{id:int}/plans/{unitId:int}", "PUT", $"/api/v1/congress-waves/{s.BWave}/plans/{s.Kt}", Expect.Refused, json: new { PlannedDate = "2025-08-01" });
        Add("PUT /api/v1/congress-waves/{id:int}/plans/{unitId:int}", "PUT", $"/api/v1/congress-waves/{s.AWave}/plans/{s.Kt}", Expect.Refused, json: new { PlannedDate = "2025-08-01" });
        Add("POST /api/v1/units/{id:int}/carry-over", "POST", $"/api/v1/units/{s.Kt}/carry-over", Expect.Refused, json: new { Kind = "FrontCommittee", Apply = true });
        Add("GET /dai-hoi", "GET", "/dai-hoi", Expect.Positive, must: "Bồ Đề");
        Add("POST /dai-hoi", "POST", "/dai-hoi", Expect.Refused, form: new Dictionary<string, string>
        {
            ["Input.UnitId"] = I(s.TayNinh), ["Input.Name"] = "Đợt thử", ["Input.Level"] = "Commune", ["Input.StartDate"] = "2026-01-01", ["Input.DueDate"] = "2026-03-31",
        });
        Add("GET /dai-hoi/{id:int}", "GET", $"/dai-hoi/{s.BWave}", Expect.Hidden);
        Add("POST /dai-hoi/{id:int}?handler=Plan", "POST", $"/dai-hoi/{s.BWave}?handler=Plan&unitId={s.Kt}", Expect.Refused, form: new Dictionary<string, string> { ["plannedDate"] = "2025-08-01" });
        Add("POST /dai-hoi/{id:int}?handler=Plan", "POST", $"/dai-hoi/{s.AWave}?handler=Plan&unitId={s.Kt}", Expect.Refused, form: new Dictionary<string, string> { ["plannedDate"] = "2025-08-01" });
        Add("GET /don-vi/{id:int}/ke-thua-to-chuc", "GET", $"/don-vi/{s.Kt}/ke-thua-to-chuc", Expect.Hidden);
        Add("GET /don-vi/{id:int}/ke-thua-to-chuc", "GET", $"/don-vi/{s.BoDe}/ke-thua-to-chuc", Expect.Positive, must: "Ngọc Lâm");
        Add("POST /don-vi/{id:int}/ke-thua-to-chuc", "POST", $"/don-vi/{s.Kt}/ke-thua-to-chuc", Expect.Refused, form: new Dictionary<string, string> { ["kind"] = "FrontCommittee" });
        Add("GET /tai-khoan", "GET", "/tai-khoan", adminOnly, must: Who.BoDeOfficer);
        foreach (var unit in new[] { s.Kt, s.BQuarter, s.P2Old })
            Add("POST /tai-khoan", "POST", "/tai-khoan", Expect.Refused, form: new Dictionary<string, string>
            {
                ["Input.Email"] = $"moi{unit}@doanket.vn", ["Input.FullName"] = "Tài khoản thử", ["Input.Role"] = "Officer", ["Input.UnitId"] = I(unit),
            });
        Add("GET /tai-khoan/ma-truy-cap", "GET", "/tai-khoan/ma-truy-cap", Expect.Positive, must: "security-tests");
        Add("POST /tai-khoan/ma-truy-cap", "POST", "/tai-khoan/ma-truy-cap", Expect.Refused, form: new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Days"] = "0" });
        Add("POST /tai-khoan/ma-truy-cap?handler=Revoke", "POST", $"/tai-khoan/ma-truy-cap?handler=Revoke&id={s.BTokenId}", Expect.Refused, form: new Dictionary<string, string>());
        // Work records, weekly entry, figures and dashboards (issue 4): probes kept beside their features' hooks.
        RecordProbes(s, admin, p);
        IndicatorProbes(s, admin, p);
        FundProbes(s, admin, p);
        PetitionProbes(s, admin, p);
        SupervisionProbes(s, admin, p);
        ReportProbes(s, admin, p);
        HistoryProbes(s, admin, p);
        PortalProbes(s, admin, p);
        PortalDocsProbes(s, admin, p);
        Add("GET /dang-xuat", "GET", "/dang-xuat", Expect.NoLeak);
        // Last: it ends the cookie session.
        Add("POST /dang-xuat", "POST", "/dang-xuat", Expect.SignOut, form: new Dictionary<string, string>());
        return p;
    }

    private sealed class Run(DatabaseWatch watch, HttpClient api, HttpClient browser, string who)
    {
        public List<string> Failures { get; } = [];
        public List<string> WriteLeaks { get; } = [];
        public HashSet<string> Exercised { get; } = [];
        private string? _token;

        public async Task<(HttpResponseMessage Response, string Body)> SendAsync(string method, string url, object? json, IReadOnlyDictionary<string, string>? form)
        {
            url = url.Split('#')[0];
            var isApi = url.StartsWith("/api/", StringComparison.Ordinal);
            var client = isApi ? api : browser;
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (isApi && method != "GET") request.Content = json is null ? new StringContent("{}", Encoding.UTF8, "application/json") : ApiClients.Json(json);
            if (!isApi && method != "GET")
            {
                _token ??= await Browser.FormTokenAsync(browser);
                request.Content = new FormUrlEncodedContent((form ?? new Dictionary<string, string>()).Append(new("__RequestVerificationToken", _token)));
            }
            var response = await client.SendAsync(request);
            return (response, await response.Content.ReadAsStringAsync());
        }

        private static bool Denied(HttpResponseMessage r) =>
            r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || Browser.IsRedirectTo(r, "/khong-co-quyen");

        public async Task CheckAsync(Probe probe)
        {
            Exercised.Add(probe.Key);
            // What GET probes may have written (a token's first use) is not what a refused write is checked for.
            if (probe.Method != "GET") await watch.RebaseAsync();
            var (r, body) = await SendAsync(probe.Method, probe.Url, probe.Json, probe.Form);
            var status = (int)r.StatusCode;
            var leak = Sides.LeakIn(body);
            var where = $"[{who}] {probe} ({probe.Expect}) → {status}{(r.Headers.Location is { } l ? " " + l : "")}";
            void Fail(string why) => Failures.Add($"{where}: {why} — {Excerpt(body)}");
            switch (probe.Expect)
            {
                case Expect.Hidden:
                    if (!Denied(r)) Fail("expected 403/404");
                    if (leak is not null) Fail($"body reveals B ({leak})");
                    break;
                case Expect.NoLeak:
                    if (r.StatusCode != HttpStatusCode.OK && !Denied(r)) Fail("expected 200, 403 or 404");
                    if (leak is not null) Fail($"body reveals B ({leak})");
                    break;
                case Expect.BlindRead:
                    if (r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest) && !Denied(r)) Fail("expected 200, 400, 403 or 404");
                    if (leak is not null) Fail($"body reveals B ({leak})");
                    break;
                case Expect.Positive:
                    if (r.StatusCode != HttpStatusCode.OK) Fail("expected 200 on A's own record");
                    else if (probe.MustContain is { } must && !Sides.Readable(body).Contains(must, StringComparison.Ordinal)) Fail($"expected the body to contain “{must}”");
                    if (leak is not null) Fail($"body reveals B ({leak})");
                    break;
                case Expect.Refused:
                    var pageRerender = !probe.IsApi && r.StatusCode == HttpStatusCode.OK;
                    if (!Denied(r) && r.StatusCode != HttpStatusCode.BadRequest && !pageRerender) Fail("expected 400, 403 or 404");
                    if (leak is not null) WriteLeaks.Add($"{where}: refusal names B ({leak}) — {Excerpt(body)}");
                    break;
                case Expect.SignOut:
                    if (r.StatusCode != HttpStatusCode.Redirect) Fail("expected a redirect after signing out");
                    break;
            }
            if (probe.Method != "GET" && await watch.ChangedAsync() is { } diff)
                Fail("the database changed: " + diff);
        }

        private static string Excerpt(string body)
        {
            var t = Sides.Readable(body);
            var i = Sides.BMarkers.Select(m => t.IndexOf(m, StringComparison.OrdinalIgnoreCase)).Where(x => x >= 0).DefaultIfEmpty(-1).Min();
            var start = i < 0 ? 0 : Math.Max(0, i - 150);
            return t.Substring(start, Math.Min(300, t.Length - start)).ReplaceLineEndings(" ");
        }
    }

    private static Task<Run> RunMatrixAsync(TestApp app, Sides s, string email, bool admin) => RunAsync(app, email, ProbesFor(s, admin));

    /// <summary>Signs in as <paramref name="email"/> (cookie and token) and checks each probe.</summary>
    private static async Task<Run> RunAsync(TestApp app, string email, IEnumerable<Probe> probes)
    {
        var api = await ApiClients.BearerAsync(app, email);
        var (browser, _) = await Browser.SignInAsync(app, email);
        // Warm up: the token's first use stamps LastUsedAt, which is not what is being checked.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        await using var watch = await DatabaseWatch.StartAsync(app);
        var run = new Run(watch, api, browser, email);
        foreach (var probe in probes) await run.CheckAsync(probe);
        return run;
    }

    /// <summary>A class of its own so that xunit runs it beside the other long cases (the cases of one class run one after another).</summary>
    public sealed class EndpointMatrix
    {
        [DatabaseTheory]
        public async Task Every_endpoint_is_listed_public_or_probed_and_side_A_never_reaches_side_B(string engine)
        {
            await using var app = await TestApp.StartAsync(engine);
            var s = await Sides.LoadAsync(app);
            var endpoints = await EndpointInventory.KeysAsync(app);

            var stalePublic = PublicKeys.Where(k => !endpoints.Contains(k)).ToList();
            Assert.True(stalePublic.Count == 0, "public keys that no longer exist: " + string.Join(", ", stalePublic) + "\nendpoints: " + string.Join("\n", endpoints));

            var failures = new List<string>();
            var exercised = new HashSet<string>();
            foreach (var (email, admin) in new[] { (Who.BoDeOfficer, false), (Who.HanoiAdmin, true) })
            {
                var run = await RunMatrixAsync(app, s, email, admin);
                failures.AddRange(run.Failures);
                exercised.UnionWith(run.Exercised);
            }

            var unknownProbeKeys = exercised.Where(k => !endpoints.Contains(k)).ToList();
            Assert.True(unknownProbeKeys.Count == 0, "probes name endpoints that do not exist: " + string.Join(", ", unknownProbeKeys));
            var uncovered = endpoints.Where(k => !IsPublic(k) && !exercised.Contains(k)).ToList();
            Assert.True(uncovered.Count == 0,
                "endpoints neither public nor probed (add them to PublicKeys or give them probes with side B's records): " + string.Join(", ", uncovered));
            Assert.True(failures.Count == 0, $"{failures.Count} access failures:\n" + string.Join("\n", failures));
        }
    }

    [DatabaseTheory]
    public async Task Anonymous_requests_are_challenged_on_every_endpoint_but_the_public_ones(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await Sides.LoadAsync(app);
        var endpoints = await EndpointInventory.KeysAsync(app);
        var client = Browser.NewClient(app);
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var key in endpoints)
        {
            var (method, path) = EndpointInventory.Concrete(key, s);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
            if (method != "GET") request.Content = isApi ? new StringContent("{}", Encoding.UTF8, "application/json") : new FormUrlEncodedContent([]);
            var r = await client.SendAsync(request);
            var body = await r.Content.ReadAsStringAsync();
            if (IsPublic(key))
            {
                // Public, but still nothing of anyone's data.
                if (r.StatusCode == HttpStatusCode.Unauthorized || Browser.IsRedirectTo(r, "/dang-nhap")) failures.Add($"{key}: public endpoint challenged ({(int)r.StatusCode})");
                // The portal publishes every site, B's too: there only B's unpublished and private records must not show.
                var portal = key.StartsWith("GET /p/", StringComparison.Ordinal) || key == "GET /sitemap.xml";
                if ((portal ? Sides.PrivateLeakIn(body) : Sides.LeakIn(body)) is { } leak) failures.Add($"{key}: public endpoint shows {leak}");
                continue;
            }
            checkedCount++;
            var ok = isApi ? r.StatusCode == HttpStatusCode.Unauthorized : Browser.IsRedirectTo(r, "/dang-nhap");
            if (!ok) failures.Add($"{key} ({method} {path}): expected {(isApi ? "401" : "a redirect to /dang-nhap")}, got {(int)r.StatusCode} {r.Headers.Location}");
            if (Sides.LeakIn(body) is { } l) failures.Add($"{key}: anonymous body shows {l}");
        }
        Assert.True(checkedCount >= 25, $"only {checkedCount} non-public endpoints found: the inventory is broken");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A class of its own so that xunit runs it beside the other long cases (the cases of one class run one after another).</summary>
    public sealed class BlindSweep
    {
        /// <summary>
        /// Every non-public endpoint, with its route filled with B's records and an empty body, for both A accounts:
        /// catches an endpoint added later even before someone writes a careful probe for it.
        /// </summary>
        [DatabaseTheory]
        public async Task Blind_sweep_with_B_ids_on_every_endpoint_changes_nothing_and_shows_nothing(string engine)
        {
            await using var app = await TestApp.StartAsync(engine);
            var s = await Sides.LoadAsync(app);
            var endpoints = await EndpointInventory.KeysAsync(app);
            var failures = new List<string>();
            var probes = endpoints.Where(k => !IsPublic(k) && k != "POST /dang-xuat")
                .Select(key =>
                {
                    var (method, path) = EndpointInventory.Concrete(key, s);
                    return new Probe(key, method, path, method == "GET" ? Expect.BlindRead : Expect.Refused);
                })
                .ToList();
            foreach (var email in new[] { Who.BoDeOfficer, Who.HanoiAdmin })
                failures.AddRange((await RunAsync(app, email, probes)).Failures);
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
    }

    /// <summary>A class of its own so that xunit runs it beside the other long cases (the cases of one class run one after another).</summary>
    public sealed class RefusedWrites
    {
        /// <summary>
        /// Regression test for a hole found by this test and fixed in c8b0019: UnitChanges.Validate answered a refused change with
        /// “Bạn không có quyền thay đổi {unit.FullName}” / “… thêm đơn vị vào {parent.FullName}”, so a unit
        /// administrator learns the name of any unit in the country by its id (API 400 body and the change page),
        /// and “Không tìm thấy đơn vị mã số …” vs “không có quyền” tells which ids exist. Refusals must not name units outside the scope.
        /// </summary>
        [DatabaseTheory]
        public async Task Refused_writes_do_not_name_units_outside_the_scope(string engine)
        {
            await using var app = await TestApp.StartAsync(engine);
            var s = await Sides.LoadAsync(app);
            var leaks = new List<string>();
            foreach (var (email, admin) in new[] { (Who.BoDeOfficer, false), (Who.HanoiAdmin, true) })
            {
                var run = await RunMatrixAsync(app, s, email, admin);
                leaks.AddRange(run.WriteLeaks);
            }
            // No existence oracle: B's unit and an id that does not exist are refused in the same words.
            var adminApi = await ApiClients.BearerAsync(app, Who.HanoiAdmin);
            async Task<string> Errors(int source, int parent)
            {
                var r = await adminApi.PostAsync("/api/v1/unit-changes/preview", ApiClients.Json(ApiChange("Move", [source], ("Tổ thử", "ResidentialGroup", parent))));
                var json = await r.ReadProblemAsync();
                return json.Replace(I(source), "#", StringComparison.Ordinal).Replace(I(parent), "#", StringComparison.Ordinal);
            }
            Assert.Equal(await Errors(999_999, s.BoDe), await Errors(s.BQuarter, s.BoDe));
            Assert.Equal(await Errors(s.AGroup, 999_998), await Errors(s.AGroup, s.Kt));
            Assert.True(leaks.Count == 0, $"{leaks.Count} refused writes name side B's records:\n" + string.Join("\n", leaks));
        }
    }

    /// <summary>
    /// Regression test for a hole found by this test and fixed in c8b0019 (an admin could Abolish its own unit).
    /// A unit administrator administers its unit's subtree, not the level above it: ending its own unit
    /// (Abolish) would re-create all its children directly under the parent (Trung ương for Hà Nội) — new
    /// unit versions outside the account's scope. Rename/Move/Split of the own unit are already refused
    /// because their target parent is outside the scope; Abolish has no target and must be refused too.
    /// </summary>
    [DatabaseTheory]
    public async Task Unit_admin_cannot_end_its_own_unit_and_push_its_children_above_its_scope(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await Sides.LoadAsync(app);
        var hanoi = await app.DbAsync(db => db.Users.Where(u => u.Email == Who.HanoiAdmin).Select(u => u.UnitId).SingleAsync());
        var api = await ApiClients.BearerAsync(app, Who.HanoiAdmin);
        var (browser, _) = await Browser.SignInAsync(app, Who.HanoiAdmin);
        await api.GetAsync("/api/v1/me");
        var token = await Browser.FormTokenAsync(browser);
        var before = await Snapshots.TakeAsync(app);
        var failures = new List<string>();
        foreach (var (what, send) in new (string, Func<Task<HttpResponseMessage>>)[]
        {
            ("API preview", () => api.PostAsync("/api/v1/unit-changes/preview", ApiClients.Json(ApiChange("Abolish", [hanoi])))),
            ("API apply", () => api.PostAsync("/api/v1/unit-changes", ApiClients.Json(ApiChange("Abolish", [hanoi])))),
            ("page apply", () => Browser.PostFormAsync(browser, "/don-vi/thay-doi?handler=Apply", token, PageChange("Abolish", [hanoi]))),
        })
        {
            var r = await send();
            var refused = r.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                || Browser.IsRedirectTo(r, "/khong-co-quyen") || (r.StatusCode == HttpStatusCode.OK && what.StartsWith("page", StringComparison.Ordinal));
            if (!refused) failures.Add($"{what}: {(int)r.StatusCode} {r.Headers.Location}");
            if (Snapshots.Diff(before, await Snapshots.TakeAsync(app)) is { } diff)
            {
                failures.Add($"{what}: the database changed: {diff}");
                break;
            }
        }
        Assert.True(failures.Count == 0, "a unit administrator ended its own unit and moved its children above its scope:\n" + string.Join("\n", failures));
    }

    /// <summary>The API takes Bearer tokens only (a cookie cannot be replayed against it), and page forms need the antiforgery token.</summary>
    [DatabaseTheory]
    public async Task Cookie_does_not_open_the_API_and_forms_without_antiforgery_token_change_nothing(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await Sides.LoadAsync(app);
        var (browser, _) = await Browser.SignInAsync(app, Who.HanoiAdmin);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/don-vi/{s.BoDe}")).StatusCode);
        var boDe = await UnitAsync(app, s.BoDe);
        var before = await Snapshots.TakeAsync(app);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/api/v1/tokens", ApiClients.Json(new { Name = "qua cookie", Days = 30 }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PutAsync($"/api/v1/units/{s.BoDe}", ApiClients.Json(Details("Qua cookie", boDe.Version)))).StatusCode);
        var noToken = await browser.PostAsync($"/don-vi/{s.BoDe}?handler=Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Address"] = "Không có mã chống giả mạo", ["Input.Version"] = boDe.Version.ToString(CultureInfo.InvariantCulture),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Null(Snapshots.Diff(before, await Snapshots.TakeAsync(app)));

        // Control: the same edit with the token saves, so the 400 above was the missing token.
        var token = await Browser.FormTokenAsync(browser);
        var withToken = await Browser.PostFormAsync(browser, $"/don-vi/{s.BoDe}?handler=Edit", token,
            [new("Input.Address", "Có mã chống giả mạo"), new("Input.Version", boDe.Version.ToString(CultureInfo.InvariantCulture))]);
        Assert.True(Browser.IsRedirectTo(withToken, $"/don-vi/{s.BoDe}"), $"{(int)withToken.StatusCode}");
        Assert.Equal("Có mã chống giả mạo", (await UnitAsync(app, s.BoDe)).Address);
    }

    // ------------------------------------------------------------------ roles inside one scope

    private static object Details(string address, long version) =>
        new { Address = address, Phone = (string?)null, Email = (string?)null, Households = 321, Note = (string?)null, Version = version };

    private static Task<DoanKet.Domain.Units.Unit> UnitAsync(TestApp app, int id) =>
        app.DbAsync(db => db.Units.IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.Id == id));

    [DatabaseTheory]
    public async Task Reviewer_reads_Hanoi_but_cannot_write_in_it(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await Sides.LoadAsync(app);
        var api = await ApiClients.BearerAsync(app, Who.HanoiReviewer);
        var (browser, _) = await Browser.SignInAsync(app, Who.HanoiReviewer);
        var boDe = await UnitAsync(app, s.BoDe);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/units/{s.BoDe}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/don-vi/{s.BoDe}")).StatusCode);
        var before = await Snapshots.TakeAsync(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsync($"/api/v1/units/{s.BoDe}", ApiClients.Json(Details("Địa chỉ của người theo dõi", boDe.Version)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsync($"/api/v1/units/{s.AGroup}", ApiClients.Json(Details("Địa chỉ của người theo dõi", (await UnitAsync(app, s.AGroup)).Version)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/unit-changes/preview",
            ApiClients.Json(ApiChange("Rename", [s.AGroup], ("Tổ mới", "ResidentialGroup", s.BoDe))))).StatusCode);
        var token = await Browser.FormTokenAsync(browser);
        var edit = await Browser.PostFormAsync(browser, $"/don-vi/{s.BoDe}?handler=Edit", token,
            [new("Input.Address", "Địa chỉ của người theo dõi"), new("Input.Version", boDe.Version.ToString(CultureInfo.InvariantCulture))]);
        Assert.True(edit.StatusCode == HttpStatusCode.Forbidden || Browser.IsRedirectTo(edit, "/khong-co-quyen"), $"page edit by the reviewer: {(int)edit.StatusCode} {edit.Headers.Location}");
        Assert.True(Browser.IsRedirectTo(await browser.GetAsync("/don-vi/thay-doi"), "/khong-co-quyen"));
        Assert.Null(Snapshots.Diff(before, await Snapshots.TakeAsync(app)));
    }

    /// <summary>
    /// The registry's writes on side A's own records, with the payloads of the matrix: the Hà Nội reviewer gets 403 on every one
    /// and nothing changes; the Bồ Đề officer's same requests succeed and change the database (so the refusals above are about who, not about the payload).
    /// </summary>
    [DatabaseTheory]
    public async Task Registry_writes_reviewer_is_refused_and_the_officer_of_the_unit_succeeds(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await Sides.LoadAsync(app);
        var reviewer = await ApiClients.BearerAsync(app, Who.HanoiReviewer);
        var officer = await ApiClients.BearerAsync(app, Who.BoDeOfficer);
        await reviewer.GetAsync("/api/v1/me");
        await officer.GetAsync("/api/v1/me");
        var newPost = await app.DbAsync(async db =>
        {
            var person = DoanKet.Features.Organisations.Registry.NewPerson(new("Người Bên A thứ hai", DoanKet.Domain.Organisations.Sex.Male, 1980, null, null, null, null), s.AGroup, TestClock.UtcNow);
            var post = new DoanKet.Domain.Organisations.Post { Person = person, OrganisationId = s.AOrg, Position = DoanKet.Domain.Organisations.Position.Member, StartDate = new DateOnly(2025, 8, 1) };
            db.Posts.Add(post);
            await db.SaveChangesAsync();
            return post.Id;
        });
        object NewPerson() => new { FullName = "Người thử", Sex = "Male", BirthYear = 1990, Ethnicity = "Kinh", UnitId = (int?)null };
        var writes = new (string What, string Method, string Url, object Json, HttpStatusCode Ok)[]
        {
            ("create organisation", "POST", "/api/v1/organisations", new { UnitId = s.BoDe, Kind = "MassAssociation", Name = "Hội thử" }, HttpStatusCode.Created),
            ("add post", "POST", $"/api/v1/organisations/{s.AOrg}/posts", new { Person = NewPerson(), Position = "Member", FullTime = false, StartDate = "2025-08-01" }, HttpStatusCode.Created),
            ("co-opt", "POST", $"/api/v1/organisations/{s.AOrg}/cooptions", new
            {
                Date = "2025-09-01", Conference = "Hội nghị thử", Present = 10, For = 10, Against = 0, DecisionNumber = "01/QĐ",
                Add = new[] { new { Person = NewPerson(), Position = "Member" } }, RemovePostIds = new[] { s.APost },
            }, HttpStatusCode.OK),
            ("add term", "POST", $"/api/v1/organisations/{s.AOrg}/terms", new { Number = 2, StartDate = "2031-01-01", PlannedEnd = "2036-01-01" }, HttpStatusCode.OK),
            ("membership", "POST", $"/api/v1/organisations/{s.AWomen}/membership", new { Date = "2025-12-31", Members = 999 }, HttpStatusCode.OK),
            ("end post", "POST", $"/api/v1/posts/{newPost}/end", new { EndDate = "2025-12-31", Decision = "QĐ thôi" }, HttpStatusCode.OK),
            ("congress", "POST", $"/api/v1/terms/{s.ATerm}/congresses", new
            {
                Date = "2025-10-01", DelegatesInvited = 100, DelegatesPresent = 90, ResolutionNumber = "NQ thử",
                Targets = new[] { new { Label = "Chỉ tiêu thử", TargetValue = 90.0, UnitOfMeasure = "%" } },
            }, HttpStatusCode.OK),
            ("end term", "POST", $"/api/v1/terms/{s.ATerm}/end", new { EndedOn = "2026-01-01", Renumber = 3 }, HttpStatusCode.OK),
            ("edit person", "PUT", $"/api/v1/people/{s.APerson}?version={s.APersonVersion}", new { FullName = "Đổi tên", Sex = "Male", BirthYear = 1980, Ethnicity = "Kinh" }, HttpStatusCode.OK),
        };
        var failures = new List<string>();
        var before = await Snapshots.TakeAsync(app);
        foreach (var w in writes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(w.Method), w.Url) { Content = ApiClients.Json(w.Json) };
            var r = await reviewer.SendAsync(request);
            if (r.StatusCode != HttpStatusCode.Forbidden) failures.Add($"reviewer {w.What}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        var (reviewerPage, _) = await Browser.SignInAsync(app, Who.HanoiReviewer);
        Assert.Equal(HttpStatusCode.OK, (await reviewerPage.GetAsync($"/to-chuc/{s.AOrg}")).StatusCode);
        var page = await Browser.PostFormAsync(reviewerPage, $"/to-chuc/{s.AOrg}?handler=Term", await Browser.FormTokenAsync(reviewerPage),
            [new("Input.Term.Number", "2"), new("Input.Term.StartDate", "2031-01-01"), new("Input.Term.PlannedEnd", "2036-01-01")]);
        if (!(page.StatusCode == HttpStatusCode.Forbidden || Browser.IsRedirectTo(page, "/khong-co-quyen"))) failures.Add($"reviewer page term: {(int)page.StatusCode}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Null(Snapshots.Diff(before, await Snapshots.TakeAsync(app)));

        foreach (var w in writes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(w.Method), w.Url) { Content = ApiClients.Json(w.Json) };
            var r = await officer.SendAsync(request);
            if (r.StatusCode != w.Ok) failures.Add($"officer {w.What}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await app.DbAsync(async db =>
        {
            Assert.Equal(new DateOnly(2025, 9, 1), (await db.Posts.SingleAsync(p => p.Id == s.APost)).EndDate);
            Assert.Equal((new DateOnly(2026, 1, 1), 3), await db.Terms.Where(t => t.Id == s.ATerm).Select(t => new ValueTuple<DateOnly, int>(t.EndedOn!.Value, t.Number!.Value)).SingleAsync());
            Assert.Equal("Đổi tên", (await db.People.SingleAsync(p => p.Id == s.APerson)).FullName);
            Assert.Equal(999, (await db.MembershipCounts.SingleAsync(m => m.OrganisationId == s.AWomen && m.Date == new DateOnly(2025, 12, 31))).Members);
        });
    }

    [DatabaseTheory]
    public async Task Board_head_edits_its_own_group_but_not_the_ward_above_it(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await Sides.LoadAsync(app);
        var api = await ApiClients.BearerAsync(app, Who.To11Head);
        var (browser, _) = await Browser.SignInAsync(app, Who.To11Head);
        var boDe = await UnitAsync(app, s.BoDe);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/units/{s.To11Group}")).StatusCode); // stamps the token's first use

        var before = await Snapshots.TakeAsync(app);
        var parent = await api.PutAsync($"/api/v1/units/{s.BoDe}", ApiClients.Json(Details("Sửa phường", boDe.Version)));
        Assert.True(parent.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"PUT the ward by the board head: {(int)parent.StatusCode}");
        var sibling = await api.PutAsync($"/api/v1/units/{s.AGroup2}", ApiClients.Json(Details("Sửa tổ khác", (await UnitAsync(app, s.AGroup2)).Version)));
        Assert.True(sibling.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"PUT a sibling group by the board head: {(int)sibling.StatusCode}");
        var token = await Browser.FormTokenAsync(browser);
        var pageEdit = await Browser.PostFormAsync(browser, $"/don-vi/{s.BoDe}?handler=Edit", token,
            [new("Input.Address", "Sửa phường"), new("Input.Version", boDe.Version.ToString(CultureInfo.InvariantCulture))]);
        Assert.True(pageEdit.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden || Browser.IsRedirectTo(pageEdit, "/khong-co-quyen"),
            $"page edit of the ward by the board head: {(int)pageEdit.StatusCode}");
        Assert.Null(Snapshots.Diff(before, await Snapshots.TakeAsync(app)));

        // Its own group: API and page both save.
        var own = await UnitAsync(app, s.To11Group);
        var put = await api.PutAsync($"/api/v1/units/{s.To11Group}", ApiClients.Json(Details("Số 1 ngõ 11", own.Version)));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        own = await UnitAsync(app, s.To11Group);
        Assert.Equal("Số 1 ngõ 11", own.Address);
        var page = await Browser.PostFormAsync(browser, $"/don-vi/{s.To11Group}?handler=Edit", token,
            [new("Input.Address", "Số 2 ngõ 11"), new("Input.Households", "222"), new("Input.Version", own.Version.ToString(CultureInfo.InvariantCulture))]);
        Assert.True(Browser.IsRedirectTo(page, $"/don-vi/{s.To11Group}"), $"{(int)page.StatusCode} {page.Headers.Location}");
        Assert.Equal("Số 2 ngõ 11", (await UnitAsync(app, s.To11Group)).Address);
    }

    [DatabaseTheory]
    public async Task Account_bound_to_an_ended_unit_only_reads_its_history(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var s = await Sides.LoadAsync(app);
        var tdp13 = await app.DbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.ParentId == s.BoDe && u.Name == "13" && u.ValidTo == null));
        var admin = await ApiClients.BearerAsync(app, Who.HanoiAdmin);
        var merge = await admin.PostAsync("/api/v1/unit-changes", ApiClients.Json(ApiChange("Merge", [s.To11Group, tdp13.Id], ("11-13", "ResidentialGroup", s.BoDe))));
        var plan = await merge.ReadAsync<System.Text.Json.JsonElement>();
        var merged = plan.GetProperty("created")[0].GetProperty("id").GetInt32();
        Assert.Equal(s.To11Group, (await app.UserAsync(Who.To11Head)).UnitId); // still bound to the ended version

        var api = await ApiClients.BearerAsync(app, Who.To11Head);
        var (browser, _) = await Browser.SignInAsync(app, Who.To11Head);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/units/{s.To11Group}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/units/{s.To11Group}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/don-vi/{s.To11Group}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/units/{s.BoDe}")).StatusCode);

        var before = await Snapshots.TakeAsync(app);
        var old = await UnitAsync(app, s.To11Group);
        var mergedUnit = await UnitAsync(app, merged);
        var failures = new List<string>();
        async Task Refused(string what, HttpResponseMessage r)
        {
            if (r.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
                && !Browser.IsRedirectTo(r, "/khong-co-quyen"))
                failures.Add($"{what}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        await Refused("PUT the merged group", await api.PutAsync($"/api/v1/units/{merged}", ApiClients.Json(Details("Sửa tổ mới", mergedUnit.Version))));
        await Refused("POST unit-changes", await api.PostAsync("/api/v1/unit-changes", ApiClients.Json(ApiChange("Rename", [merged], ("11-13 mới", "ResidentialGroup", s.BoDe)))));
        var token = await Browser.FormTokenAsync(browser);
        await Refused("page edit of the ended group", await Browser.PostFormAsync(browser, $"/don-vi/{s.To11Group}?handler=Edit", token,
            [new("Input.Address", "Sửa tổ cũ"), new("Input.Version", old.Version.ToString(CultureInfo.InvariantCulture))]));
        await Refused("page edit of the merged group", await Browser.PostFormAsync(browser, $"/don-vi/{merged}?handler=Edit", token,
            [new("Input.Address", "Sửa tổ mới"), new("Input.Version", mergedUnit.Version.ToString(CultureInfo.InvariantCulture))]));
        // Its own (ended) version through the API: the account is read-only now, so 403 — not a 409 about the version.
        var ownPut = await api.PutAsync($"/api/v1/units/{s.To11Group}", ApiClients.Json(Details("Sửa tổ cũ", old.Version)));
        if (ownPut.StatusCode != HttpStatusCode.Forbidden) failures.Add($"PUT its own ended group: {(int)ownPut.StatusCode} {await ownPut.Content.ReadAsStringAsync()}");
        // Nobody edits an ended version, not even the administrator above it.
        var adminPut = await admin.PutAsync($"/api/v1/units/{s.To11Group}", ApiClients.Json(Details("Sửa tổ cũ", old.Version)));
        if (adminPut.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden))
            failures.Add($"admin PUT on an ended version: {(int)adminPut.StatusCode} {await adminPut.Content.ReadAsStringAsync()}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Null(Snapshots.Diff(before, await Snapshots.TakeAsync(app)));
    }
}

internal static class ProblemJson
{
    /// <summary>The "errors" member of a 400 problem-details answer, as JSON text.</summary>
    public static async Task<string> ReadProblemAsync(this HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)r.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors").GetRawText();
    }
}
