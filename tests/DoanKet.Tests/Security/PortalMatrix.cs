using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;
using DoanKet.Features.Portal;

using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Security;

// Access-matrix probes for the public portal's management (Features/Portal/Manage) and the previews of drafts.
public sealed partial class AccessMatrixTests
{
    static partial void PortalProbes(Sides s, bool admin, List<Probe> p);

    static partial void PortalProbes(Sides s, bool admin, List<Probe> p)
    {
        void Add(string key, string url, Expect e, Dictionary<string, string>? form = null, string? must = null)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            p.Add(new Probe(key, key[..space], url, e, null, form, must));
        }
        var b = s.Ids["B.article"];
        var version = I(s.Ids["B.articleVersion"]);
        Add("GET /cong-thong-tin", "/cong-thong-tin", Expect.Positive, must: Sides.AArticle);
        Add("GET /cong-thong-tin/tin/{id:int?}", "/cong-thong-tin/tin", Expect.Positive, must: "Viết tin bài mới");
        Add("GET /cong-thong-tin/tin/{id:int?}", $"/cong-thong-tin/tin/{s.Ids["A.article"]}", Expect.Positive, must: Sides.AArticle);
        Add("GET /cong-thong-tin/tin/{id:int?}", $"/cong-thong-tin/tin/{b}", Expect.Hidden);
        Add("GET /cong-thong-tin/tin/{id:int?}", $"/cong-thong-tin/tin?tu-nhap={s.Ids["B.news"]}", Expect.Hidden);
        var form = new Dictionary<string, string> { ["Input.Title"] = "Sửa tin", ["Input.Lead"] = "Sapo", ["Input.Body"] = "Nội dung", ["Input.Category"] = "Activity", ["Input.Version"] = version };
        Add("POST /cong-thong-tin/tin/{id:int?}", $"/cong-thong-tin/tin/{b}", Expect.Refused, form);
        foreach (var unit in new[] { s.Kt, s.P2Old })
            Add("POST /cong-thong-tin/tin/{id:int?}", "/cong-thong-tin/tin", Expect.Refused, new(form) { ["Input.UnitId"] = I(unit), ["Input.Version"] = "0" });
        foreach (var step in new[] { "Submit", "Publish", "Return", "Unpublish" })
            Add("POST /cong-thong-tin/tin/{id:int?}?handler=Move", $"/cong-thong-tin/tin/{b}?handler=Move&step={step}", Expect.Refused, new() { ["Input.Version"] = version });
        Add("POST /cong-thong-tin/tin/{id:int?}?handler=Delete", $"/cong-thong-tin/tin/{b}?handler=Delete", Expect.Refused, new() { ["Input.Version"] = version });
        // B's draft is not previewed for A, and its picture is not served.
        Add("GET /p/{slug}/tin/{item}", $"/p/x-{s.Kt}/tin/{b}-x", Expect.Hidden);
        Add("GET /p/tep/{id:int}/{name?}", $"/p/tep/{s.Ids["B.articleFile"]}/x.jpg", Expect.Hidden);
    }
}

public sealed partial record Sides
{
    public const string AArticle = "Tin nháp Bồ Đề thử nghiệm";

    /// <summary>A draft article for each side, B's with a cover picture.</summary>
    private static async Task LoadPortalAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit kt)
    {
        foreach (var (side, unit, title) in new[] { ("A", boDe, AArticle), ("B", kt, "Tin nháp Kiến Tường (bên B)") })
        {
            var a = new Article { UnitId = unit.Id, Title = title, Lead = title, Body = "<p>" + title + "</p>", CreatedAt = TestClock.UtcNow, CreatedBy = "tests" };
            db.Articles.Add(a);
            await db.SaveChangesAsync();
            ids[side + ".article"] = a.Id;
            ids[side + ".articleVersion"] = (int)a.Version;
        }
        var cover = new StoredFile
        {
            UnitId = kt.Id, OwnerKind = "article", OwnerId = ids["B.article"], Name = "kien-tuong.jpg", ContentType = "image/jpeg",
            Bytes = [0xFF, 0xD8, 0xFF, 0xD9], Size = 4, Sha256 = new string('0', 64), CreatedAt = TestClock.UtcNow,
        };
        db.StoredFiles.Add(cover);
        await db.SaveChangesAsync();
        ids["B.articleFile"] = cover.Id;
    }
}
