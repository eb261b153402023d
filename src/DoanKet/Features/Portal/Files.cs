using System.Security.Cryptography;
using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SkiaSharp;

namespace DoanKet.Features.Portal;

/// <summary>
/// Files of the portal: documents (PDF, DOCX — checked by their first bytes, not their names) and images (decoded and
/// re-encoded as JPEG, which drops camera metadata such as GPS, with a 480 px copy for phones). Served at
/// /p/tep/{id}/{name} only while what owns them is published, or to those who may read the owner's unit.
/// </summary>
public static class Files
{
    public const int MaxImagePixels = 40_000_000, LargeWidth = 1600, SmallWidth = 480;

    public static async Task<(StoredFile? File, string? Text, string? Error)> ReadDocumentAsync(IFormFile? upload, DateTime now)
    {
        if (upload is null || upload.Length == 0) return (null, null, "Chọn tệp văn bản (.pdf hoặc .docx).");
        if (upload.Length > StoredFile.MaxDocumentBytes) return (null, null, "Tệp lớn hơn 10 MB.");
        var bytes = await ReadAsync(upload);
        var name = SafeName(upload.FileName);
        var ext = Path.GetExtension(name).ToLowerInvariant();
        string type;
        if (ext == ".pdf" && bytes.AsSpan().StartsWith("%PDF-"u8)) type = "application/pdf";
        else if (ext == ".docx" && bytes.AsSpan().StartsWith("PK\x03\x04"u8)) type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        else return (null, null, "Chỉ nhận tệp .pdf hoặc .docx (nội dung tệp phải đúng định dạng ghi ở đuôi tên).");
        var (text, error) = History.SourceText.Read(name, bytes);
        // A PDF that is only scanned images has no text: it is kept, just not searchable inside.
        if (error is not null && ext == ".docx") return (null, null, error);
        text = text is { Length: > PublicDocument.MaxText } ? text[..PublicDocument.MaxText] : text;
        return (New(name, type, bytes, now), text, null);
    }

    public static async Task<(StoredFile? File, string? Error)> ReadImageAsync(IFormFile? upload, DateTime now)
    {
        if (upload is null || upload.Length == 0) return (null, "Chọn ảnh (.jpg, .png hoặc .webp).");
        if (upload.Length > StoredFile.MaxImageBytes) return (null, "Ảnh lớn hơn 8 MB.");
        var bytes = await ReadAsync(upload);
        try
        {
            using var codec = SKCodec.Create(new MemoryStream(bytes));
            if (codec is null) return (null, "Tệp không phải ảnh .jpg, .png hoặc .webp đọc được.");
            // A small file can claim a huge picture: refuse before decoding it.
            if ((long)codec.Info.Width * codec.Info.Height > MaxImagePixels) return (null, "Ảnh quá lớn (trên 40 megapixel).");
            using var decoded = SKBitmap.Decode(codec);
            if (decoded is null) return (null, "Không đọc được ảnh.");
            // The camera's orientation lives in the metadata the re-encoding drops: turn the picture upright first.
            using var turned = Upright(decoded, codec.EncodedOrigin);
            var bitmap = turned ?? decoded;
            var large = Jpeg(bitmap, LargeWidth, out var w, out var h);
            var small = Jpeg(bitmap, SmallWidth, out _, out _);
            var file = New(Path.ChangeExtension(SafeName(upload.FileName), ".jpg"), "image/jpeg", large, now);
            (file.Small, file.Width, file.Height) = (small, w, h);
            return (file, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, "Không đọc được ảnh: tệp hỏng hoặc không đúng định dạng.");
        }
    }

    /// <summary>The picture turned upright, or null when it already is.</summary>
    private static SKBitmap? Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        if (degrees == 0) return null;
        var turned = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(turned);
        canvas.Translate(turned.Width / 2f, turned.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        canvas.DrawBitmap(source, 0, 0);
        return turned;
    }

    private static byte[] Jpeg(SKBitmap source, int maxWidth, out int width, out int height)
    {
        (width, height) = source.Width <= maxWidth ? (source.Width, source.Height) : (maxWidth, (int)Math.Max(1, Math.Round((double)source.Height * maxWidth / source.Width)));
        using var resized = width == source.Width ? null : source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(resized ?? source);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 82);
        return data.ToArray();
    }

    private static StoredFile New(string name, string type, byte[] bytes, DateTime now) => new()
    {
        OwnerKind = "", Name = name, ContentType = type, Size = bytes.Length, Bytes = bytes,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), CreatedAt = now,
    };

    private static async Task<byte[]> ReadAsync(IFormFile upload)
    {
        using var ms = new MemoryStream((int)upload.Length);
        await upload.CopyToAsync(ms);
        return ms.ToArray();
    }

    /// <summary>A file name safe in a header and a path: its last segment, printable characters only, 120 at most.</summary>
    public static string SafeName(string? name)
    {
        var s = Path.GetFileName((name ?? "").Replace('\\', '/'));
        s = new string([.. s.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|'))]).Trim();
        var ext = Path.GetExtension(s);
        if (ext.Length > 10) ext = "";
        if (s.Length > 120) s = s[..(120 - ext.Length)] + ext;
        return s.Length == 0 ? "tep" : s;
    }

    public static void MapPortalFiles(this WebApplication app) =>
        app.MapGet("/p/tep/{id:int}/{name?}", async (int id, string? name, bool? nho, AppDb db, UnitScope scope, HttpContext http) =>
        {
            var f = await db.StoredFiles.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new { x.UnitId, x.OwnerKind, x.OwnerId, x.Name, x.ContentType, x.Sha256 }).FirstOrDefaultAsync();
            if (f is null) return Results.NotFound();
            var published = await PublishedAsync(db, f.OwnerKind, f.OwnerId);
            if (!published && !await scope.CanReadAsync(f.UnitId)) return Results.NotFound();
            var small = nho == true && f.ContentType.StartsWith("image/", StringComparison.Ordinal);
            var bytes = await db.StoredFiles.Where(x => x.Id == id).Select(x => small ? x.Small ?? x.Bytes : x.Bytes).FirstAsync();
            // A draft's file is for this reader only; a published one may be kept but is checked again (the ETag makes that
            // cheap), so taking an item down takes its files down too.
            http.Response.Headers.CacheControl = published ? "public, no-cache" : "private, no-store";
            var attachment = f.ContentType.Contains("wordprocessingml", StringComparison.Ordinal);
            return Results.File(bytes, f.ContentType, attachment ? f.Name : null, entityTag: new EntityTagHeaderValue("\"" + f.Sha256[..16] + (small ? "s" : "") + "\""));
        }).AllowAnonymous().CacheOutput(Publishing.CacheTag);

    /// <summary>
    /// A file replaced or removed from its item: kept (nothing entered is lost; the unit's readers still open it from the
    /// audit trail) but never served publicly again, whatever happens to its old owner.
    /// </summary>
    public static Task RetireAsync(AppDb db, int fileId) =>
        db.StoredFiles.Where(f => f.Id == fileId).ExecuteUpdateAsync(s => s.SetProperty(f => f.OwnerKind, "retired"));

    /// <summary>Is the owner of a file on the public site now?</summary>
    public static Task<bool> PublishedAsync(AppDb db, string ownerKind, int ownerId) => ownerKind switch
    {
        "article" => db.Articles.AnyAsync(a => a.Id == ownerId && a.Status == PublishStatus.Published),
        "document" => db.PublicDocuments.AnyAsync(d => d.Id == ownerId && d.Status == PublishStatus.Published),
        "album" => db.Albums.AnyAsync(a => a.Id == ownerId && a.Status == PublishStatus.Published),
        _ => Task.FromResult(false),
    };
}
