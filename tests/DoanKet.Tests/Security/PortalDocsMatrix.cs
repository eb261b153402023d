using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;

using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Security;

// Access-matrix probes for the portal's document library and photo library (Features/Portal/Manage, Features/Portal/Site).
public sealed partial class AccessMatrixTests
{
    static partial void PortalDocsProbes(Sides s, bool admin, List<Probe> p);

    static partial void PortalDocsProbes(Sides s, bool admin, List<Probe> p)
    {
        void Add(string key, string url, Expect e, Dictionary<string, string>? form = null, string? must = null)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            p.Add(new Probe(key, key[..space], url, e, null, form, must));
        }
        int Id(string key) => s.Ids[key];
        // Public addresses of both sides' sites (the unit's name without diacritics and its id).
        var aSite = $"/p/phuong-bo-de-{I(s.BoDe)}";
        var bSite = $"/p/phuong-kien-tuong-{I(s.Kt)}";

        // ---- Documents: A's lists and pages; B's draft (and B's published one) never reached, never changed.
        Add("GET /cong-thong-tin/van-ban", "/cong-thong-tin/van-ban", Expect.Positive, must: Sides.APortalDocument);
        Add("GET /cong-thong-tin/van-ban/moi", "/cong-thong-tin/van-ban/moi", Expect.Positive, must: "Thêm văn bản");
        Add("GET /cong-thong-tin/van-ban/{id:int}", $"/cong-thong-tin/van-ban/{Id("A.document")}", Expect.Positive, must: Sides.APortalDocument);
        Dictionary<string, string> DocForm(int unit, int version) => new()
        {
            ["Input.UnitId"] = I(unit), ["Input.Number"] = "99/BC-MTTQ", ["Input.Type"] = "Report", ["Input.IssuedOn"] = "2025-12-01",
            ["Input.Title"] = "Văn bản thử", ["Input.Version"] = I(version),
        };
        foreach (var unit in new[] { s.Kt, s.BQuarter, s.P2Old })
            Add("POST /cong-thong-tin/van-ban/moi", "/cong-thong-tin/van-ban/moi", Expect.Refused, DocForm(unit, 0));
        foreach (var b in new[] { "B.document", "B.documentPublished" })
        {
            var (id, version) = (Id(b), Id(b + "Version"));
            Add("GET /cong-thong-tin/van-ban/{id:int}", $"/cong-thong-tin/van-ban/{id}", Expect.Hidden);
            Add("POST /cong-thong-tin/van-ban/{id:int}", $"/cong-thong-tin/van-ban/{id}", Expect.Refused, DocForm(s.Kt, version));
            foreach (var step in new[] { "Submit", "Publish", "Return", "Unpublish" })
                Add("POST /cong-thong-tin/van-ban/{id:int}?handler=Move", $"/cong-thong-tin/van-ban/{id}?handler=Move&step={step}", Expect.Refused, new() { ["Input.Version"] = I(version) });
            Add("POST /cong-thong-tin/van-ban/{id:int}?handler=Delete", $"/cong-thong-tin/van-ban/{id}?handler=Delete", Expect.Refused, new() { ["Input.Version"] = I(version) });
            // The "new" address carries the same handlers: an id in the query string is checked the same way.
            Add("POST /cong-thong-tin/van-ban/moi?handler=Move", $"/cong-thong-tin/van-ban/moi?handler=Move&id={id}&step=Publish", Expect.Refused, new() { ["Input.Version"] = I(version) });
            Add("POST /cong-thong-tin/van-ban/moi?handler=Delete", $"/cong-thong-tin/van-ban/moi?handler=Delete&id={id}", Expect.Refused, new() { ["Input.Version"] = I(version) });
        }
        // Public pages for a signed-in A: B's draft is no preview for them; B's published document is not on A's site; B's draft file is not served.
        Add("GET /p/{slug}/van-ban/{id:int}", $"{bSite}/van-ban/{Id("B.document")}", Expect.Hidden);
        Add("GET /p/{slug}/van-ban/{id:int}", $"{aSite}/van-ban/{Id("B.document")}", Expect.Hidden);
        Add("GET /p/{slug}/van-ban/{id:int}", $"{aSite}/van-ban/{Id("B.documentPublished")}", Expect.Hidden);
        Add("GET /p/{slug}/van-ban", $"{aSite}/van-ban", Expect.Positive, must: Sides.APortalDocument);
        Add("GET /p/{slug}/van-ban", $"{aSite}/van-ban?q=kien+tuong", Expect.NoLeak);
        Add("GET /p/tep/{id:int}/{name?}", $"/p/tep/{Id("B.documentFile")}/b.pdf", Expect.Hidden);

        // ---- Albums
        Add("GET /cong-thong-tin/anh", "/cong-thong-tin/anh", Expect.Positive, must: Sides.APortalAlbum);
        Add("GET /cong-thong-tin/anh/moi", "/cong-thong-tin/anh/moi", Expect.Positive, must: "Tạo album ảnh");
        Add("GET /cong-thong-tin/anh/{id:int}", $"/cong-thong-tin/anh/{Id("A.album")}", Expect.Positive, must: Sides.APortalAlbum);
        Dictionary<string, string> AlbumForm(int unit, int version) => new()
        {
            ["Input.UnitId"] = I(unit), ["Input.Title"] = "Album thử", ["Input.EventOn"] = "2025-12-01", ["Input.Version"] = I(version),
        };
        foreach (var unit in new[] { s.Kt, s.BQuarter, s.P2Old })
            Add("POST /cong-thong-tin/anh/moi", "/cong-thong-tin/anh/moi", Expect.Refused, AlbumForm(unit, 0));
        var (album, albumVersion, photo) = (Id("B.album"), Id("B.albumVersion"), Id("B.albumPhoto"));
        var v = new Dictionary<string, string> { ["Input.Version"] = I(albumVersion) };
        Add("GET /cong-thong-tin/anh/{id:int}", $"/cong-thong-tin/anh/{album}", Expect.Hidden);
        Add("POST /cong-thong-tin/anh/{id:int}", $"/cong-thong-tin/anh/{album}", Expect.Refused, AlbumForm(s.Kt, albumVersion));
        Add("POST /cong-thong-tin/anh/{id:int}?handler=Photos", $"/cong-thong-tin/anh/{album}?handler=Photos", Expect.Refused, v);
        Add("POST /cong-thong-tin/anh/{id:int}?handler=RemovePhoto", $"/cong-thong-tin/anh/{album}?handler=RemovePhoto&photoId={photo}", Expect.Refused, v);
        // B's photo through A's own album: not A's photo, so not found.
        Add("POST /cong-thong-tin/anh/{id:int}?handler=RemovePhoto", $"/cong-thong-tin/anh/{Id("A.album")}?handler=RemovePhoto&photoId={photo}", Expect.Refused,
            new() { ["Input.Version"] = I(Id("A.albumVersion")) });
        foreach (var step in new[] { "Submit", "Publish", "Return", "Unpublish" })
            Add("POST /cong-thong-tin/anh/{id:int}?handler=Move", $"/cong-thong-tin/anh/{album}?handler=Move&step={step}", Expect.Refused, v);
        Add("POST /cong-thong-tin/anh/{id:int}?handler=Delete", $"/cong-thong-tin/anh/{album}?handler=Delete", Expect.Refused, v);
        Add("POST /cong-thong-tin/anh/moi?handler=Photos", $"/cong-thong-tin/anh/moi?handler=Photos&id={album}", Expect.Refused, v);
        Add("POST /cong-thong-tin/anh/moi?handler=RemovePhoto", $"/cong-thong-tin/anh/moi?handler=RemovePhoto&id={album}&photoId={photo}", Expect.Refused, v);
        Add("POST /cong-thong-tin/anh/moi?handler=Move", $"/cong-thong-tin/anh/moi?handler=Move&id={album}&step=Publish", Expect.Refused, v);
        Add("POST /cong-thong-tin/anh/moi?handler=Delete", $"/cong-thong-tin/anh/moi?handler=Delete&id={album}", Expect.Refused, v);
        Add("GET /p/{slug}/anh/{id:int}", $"{bSite}/anh/{album}", Expect.Hidden);
        Add("GET /p/{slug}/anh/{id:int}", $"{aSite}/anh/{album}", Expect.Hidden);
        Add("GET /p/{slug}/anh", $"{aSite}/anh", Expect.Positive, must: Sides.APortalAlbum);
        Add("GET /p/tep/{id:int}/{name?}", $"/p/tep/{Id("B.albumFile")}/b.jpg", Expect.Hidden);
        Add("GET /p/tep/{id:int}/{name?}", $"/p/tep/{Id("B.albumFile")}/b.jpg?nho=true", Expect.Hidden);
    }
}

public sealed partial record Sides
{
    public const string APortalDocument = "Kế hoạch thử của Bồ Đề trên cổng";
    public const string APortalAlbum = "Album thử của Bồ Đề trên cổng";

    /// <summary>
    /// The library of each side: A (Bồ Đề) a published document and a published album; B (Kiến Tường) a draft document
    /// with its file, a published document, and a draft album with one photo.
    /// </summary>
    private static async Task LoadPortalDocsAsync(AppDb db, Dictionary<string, int> ids, Unit boDe, Unit kt)
    {
        var now = TestClock.UtcNow;
        StoredFile File(Unit unit, string kind, string name, string type) => new()
        {
            UnitId = unit.Id, OwnerKind = kind, Name = name, ContentType = type, Bytes = [1, 2, 3], Size = 3, Sha256 = new string('0', 64), CreatedAt = now,
        };
        PublicDocument Document(Unit unit, string title, PublishStatus status) => new()
        {
            UnitId = unit.Id, Number = "07/KH-MTTQ", Title = title, Type = DocumentType.Plan, IssuedOn = new(2025, 11, 1), Status = status,
            PublishedAt = status == PublishStatus.Published ? now : null, CreatedAt = now,
        };
        var aDoc = Document(boDe, APortalDocument, PublishStatus.Published);
        var bDoc = Document(kt, "Văn bản nháp Kiến Tường", PublishStatus.Draft);
        var bPublished = Document(kt, "Văn bản đã đăng Kiến Tường", PublishStatus.Published);
        var aAlbum = new Album { UnitId = boDe.Id, Title = APortalAlbum, EventOn = new(2025, 11, 18), Status = PublishStatus.Published, PublishedAt = now, CreatedAt = now };
        var bAlbum = new Album { UnitId = kt.Id, Title = "Album nháp Kiến Tường", EventOn = new(2025, 11, 18), Status = PublishStatus.Draft, CreatedAt = now };
        db.AddRange(aDoc, bDoc, bPublished, aAlbum, bAlbum);
        await db.SaveChangesAsync();
        var (docFile, albumFile) = (File(kt, "document", "b.pdf", "application/pdf"), File(kt, "album", "b.jpg", "image/jpeg"));
        (docFile.OwnerId, albumFile.OwnerId) = (bDoc.Id, bAlbum.Id);
        db.StoredFiles.AddRange(docFile, albumFile);
        await db.SaveChangesAsync();
        var photo = new Photo { AlbumId = bAlbum.Id, FileId = albumFile.Id, Caption = "Ảnh Kiến Tường", SortOrder = 1 };
        db.Photos.Add(photo);
        bDoc.FileId = docFile.Id;
        await db.SaveChangesAsync();
        (ids["A.document"], ids["A.album"], ids["A.albumVersion"]) = (aDoc.Id, aAlbum.Id, (int)aAlbum.Version);
        (ids["B.document"], ids["B.documentVersion"], ids["B.documentFile"]) = (bDoc.Id, (int)bDoc.Version, docFile.Id);
        (ids["B.documentPublished"], ids["B.documentPublishedVersion"]) = (bPublished.Id, (int)bPublished.Version);
        (ids["B.album"], ids["B.albumVersion"], ids["B.albumPhoto"], ids["B.albumFile"]) = (bAlbum.Id, (int)bAlbum.Version, photo.Id, albumFile.Id);
    }
}
