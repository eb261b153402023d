using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoanKet.Domain.Portal;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;
using static DoanKet.Tests.Features.Portal.PortalTestKit;

namespace DoanKet.Tests.Features.Portal;

/// <summary>
/// The document library: the Bồ Đề officer uploads a real .docx; nobody outside sees it until the Hà Nội administrator
/// publishes it (the officer cannot); then the site lists it, finds it by words of its text typed without diacritics and
/// serves the file; taken down, the page and the file are gone again. Bad files and fields are refused with nothing saved,
/// and the officer of Kiến Tường neither sees nor changes any of it.
/// </summary>
public sealed class DocumentLibraryTests
{
    private const string Sentence = "Năm 2025, Ủy ban MTTQ phường đã bàn giao 17 ngôi nhà Đại đoàn kết cho hộ cận nghèo ở tổ dân phố Ngọc Thụy.";
    private const string Number = "12/BC-MTTQ";

    public static byte[] Docx(params string[] paragraphs)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
            doc.AddMainDocumentPart().Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p))))));
        return ms.ToArray();
    }

    private static Dictionary<string, string> Fields(int unitId, string number = Number, string issuedOn = "2025-12-01") => new()
    {
        ["Input.UnitId"] = I(unitId), ["Input.Number"] = number, ["Input.Type"] = "Report", ["Input.IssuedOn"] = issuedOn,
        ["Input.Title"] = "Báo cáo kết quả công tác Mặt trận năm 2025", ["Input.Signer"] = "Nguyễn Văn An",
        ["Input.Summary"] = "Kết quả các cuộc vận động và phong trào thi đua năm 2025.",
    };

    [DatabaseTheory]
    public async Task A_document_is_public_only_while_published(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (boDeId, site, hanoiSite) = await SitesAsync(app);
        var (officer, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(officer);
        var anonymous = Browser.NewClient(app);
        var docx = Docx("BÁO CÁO", Sentence);
        Task<int> CountAsync() => app.DbAsync(async db => await db.PublicDocuments.IgnoreQueryFilters().CountAsync() + await db.StoredFiles.CountAsync());
        var before = await CountAsync();

        // Refused with a Vietnamese message and nothing saved: a program renamed .pdf, no file, bad number, future date.
        var exe = await PostMultipartAsync(officer, "/cong-thong-tin/van-ban/moi", token, Fields(boDeId), ("Input.Upload", "bao-cao.pdf", [.. "MZ\x90\0\x03\0\0\0"u8, .. new byte[200]]));
        Assert.Equal(HttpStatusCode.OK, exe.StatusCode);
        Assert.Contains("Chỉ nhận tệp .pdf hoặc .docx", await TextAsync(exe));
        foreach (var (fields, message) in new[]
        {
            (Fields(boDeId), "Chọn tệp văn bản"),
            (Fields(boDeId, number: "12 BC"), "cách nhau bởi dấu “/”"),
            (Fields(boDeId, number: ""), "Nhập số, ký hiệu văn bản"),
            (Fields(boDeId, issuedOn: "2999-01-01"), "Ngày ban hành không được sau hôm nay"),
            (new Dictionary<string, string>(Fields(boDeId)) { ["Input.Title"] = "" }, "Nhập trích yếu"),
            (new Dictionary<string, string>(Fields(boDeId)) { ["Input.Signer"] = new string('x', PublicDocument.MaxSigner + 1) }, "Người ký dài tối đa"),
        })
        {
            var files = message == "Chọn tệp văn bản" ? [] : new[] { ("Input.Upload", "bao-cao.docx", docx) };
            var bad = await PostMultipartAsync(officer, "/cong-thong-tin/van-ban/moi", token, fields, files);
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains(message, await TextAsync(bad));
        }
        Assert.Equal(before, await CountAsync());

        // The officer's draft: stored with its file and text, not on the site.
        var id = IdFrom(await PostMultipartAsync(officer, "/cong-thong-tin/van-ban/moi", token, Fields(boDeId), ("Input.Upload", "bao-cao-2025.docx", docx)));
        var doc = await app.DbAsync(db => db.PublicDocuments.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal((boDeId, Number, PublishStatus.Draft, Who.BoDeOfficer), (doc.UnitId, doc.Number, doc.Status, doc.CreatedBy));
        Assert.Contains(Sentence, doc.Text);
        var file = await app.DbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == doc.FileId));
        Assert.Equal(("document", id, boDeId, Who.BoDeOfficer), (file.OwnerKind, file.OwnerId, file.UnitId, file.CreatedBy));
        var fileUrl = $"/p/tep/{file.Id}/bao-cao-2025.docx";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{site}/van-ban/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(fileUrl)).StatusCode);
        Assert.DoesNotContain(Number, await anonymous.GetStringAsync($"{site}/van-ban"));
        var preview = await TextAsync(await officer.GetAsync($"{site}/van-ban/{id}"));
        Assert.Contains("class=\"preview-banner\"", preview);
        Assert.Contains("Bản xem trước — chưa đăng", preview);
        Assert.Contains(Number, await TextAsync(await officer.GetAsync("/cong-thong-tin/van-ban")));

        // The officer cannot publish; sending for review is theirs.
        var page = await TextAsync(await officer.GetAsync($"/cong-thong-tin/van-ban/{id}"));
        Assert.Contains("Gửi duyệt", page);
        Assert.DoesNotContain("step=Publish", page);
        Assert.True(Refused(await Browser.PostFormAsync(officer, $"/cong-thong-tin/van-ban/{id}?handler=Move&step=Publish", token, [new("Input.Version", I(doc.Version))])));
        Assert.Equal(PublishStatus.Draft, await StatusAsync(app, id));
        var submitted = await Browser.PostFormAsync(officer, $"/cong-thong-tin/van-ban/{id}?handler=Move&step=Submit", token, [new("Input.Version", I(doc.Version))]);
        Assert.True(Browser.IsRedirectTo(submitted, $"/cong-thong-tin/van-ban/{id}"), $"{(int)submitted.StatusCode}");
        Assert.Equal(PublishStatus.InReview, await StatusAsync(app, id));

        // A stale version changes nothing.
        var stale = await PostMultipartAsync(officer, $"/cong-thong-tin/van-ban/{id}", token, new Dictionary<string, string>(Fields(boDeId)) { ["Input.Title"] = "Sửa cũ", ["Input.Version"] = I(doc.Version) });
        Assert.Contains("vừa được người khác sửa", await TextAsync(stale));
        Assert.NotEqual("Sửa cũ", (await app.DbAsync(db => db.PublicDocuments.SingleAsync(d => d.Id == id))).Title);

        // The administrator of Hà Nội publishes it.
        var (admin, _) = await Browser.SignInAsync(app, Who.HanoiAdmin);
        var adminToken = await Browser.FormTokenAsync(admin);
        var version = (await app.DbAsync(db => db.PublicDocuments.SingleAsync(d => d.Id == id))).Version;
        Assert.Contains("step=Publish", await admin.GetStringAsync($"/cong-thong-tin/van-ban/{id}"));
        var published = await Browser.PostFormAsync(admin, $"/cong-thong-tin/van-ban/{id}?handler=Move&step=Publish", adminToken, [new("Input.Version", I(version))]);
        Assert.True(Browser.IsRedirectTo(published, $"/cong-thong-tin/van-ban/{id}"), $"{(int)published.StatusCode}");
        doc = await app.DbAsync(db => db.PublicDocuments.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal((PublishStatus.Published, Who.HanoiAdmin), (doc.Status, doc.PublishedBy));
        // The audit trail under the page: created (with its file), sent for review, published.
        Assert.Contains("Lịch sử sửa đổi (3)", await TextAsync(await admin.GetAsync($"/cong-thong-tin/van-ban/{id}")));

        // On the site: listed (also on Hà Nội's, above it), found by words of the file typed without diacritics, by type, served.
        Assert.Contains(Number, await anonymous.GetStringAsync($"{site}/van-ban"));
        Assert.Contains(Number, await anonymous.GetStringAsync($"{hanoiSite}/van-ban"));
        Assert.Contains(Number, await anonymous.GetStringAsync($"{site}/van-ban?q=ban+giao+ngoi+nha+dai+doan+ket+can+ngheo"));
        Assert.Contains(Number, await anonymous.GetStringAsync($"{site}/van-ban?q=NGỌC+thuy"));
        Assert.Contains(Number, await anonymous.GetStringAsync($"{site}/van-ban?q=12%2FBC-MTTQ&loai=bao-cao"));
        var none = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"{site}/van-ban?q=ngoi+nha+xyzzy"));
        Assert.DoesNotContain(Number, none);
        Assert.Contains("Không tìm thấy văn bản nào phù hợp", none);
        Assert.DoesNotContain(Number, await anonymous.GetStringAsync($"{site}/van-ban?loai=quyet-dinh"));
        var public1 = await TextAsync(await anonymous.GetAsync($"{site}/van-ban/{id}"));
        Assert.DoesNotContain("preview-banner", public1);
        Assert.Contains("Báo cáo kết quả công tác Mặt trận năm 2025", public1);
        Assert.Contains("Nguyễn Văn An", public1);
        Assert.Contains("01/12/2025", public1);
        Assert.Contains($"href=\"{fileUrl}\"", public1);
        var download = await anonymous.GetAsync(fileUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(docx, await download.Content.ReadAsByteArrayAsync());
        Assert.True(await app.DbAsync(db => db.SearchEntries.AnyAsync(e => e.Kind == "document" && e.RefId == id)));

        // Taken down: gone for the public, page, list, file and search entry alike (the output cache is emptied).
        var unpublished = await Browser.PostFormAsync(admin, $"/cong-thong-tin/van-ban/{id}?handler=Move&step=Unpublish", adminToken, [new("Input.Version", I(doc.Version))]);
        Assert.True(Browser.IsRedirectTo(unpublished, $"/cong-thong-tin/van-ban/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{site}/van-ban/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(fileUrl)).StatusCode);
        Assert.DoesNotContain(Number, await anonymous.GetStringAsync($"{site}/van-ban"));
        Assert.False(await app.DbAsync(db => db.SearchEntries.AnyAsync(e => e.Kind == "document" && e.RefId == id)));

        // Kiến Tường's officer: Bồ Đề's document is not found, and nothing they send changes it.
        var (other, _) = await Browser.SignInAsync(app, Who.KienTuongOfficer);
        var otherToken = await Browser.FormTokenAsync(other);
        version = await app.DbAsync(db => db.PublicDocuments.Where(d => d.Id == id).Select(d => d.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/cong-thong-tin/van-ban/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{site}/van-ban/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(fileUrl)).StatusCode);
        Assert.DoesNotContain(Number, await other.GetStringAsync("/cong-thong-tin/van-ban"));
        var attempts = new[]
        {
            await PostMultipartAsync(other, $"/cong-thong-tin/van-ban/{id}", otherToken, new Dictionary<string, string>(Fields(boDeId)) { ["Input.Title"] = "Kiến Tường sửa", ["Input.Version"] = I(version) }),
            await Browser.PostFormAsync(other, $"/cong-thong-tin/van-ban/{id}?handler=Move&step=Submit", otherToken, [new("Input.Version", I(version))]),
            await Browser.PostFormAsync(other, $"/cong-thong-tin/van-ban/{id}?handler=Delete", otherToken, [new("Input.Version", I(version))]),
        };
        Assert.All(attempts, r => Assert.True(Refused(r), $"{(int)r.StatusCode} {r.RequestMessage?.RequestUri}"));
        var newThere = await PostMultipartAsync(other, "/cong-thong-tin/van-ban/moi", otherToken, Fields(boDeId, number: "99/BC-MTTQ"), ("Input.Upload", "b.docx", docx));
        Assert.Equal(HttpStatusCode.OK, newThere.StatusCode); // re-shown with "not found in your scope", nothing saved
        Assert.Contains(RecordsNoUnit, await TextAsync(newThere));
        var after = await app.DbAsync(db => db.PublicDocuments.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal((version, PublishStatus.Unpublished, "Báo cáo kết quả công tác Mặt trận năm 2025", (DateTime?)null), (after.Version, after.Status, after.Title, after.DeletedAt));
        Assert.False(await app.DbAsync(db => db.PublicDocuments.AnyAsync(d => d.Number == "99/BC-MTTQ")));

        // Replacing the file retires the old one (kept, never public again); deleting keeps the row (soft) and hides it from the list.
        var pdf = "%PDF-1.4\n% bản scan\n%%EOF"u8.ToArray();
        var replaced = await PostMultipartAsync(officer, $"/cong-thong-tin/van-ban/{id}", token, new Dictionary<string, string>(Fields(boDeId)) { ["Input.Version"] = I(version) }, ("Input.Upload", "ban-scan.pdf", pdf));
        Assert.True(Browser.IsRedirectTo(replaced, $"/cong-thong-tin/van-ban/{id}"), await TextAsync(replaced));
        after = await app.DbAsync(db => db.PublicDocuments.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.NotEqual(file.Id, after.FileId);
        Assert.Equal("retired", await app.DbAsync(db => db.StoredFiles.Where(f => f.Id == file.Id).Select(f => f.OwnerKind).SingleAsync()));
        Assert.Equal("application/pdf", await app.DbAsync(db => db.StoredFiles.Where(f => f.Id == after.FileId).Select(f => f.ContentType).SingleAsync()));
        var deleted = await Browser.PostFormAsync(officer, $"/cong-thong-tin/van-ban/{id}?handler=Delete", token, [new("Input.Version", I(after.Version))]);
        Assert.True(Browser.IsRedirectTo(deleted, "/cong-thong-tin/van-ban"));
        Assert.NotNull((await app.DbAsync(db => db.PublicDocuments.IgnoreQueryFilters().SingleAsync(d => d.Id == id))).DeletedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/cong-thong-tin/van-ban/{id}")).StatusCode);
    }

    /// <summary>A published document deleted by the administrator leaves the site and the search at once.</summary>
    [DatabaseTheory]
    public async Task Deleting_a_published_document_takes_it_off_the_site(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (boDeId, site, _) = await SitesAsync(app);
        var (officer, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(officer);
        var id = IdFrom(await PostMultipartAsync(officer, "/cong-thong-tin/van-ban/moi", token, Fields(boDeId), ("Input.Upload", "a.docx", Docx(Sentence))));
        var (admin, _) = await Browser.SignInAsync(app, Who.HanoiAdmin);
        var adminToken = await Browser.FormTokenAsync(admin);
        Task<long> VersionAsync() => app.DbAsync(db => db.PublicDocuments.Where(d => d.Id == id).Select(d => d.Version).SingleAsync());
        Assert.True(Browser.IsRedirectTo(await Browser.PostFormAsync(admin, $"/cong-thong-tin/van-ban/{id}?handler=Move&step=Publish", adminToken, [new("Input.Version", I(await VersionAsync()))]), $"/cong-thong-tin/van-ban/{id}"));
        var anonymous = Browser.NewClient(app);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{site}/van-ban/{id}")).StatusCode);

        // The officer may not delete what is published; the administrator may.
        Assert.True(Refused(await Browser.PostFormAsync(officer, $"/cong-thong-tin/van-ban/{id}?handler=Delete", token, [new("Input.Version", I(await VersionAsync()))])));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{site}/van-ban/{id}")).StatusCode);
        Assert.True(Browser.IsRedirectTo(await Browser.PostFormAsync(admin, $"/cong-thong-tin/van-ban/{id}?handler=Delete", adminToken, [new("Input.Version", I(await VersionAsync()))]), "/cong-thong-tin/van-ban"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{site}/van-ban/{id}")).StatusCode);
        Assert.DoesNotContain(Number, await anonymous.GetStringAsync($"{site}/van-ban"));
        Assert.False(await app.DbAsync(db => db.SearchEntries.AnyAsync(e => e.Kind == "document" && e.RefId == id)));
    }

    private const string RecordsNoUnit = DoanKet.Features.Records.RecordRules.NoUnit;

    private static Task<PublishStatus> StatusAsync(TestApp app, int id) =>
        app.DbAsync(db => db.PublicDocuments.Where(d => d.Id == id).Select(d => d.Status).SingleAsync());
}
