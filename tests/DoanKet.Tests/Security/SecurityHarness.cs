using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Features.Accounts;
using DoanKet.Features.Organisations;
using DoanKet.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKet.Tests.Security;

/// <summary>The demo accounts the security tests act as (password of every demo account: DemoData.Password).</summary>
public static class Who
{
    public const string Password = DoanKet.Features.Demo.DemoData.Password;
    public const string BoDeOfficer = "canbo.bode@doanket.vn";
    public const string HanoiAdmin = "quantri.hanoi@doanket.vn";
    public const string HanoiReviewer = "theodoi.hanoi@doanket.vn";
    public const string To11Head = "truongban.to11@doanket.vn";
    public const string KienTuongOfficer = "canbo.kientuong@doanket.vn";
}

/// <summary>
/// Records of "side B" (Kiến Tường, Tây Ninh — and its history under Long An) and of "side A" (Bồ Đề, Hà Nội).
/// <see cref="LoadAsync"/> also soft-deletes one B unit (for restore probes) and issues a token to B's account.
/// </summary>
public sealed partial record Sides(
    int BoDe, int AGroup, int AGroup2, int To11Group, string BoDeOfficerId,
    int Kt, int KtTownOld, int P2Old, int BQuarter, int BQuarter2, int BDeleted, int TayNinh, int LongAnOld,
    long KtVersion, string BAccountId, int BTokenId)
{
    public const string BTokenName = "B-token-kientuong";
    /// <summary>Side A's registry records, created by <see cref="LoadAsync"/> (names the positive probes look for).</summary>
    public const string AOrgName = "Ủy ban MTTQ thử nghiệm phường Bồ Đề";
    public const string APersonName = "Người Bên A Bồ Đề";
    /// <summary>Side B's people carry this in their name, so a leaked roster is caught by <see cref="LeakIn"/>.</summary>
    public const string BPersonMarker = "Người Bên Bê";

    /// <summary>Text that must never reach side A: B's names, codes, account and token.</summary>
    public static readonly string[] BMarkers = ["Kiến Tường", "DEMO-KIENTUONG", "DEMO-KT-", "canbo.kientuong", "Tây Ninh", "Long An", BTokenName, BPersonMarker];

    // Registry records (organisation registry, issue 3). B: phường Kiến Tường now, and Phường 2 (ended) in its history.
    public int AOrg { get; init; }
    public int AWomen { get; init; }
    public int ATerm { get; init; }
    public int APost { get; init; }
    public int APerson { get; init; }
    public long APersonVersion { get; init; }
    public int BOrg { get; init; }
    public int BWomen { get; init; }
    public int BTerm { get; init; }
    public int BPost { get; init; }
    public int BPerson { get; init; }
    public long BPersonVersion { get; init; }
    public int AWave { get; init; }
    public int BWave { get; init; }
    public int BOldOrg { get; init; }
    public int BOldTerm { get; init; }
    public int BOldPost { get; init; }
    /// <summary>Ids of the records created by the feature hooks (RecordsMatrix.cs, IndicatorsMatrix.cs).</summary>
    public IReadOnlyDictionary<string, int> Ids { get; init; } = new Dictionary<string, int>();

    public static Task<Sides> LoadAsync(TestApp app) => app.DbAsync(async db =>
    {
        Task<Unit> Current(string code) => db.Units.AsNoTracking().SingleAsync(u => u.Code == code && u.ValidTo == null);
        var boDe = await Current("DEMO-BODE");
        var to11 = await Current("DEMO-NL-TDP11");
        var groups = await db.Units.AsNoTracking().Where(u => u.ParentId == boDe.Id && u.ValidTo == null && u.Id != to11.Id).OrderBy(u => u.Id).ToListAsync();
        var kt = await Current("DEMO-KIENTUONG");
        var ktTown = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "796");
        var p2 = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-KT-P2");
        var quarters = await db.Units.Where(u => u.ParentId == kt.Id && u.ValidTo == null).OrderBy(u => u.Id).ToListAsync();
        Assert.True(quarters.Count >= 3, "demo data: Kiến Tường should have its quarters");
        var tayNinh = await Current("72");
        var longAn = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "80");
        var deleted = quarters[2];
        deleted.DeletedAt = TestClock.UtcNow;
        deleted.DeletedBy = "security-tests";
        await db.SaveChangesAsync();
        var bAccount = await db.Users.SingleAsync(u => u.Email == Who.KienTuongOfficer);
        Assert.Equal(kt.Id, bAccount.UnitId);
        var (token, _) = await Accounts.IssueTokenAsync(db, bAccount.Id, new NewTokenInput(BTokenName, 30));
        var aOfficer = await db.Users.SingleAsync(u => u.Email == Who.BoDeOfficer);

        // The organisation registry of both sides, written through the DbContext.
        var a = await RegistryAsync(db, boDe, groups[0].Id, AOrgName, APersonName);
        var b = await RegistryAsync(db, kt, kt.Id, "Ủy ban MTTQ phường Kiến Tường (thử)", BPersonMarker + " Kiến Tường");
        var old = await RegistryAsync(db, p2, p2.Id, "Ủy ban MTTQ Phường 2 Kiến Tường (thử)", BPersonMarker + " Phường 2");
        // A congress wave of side B (Tây Ninh's communes), beside the demo wave of Hà Nội that includes Bồ Đề.
        var bWave = new CongressWave { UnitId = tayNinh.Id, Name = "Đại hội thử Tây Ninh", Level = UnitLevel.Commune, StartDate = new(2025, 7, 1), DueDate = new(2025, 9, 30), CreatedAt = TestClock.UtcNow };
        db.CongressWaves.Add(bWave);
        await db.SaveChangesAsync();
        db.CongressPlans.Add(new CongressPlan { WaveId = bWave.Id, UnitId = kt.Id });
        await db.SaveChangesAsync();
        var aWave = await db.CongressWaves.Where(w => w.Id != bWave.Id).Select(w => w.Id).SingleAsync();
        // Work records and figures of both sides (issue 4), keyed by name in Ids.
        var ids = new Dictionary<string, int>();
        await LoadRecordsAsync(db, ids, boDe, groups[0], kt, p2, quarters[0]);
        await LoadIndicatorsAsync(db, ids, boDe, groups[0], kt, p2, quarters[0]);
        await LoadFundsAsync(db, ids, boDe, kt, p2);
        await LoadPetitionsAsync(db, ids, boDe, kt, p2);
        await LoadSupervisionsAsync(db, ids, boDe, kt, p2);
        await LoadReportsAsync(db, ids, boDe, kt, p2);
        await LoadHistoryAsync(db, ids, boDe, kt, p2);
        await LoadPortalAsync(db, ids, boDe, kt);
        await LoadPortalDocsAsync(db, ids, boDe, kt);
        return new Sides(boDe.Id, groups[0].Id, groups[1].Id, to11.Id, aOfficer.Id,
            kt.Id, ktTown.Id, p2.Id, quarters[0].Id, quarters[1].Id, deleted.Id, tayNinh.Id, longAn.Id,
            kt.Version, bAccount.Id, token.Id)
        {
            AOrg = a.Org, AWomen = a.Women, ATerm = a.Term, APost = a.Post, APerson = a.Person, APersonVersion = a.PersonVersion,
            BOrg = b.Org, BWomen = b.Women, BTerm = b.Term, BPost = b.Post, BPerson = b.Person, BPersonVersion = b.PersonVersion,
            BOldOrg = old.Org, BOldTerm = old.Term, BOldPost = old.Post, AWave = aWave, BWave = bWave.Id, Ids = ids,
        };
    });

    private sealed record RegistryIds(int Org, int Women, int Term, int Post, int Person, long PersonVersion);

    /// <summary>A Front committee with a term and one member, and a women's union with a membership count, in this unit version.</summary>
    private static async Task<RegistryIds> RegistryAsync(AppDb db, Unit unit, int personUnit, string orgName, string personName)
    {
        var from = unit.ValidFrom;
        var org = new Organisation { UnitId = unit.Id, Kind = OrganisationKind.FrontCommittee, Name = orgName, ValidFrom = from, ValidTo = unit.ValidTo, CreatedAt = TestClock.UtcNow };
        var women = new Organisation { UnitId = unit.Id, Kind = OrganisationKind.WomenUnion, Name = "Hội LHPN " + orgName, ValidFrom = from, ValidTo = unit.ValidTo, CreatedAt = TestClock.UtcNow };
        db.Organisations.AddRange(org, women);
        await db.SaveChangesAsync();
        var term = new Term { OrganisationId = org.Id, Number = 1, StartDate = from, PlannedEnd = from.AddYears(5), EndedOn = unit.ValidTo };
        var person = Registry.NewPerson(new PersonInput(personName, Sex.Female, 1985, "Kinh", null, null, null), personUnit, TestClock.UtcNow);
        db.Terms.Add(term);
        db.People.Add(person);
        db.MembershipCounts.Add(new MembershipCount { OrganisationId = women.Id, Date = from, Members = 123 });
        var post = new Post { Person = person, OrganisationId = org.Id, Position = Position.Chair, FullTime = true, StartDate = from, EndDate = unit.ValidTo, Decision = "QĐ thử" };
        db.Posts.Add(post);
        await db.SaveChangesAsync();
        return new RegistryIds(org.Id, women.Id, term.Id, post.Id, person.Id, person.Version);
    }

    /// <summary>Which B marker (if any) the body contains. JSON is unescaped first (System.Text.Json writes \uXXXX).</summary>
    public static string? LeakIn(string body)
    {
        var text = Readable(body);
        return BMarkers.FirstOrDefault(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>B's private markers only (drafts and records marked "bên B", people, codes, account, token), for pages that publish B's site.</summary>
    public static string? PrivateLeakIn(string body)
    {
        var text = Readable(body);
        return new[] { "(bên B)", "DEMO-KIENTUONG", "DEMO-KT-", "canbo.kientuong", BTokenName, BPersonMarker }
            .FirstOrDefault(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    public static string Readable(string body)
    {
        var t = body.TrimStart();
        if (t.StartsWith('{') || t.StartsWith('['))
        {
            try { return JsonNode.Parse(body)?.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? body; }
            catch (JsonException) { }
        }
        return WebUtility.HtmlDecode(body);
    }
}

/// <summary>Every endpoint of the running app, as "METHOD /route" or "METHOD /route?handler=Name" for Razor Page handlers.</summary>
public static class EndpointInventory
{
    public static async Task<SortedSet<string>> KeysAsync(TestApp app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in source.Endpoints)
        {
            if (e is not RouteEndpoint re)
            {
                keys.Add("UNROUTED " + e.DisplayName);
                continue;
            }
            var route = "/" + (re.RoutePattern.RawText ?? "").TrimStart('/');
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, e.Metadata);
                if (compiled.HandlerMethods.Count == 0) keys.Add($"GET {route}");
                foreach (var h in compiled.HandlerMethods)
                    keys.Add(h.Name is null ? $"{h.HttpMethod.ToUpperInvariant()} {route}" : $"{h.HttpMethod.ToUpperInvariant()} {route}?handler={h.Name}");
                continue;
            }
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0) keys.Add($"* {route}");
            else foreach (var m in methods) keys.Add($"{m} {route}");
        }
        return keys;
    }

    /// <summary>Turns a key into a concrete request path, filling route parameters with side B's records.</summary>
    public static (string Method, string Path) Concrete(string key, Sides s)
    {
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        var method = key[..space];
        var route = key[(space + 1)..];
        var handler = "";
        var q = route.IndexOf("?handler=", StringComparison.Ordinal);
        if (q >= 0) { handler = route[q..]; route = route[..q]; }
        // Registry routes get B's registry records of the matching type, not a unit id.
        var idForRoute = route.Contains("/organisations/{", StringComparison.Ordinal) || route.StartsWith("/to-chuc/{", StringComparison.Ordinal) ? s.BOrg
            : route.Contains("/posts/{", StringComparison.Ordinal) ? s.BPost
            : route.Contains("/terms/{", StringComparison.Ordinal) ? s.BTerm
            : route.Contains("/people/{", StringComparison.Ordinal) ? s.BPerson
            : route.Contains("/congress-waves/{", StringComparison.Ordinal) || route.StartsWith("/dai-hoi/{", StringComparison.Ordinal) ? s.BWave
            : route.Contains("/money-entries/{", StringComparison.Ordinal) || route.StartsWith("/quy/but-toan/{", StringComparison.Ordinal) ? s.Ids["B.entry"]
            : route.Contains("/appeals/{", StringComparison.Ordinal) ? s.Ids["B.appeal"]
            : route.Contains("/petitions/{", StringComparison.Ordinal) || route.StartsWith("/y-kien/{", StringComparison.Ordinal) ? s.Ids["B.petition"]
            : route.StartsWith("/y-kien/tiep-xuc-cu-tri/{", StringComparison.Ordinal) ? s.Ids["B.round"]
            : route.StartsWith("/open311/", StringComparison.Ordinal) ? s.Ids["B.petition"]
            : route.StartsWith("/giam-sat/{", StringComparison.Ordinal) ? s.Ids["B.supervision"]
            : route.StartsWith("/phan-bien/{", StringComparison.Ordinal) ? s.Ids["B.criticism"]
            : route.StartsWith("/bao-cao/van-ban/{", StringComparison.Ordinal) ? s.Ids["B.report"]
            : route.StartsWith("/tin-bai/{", StringComparison.Ordinal) ? s.Ids["B.news"]
            : route.StartsWith("/cong-thong-tin/tin/{", StringComparison.Ordinal) ? s.Ids["B.article"]
            : route.StartsWith("/cong-thong-tin/van-ban/{", StringComparison.Ordinal) || route.StartsWith("/p/{slug}/van-ban/{", StringComparison.Ordinal) ? s.Ids["B.document"]
            : route.StartsWith("/cong-thong-tin/anh/{", StringComparison.Ordinal) || route.StartsWith("/p/{slug}/anh/{", StringComparison.Ordinal) ? s.Ids["B.album"]
            : route.StartsWith("/p/tep/{", StringComparison.Ordinal) ? s.Ids["B.documentFile"]
            : route.Contains("/bank-lines/{", StringComparison.Ordinal) ? s.Ids["B.line"]
            : route.Contains("/funds/{", StringComparison.Ordinal) || route.StartsWith("/quy/{", StringComparison.Ordinal) || route.StartsWith("/cong-khai/quy/{", StringComparison.Ordinal) ? s.Ids["B.fund"]
            : s.Kt;
        var path = Regex.Replace(route, @"\{([^}]+)\}", m =>
        {
            var p = m.Groups[1].Value;
            return p switch
            {
                "id:int" or "id:int?" => idForRoute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Portal addresses: B's site (by id; the name part only redirects), B's draft article, any file name.
                "slug" or "slug?" => "x-" + s.Kt.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "item" => s.Ids["B.article"].ToString(System.Globalization.CultureInfo.InvariantCulture) + "-x",
                "name" or "name?" => "x",
                "id" => s.BAccountId,
                "unitId:int" or "unitId:int?" => s.Kt.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "**rest" => "khong-co",
                "documentName" or "documentName?" => "v1",
                _ => throw new InvalidOperationException($"Security tests do not know how to fill route parameter {{{p}}} of {key}: teach EndpointInventory.Concrete."),
            };
        });
        if (method == "*") method = "GET";
        return (method, path + handler);
    }
}

/// <summary>A browser-like client: cookies, no automatic redirects, real sign-in through /dang-nhap.</summary>
public static class Browser
{
    private static readonly Regex TokenInput = new(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""|value=""([^""]+)""[^>]*name=""__RequestVerificationToken""", RegexOptions.Compiled);

    public static HttpClient NewClient(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static string AntiforgeryToken(string html)
    {
        var m = TokenInput.Match(html);
        Assert.True(m.Success, "no antiforgery token in the page");
        return WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
    }

    /// <summary>Signs in through the real login form; returns the signed-in client and the response that set the cookie.</summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(WebApplicationFactory<Program> app, string email, string password = Who.Password)
    {
        var client = NewClient(app);
        var form = await client.GetAsync("/dang-nhap");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = AntiforgeryToken(await form.Content.ReadAsStringAsync());
        var response = await client.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (client, response);
    }

    /// <summary>An antiforgery token for the signed-in user (from the sign-out form of the layout).</summary>
    public static async Task<string> FormTokenAsync(HttpClient client)
    {
        var page = await client.GetAsync("/tai-khoan/ma-truy-cap");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return AntiforgeryToken(await page.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

    public static bool IsRedirectTo(HttpResponseMessage r, string path) =>
        (int)r.StatusCode is >= 300 and < 400 && r.Headers.Location is { } l
        && (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString.Split('?')[0]).Equals(path, StringComparison.OrdinalIgnoreCase);
}

public static class ApiClients
{
    /// <summary>A Bearer client from a token issued with Accounts.IssueTokenAsync on the app's DbContext.</summary>
    public static async Task<HttpClient> BearerAsync(TestApp app, string email)
    {
        var secret = await app.DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return (await Accounts.IssueTokenAsync(db, user.Id, new NewTokenInput("security-tests", 1))).Secret;
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value, TestApp.Json), Encoding.UTF8, "application/json");
}

/// <summary>
/// The rows of every table of the model (found from AppDb, so a new table is watched with no list to keep up), but the
/// two that requests do not write: the framework's key ring and the visit counter's background flush.
/// </summary>
public static class Snapshots
{
    private static readonly string[] NotWritten = ["DataProtectionKeys", "SiteVisits"];

    public static Task<List<string>> TablesAsync(TestApp app) => app.DbAsync(db => Task.FromResult(
        db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Except(NotWritten).Order(StringComparer.Ordinal).ToList()));

    public static async Task<Dictionary<string, List<string>>> TakeAsync(TestApp app)
    {
        var tables = await TablesAsync(app);
        Assert.Contains("Activities", tables);
        var all = await app.Database.SnapshotAsync(tables);
        foreach (var t in tables) Assert.True(all.ContainsKey(t), $"table {t} not found in the snapshot");
        return new Dictionary<string, List<string>>(all);
    }

    /// <summary>Null when equal, else a short description of the first difference.</summary>
    public static string? Diff(Dictionary<string, List<string>> before, Dictionary<string, List<string>> after)
    {
        foreach (var t in before.Keys.Order(StringComparer.Ordinal))
        {
            var added = after[t].Except(before[t]).ToList();
            var removed = before[t].Except(after[t]).ToList();
            if (added.Count > 0 || removed.Count > 0)
                return $"{t}: {before[t].Count} → {after[t].Count} rows; added [{string.Join(" ; ", added.Take(2))}] removed [{string.Join(" ; ", removed.Take(2))}]";
        }
        return null;
    }
}

/// <summary>
/// Whether requests changed the database, told cheaply: SQLite's data_version moves when another connection commits;
/// on PostgreSQL each watched table's count and newest row version move. Only when that moves are the rows read and compared
/// (<see cref="Snapshots"/>), so the answer is the same as comparing full snapshots around each request.
/// </summary>
public sealed class DatabaseWatch : IAsyncDisposable
{
    private readonly TestApp _app;
    private readonly System.Data.Common.DbConnection _connection;
    private readonly string _tokenSql;
    private string _token = "";
    private Dictionary<string, List<string>> _rows = [];

    private DatabaseWatch(TestApp app, System.Data.Common.DbConnection connection, string tokenSql) =>
        (_app, _connection, _tokenSql) = (app, connection, tokenSql);

    public static async Task<DatabaseWatch> StartAsync(TestApp app)
    {
        var tables = await Snapshots.TablesAsync(app);
        // PostgreSQL: per table, its row count and the newest row version's transaction id. An insert or an update
        // writes a row version with a newer id, a delete lowers the count; a vacuum that freezes rows only costs a
        // needless comparison.
        var sql = app.Engine == Engines.Sqlite
            ? "PRAGMA data_version"
            : "SELECT string_agg(d, ',' ORDER BY d) FROM (" + string.Join(" UNION ALL ", tables.Select(t =>
                $"SELECT '{t}:' || count(*) || ':' || coalesce(max(xmin::text::bigint), 0) AS d FROM \"{t}\"")) + ") s";
        var watch = new DatabaseWatch(app, app.Database.OpenConnection(), sql);
        await watch.RebaseAsync();
        return watch;
    }

    private async Task<string> TokenAsync()
    {
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = _tokenSql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Takes what the database holds now as the state to compare with (what earlier requests did is accepted).</summary>
    public async Task RebaseAsync()
    {
        var token = await TokenAsync();
        if (token == _token && _rows.Count > 0) return;
        (_token, _rows) = (token, await Snapshots.TakeAsync(_app));
    }

    /// <summary>Null when nothing changed since the last rebase, else the first difference; either way the state now becomes the base.</summary>
    public async Task<string?> ChangedAsync()
    {
        var token = await TokenAsync();
        if (token == _token) return null;
        var rows = await Snapshots.TakeAsync(_app);
        var diff = Snapshots.Diff(_rows, rows);
        (_token, _rows) = (token, rows);
        return diff;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
