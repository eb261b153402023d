using System.Net;
using DoanKet.Domain.Portal;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using static DoanKet.Tests.Features.Portal.PortalTestKit;

namespace DoanKet.Tests.Features.Portal;

/// <summary>
/// The photo library: the Bồ Đề officer makes an album from a PNG and a camera JPEG carrying EXIF; the site serves
/// re-encoded JPEGs without any EXIF, in a lazy-loading grid with captions as alt text, only once the administrator has
/// published it. Non-images are refused with nothing saved, and Kiến Tường's officer neither sees nor changes the album.
/// </summary>
public sealed class AlbumTests
{
    private const string Title = "Ngày hội Đại đoàn kết toàn dân tộc tổ dân phố 11";
    private const string Caption = "Trao quà cho hộ cận nghèo";

    public static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SkyBlue);
            using var paint = new SKPaint { Color = SKColors.DarkRed };
            canvas.DrawCircle(width / 2f, height / 2f, height / 3f, paint);
        }
        using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A JPEG as a camera writes it: an APP1 "Exif" segment (with a GPS-looking string) right after the start marker.</summary>
    public static byte[] CameraJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(SKColors.ForestGreen);
        using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        byte[] payload = [.. "Exif\0\0"u8, .. "MM\0\x2a\0\0\0\x08\0\0"u8, .. "GPS 21.0481N 105.8727E"u8];
        var length = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static bool HasExif(byte[] bytes) => bytes.AsSpan().IndexOf("Exif"u8) >= 0;

    [DatabaseTheory]
    public async Task An_album_is_public_only_while_published_and_its_photos_carry_no_metadata(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (boDeId, site, _) = await SitesAsync(app);
        var (officer, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(officer);
        var anonymous = Browser.NewClient(app);
        var camera = CameraJpeg(2000, 1500);
        Assert.True(HasExif(camera));
        Task<int> CountAsync() => app.DbAsync(async db => await db.Albums.IgnoreQueryFilters().CountAsync() + await db.Photos.CountAsync() + await db.StoredFiles.CountAsync());
        var before = await CountAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.UnitId"] = I(boDeId), ["Input.Title"] = Title, ["Input.EventOn"] = "2025-11-18",
            ["Input.Description"] = "Nhân dân tổ dân phố 11 vui Ngày hội.", ["Input.Caption"] = Caption,
        };

        // Refused, nothing saved: a non-image among the photos (all or none), no title, a future date.
        var notImage = await PostMultipartAsync(officer, "/cong-thong-tin/anh/moi", token, fields,
            ("Input.Photos", "anh-1.png", Png(800, 600)), ("Input.Photos", "anh-2.png", "MZ this is a program"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, notImage.StatusCode);
        Assert.Contains("“anh-2.png”: Tệp không phải ảnh .jpg, .png hoặc .webp đọc được.", await TextAsync(notImage));
        foreach (var (field, value, message) in new[] { ("Input.Title", "", "Nhập tên album"), ("Input.EventOn", "2999-01-01", "không được sau hôm nay") })
        {
            var bad = await PostMultipartAsync(officer, "/cong-thong-tin/anh/moi", token, new Dictionary<string, string>(fields) { [field] = value }, ("Input.Photos", "a.png", Png(10, 10)));
            Assert.Contains(message, await TextAsync(bad));
        }
        var tooMany = await PostMultipartAsync(officer, "/cong-thong-tin/anh/moi", token, fields, [.. Enumerable.Range(0, 21).Select(i => ("Input.Photos", $"a{i}.png", Png(4, 4)))]);
        Assert.Contains("tối đa 20 ảnh", await TextAsync(tooMany));
        Assert.Equal(before, await CountAsync());

        // Created with a PNG; a camera JPEG added after; both stored as JPEG (1600 px at most, a 480 px copy) for the album.
        var id = IdFrom(await PostMultipartAsync(officer, "/cong-thong-tin/anh/moi", token, fields, ("Input.Photos", "anh-1.png", Png(800, 600))));
        var version = await VersionAsync(app, id);
        var added = await PostMultipartAsync(officer, $"/cong-thong-tin/anh/{id}?handler=Photos", token,
            new Dictionary<string, string> { ["Input.Version"] = I(version), ["Input.Caption"] = "" }, ("Input.Photos", "DSC0001.JPG", camera));
        Assert.True(Browser.IsRedirectTo(added, $"/cong-thong-tin/anh/{id}"), await TextAsync(added));
        var photos = await app.DbAsync(db => db.Photos.AsNoTracking().Where(p => p.AlbumId == id).OrderBy(p => p.SortOrder)
            .Join(db.StoredFiles, p => p.FileId, f => f.Id, (p, f) => new { p.Id, p.Caption, File = f }).ToListAsync());
        Assert.Equal([Caption, null], photos.Select(p => p.Caption));
        Assert.All(photos, p => Assert.Equal(("album", id, boDeId, "image/jpeg"), (p.File.OwnerKind, p.File.OwnerId, p.File.UnitId, p.File.ContentType)));
        Assert.Equal([(800, 600), (1600, 1200)], photos.Select(p => (p.File.Width ?? 0, p.File.Height ?? 0)));
        Assert.True(await VersionAsync(app, id) > version, "adding photos is a change of the album");
        var (cover, second) = (photos[0].File.Id, photos[1].File.Id);

        // A non-image added later is refused too, and the album keeps its two photos.
        var fake = await PostMultipartAsync(officer, $"/cong-thong-tin/anh/{id}?handler=Photos", token,
            new Dictionary<string, string> { ["Input.Version"] = I(await VersionAsync(app, id)) }, ("Input.Photos", "virus.jpg", "MZ\x90\0"u8.ToArray()));
        Assert.Contains("Tệp không phải ảnh", await TextAsync(fake));
        Assert.Equal(2, await app.DbAsync(db => db.Photos.CountAsync(p => p.AlbumId == id)));

        // Not public yet.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{site}/anh/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/p/tep/{cover}/anh.jpg?nho=true")).StatusCode);
        Assert.DoesNotContain(Title, await TextAsync(await anonymous.GetAsync($"{site}/anh")));
        Assert.Contains("preview-banner", await officer.GetStringAsync($"{site}/anh/{id}"));
        Assert.True(Refused(await Browser.PostFormAsync(officer, $"/cong-thong-tin/anh/{id}?handler=Move&step=Publish", token, [new("Input.Version", I(await VersionAsync(app, id)))])));
        Assert.True(Browser.IsRedirectTo(await Browser.PostFormAsync(officer, $"/cong-thong-tin/anh/{id}?handler=Move&step=Submit", token, [new("Input.Version", I(await VersionAsync(app, id)))]), $"/cong-thong-tin/anh/{id}"));

        // Kiến Tường's officer: not found, refused, nothing changed.
        var (other, _) = await Browser.SignInAsync(app, Who.KienTuongOfficer);
        var otherToken = await Browser.FormTokenAsync(other);
        var v = I(await VersionAsync(app, id));
        var snapshot = await CountAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/cong-thong-tin/anh/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{site}/anh/{id}")).StatusCode);
        Assert.DoesNotContain(Title, await TextAsync(await other.GetAsync("/cong-thong-tin/anh")));
        foreach (var r in new[]
        {
            await PostMultipartAsync(other, $"/cong-thong-tin/anh/{id}?handler=Photos", otherToken, new Dictionary<string, string> { ["Input.Version"] = v }, ("Input.Photos", "b.png", Png(20, 20))),
            await Browser.PostFormAsync(other, $"/cong-thong-tin/anh/{id}?handler=RemovePhoto&photoId={photos[0].Id}", otherToken, [new("Input.Version", v)]),
            await Browser.PostFormAsync(other, $"/cong-thong-tin/anh/{id}", otherToken, [new("Input.Title", "Kiến Tường"), new("Input.EventOn", "2025-01-01"), new("Input.Version", v)]),
            await Browser.PostFormAsync(other, $"/cong-thong-tin/anh/{id}?handler=Delete", otherToken, [new("Input.Version", v)]),
        })
            Assert.True(Refused(r), $"{(int)r.StatusCode} {r.RequestMessage?.RequestUri}");
        Assert.Equal(snapshot, await CountAsync());
        Assert.Equal(v, I(await VersionAsync(app, id)));

        // Published by the administrator of Hà Nội: the list shows the cover, the album its photos.
        var (admin, _) = await Browser.SignInAsync(app, Who.HanoiAdmin);
        var adminToken = await Browser.FormTokenAsync(admin);
        Assert.True(Browser.IsRedirectTo(await Browser.PostFormAsync(admin, $"/cong-thong-tin/anh/{id}?handler=Move&step=Publish", adminToken, [new("Input.Version", I(await VersionAsync(app, id)))]), $"/cong-thong-tin/anh/{id}"));
        var list = await TextAsync(await anonymous.GetAsync($"{site}/anh"));
        Assert.Contains($"<img src=\"/p/tep/{cover}/anh-1.jpg?nho=true\" alt=\"{Title}\" width=\"480\" height=\"360\" loading=\"lazy\" />", list);
        var page = await TextAsync(await anonymous.GetAsync($"{site}/anh/{id}"));
        Assert.DoesNotContain("preview-banner", page);
        Assert.Contains("class=\"album-grid\"", page);
        Assert.Contains($"<img loading=\"lazy\" src=\"/p/tep/{cover}/anh-1.jpg?nho=true\" srcset=\"/p/tep/{cover}/anh-1.jpg?nho=true 480w, /p/tep/{cover}/anh-1.jpg 800w\" sizes=\"(max-width: 600px) 100vw, 33vw\" width=\"480\" height=\"360\" alt=\"{Caption}\" />", page);
        Assert.Contains($"<figcaption>{Caption}</figcaption>", page);
        Assert.Contains($"src=\"/p/tep/{second}/DSC0001.jpg?nho=true\"", page);
        Assert.Contains($"alt=\"{Title}\"", page); // no caption: the album's title

        // The served photos are JPEGs without EXIF, the camera's included; the small copy is 480 px wide.
        foreach (var url in new[] { $"/p/tep/{second}/DSC0001.jpg", $"/p/tep/{second}/DSC0001.jpg?nho=true", $"/p/tep/{cover}/anh-1.jpg" })
        {
            var r = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("image/jpeg", r.Content.Headers.ContentType?.MediaType);
            var bytes = await r.Content.ReadAsByteArrayAsync();
            Assert.Equal([0xFF, 0xD8], bytes[..2]);
            Assert.False(HasExif(bytes), url + " carries EXIF");
            Assert.True(bytes.AsSpan().IndexOf("GPS"u8) < 0, url + " carries the GPS text");
        }
        using (var small = SKBitmap.Decode(await anonymous.GetByteArrayAsync($"/p/tep/{second}/DSC0001.jpg?nho=true")))
            Assert.Equal((480, 360), (small.Width, small.Height));

        // Removing a photo retires its file (kept, never public again); taken down, the album and its files are gone for the public.
        // A published album changes only through an administrator: the officer's removal is refused, the city's goes through.
        Assert.True(Browser.IsRedirectTo(await Browser.PostFormAsync(officer, $"/cong-thong-tin/anh/{id}?handler=RemovePhoto&photoId={photos[1].Id}", token, [new("Input.Version", I(await VersionAsync(app, id)))]), "/khong-co-quyen"));
        Assert.Equal("album", await app.DbAsync(db => db.StoredFiles.Where(f => f.Id == second).Select(f => f.OwnerKind).SingleAsync()));
        Assert.True(Browser.IsRedirectTo(await Browser.PostFormAsync(admin, $"/cong-thong-tin/anh/{id}?handler=RemovePhoto&photoId={photos[1].Id}", adminToken, [new("Input.Version", I(await VersionAsync(app, id)))]), $"/cong-thong-tin/anh/{id}"));
        Assert.Equal("retired", await app.DbAsync(db => db.StoredFiles.Where(f => f.Id == second).Select(f => f.OwnerKind).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/p/tep/{second}/DSC0001.jpg")).StatusCode);
        Assert.DoesNotContain($"/p/tep/{second}/", await anonymous.GetStringAsync($"{site}/anh/{id}"));
        Assert.True(Browser.IsRedirectTo(await Browser.PostFormAsync(admin, $"/cong-thong-tin/anh/{id}?handler=Move&step=Unpublish", adminToken, [new("Input.Version", I(await VersionAsync(app, id)))]), $"/cong-thong-tin/anh/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{site}/anh/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/p/tep/{cover}/anh-1.jpg")).StatusCode);
        Assert.DoesNotContain(Title, await TextAsync(await anonymous.GetAsync($"{site}/anh")));
        Assert.Equal(PublishStatus.Unpublished, await app.DbAsync(db => db.Albums.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    private static Task<long> VersionAsync(TestApp app, int id) =>
        app.DbAsync(db => db.Albums.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
}
