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

    public static async Task<(StoredFile? File, string? Text, string? Error)> ReadDocumentAsync(IFormFile? upload)
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
        return (New(name, type, bytes), text, null);
    }

    public static async Task<(StoredFile? File, string? Error)> ReadImageAsync(IFormFile? upload)
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
            using var bitmap = SKBitmap.Decode(codec);
            if (bitmap is null) return (null, "Không đọc được ảnh.");
            var large = Jpeg(bitmap, LargeWidth, out var w, out var h);
            var small = Jpeg(bitmap, SmallWidth, out _, out _);
            var file = New(Path.ChangeExtension(SafeName(upload.FileName), ".jpg"), "image/jpeg", large);
            (file.Small, file.Width, file.Height) = (small, w, h);
            return (file, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, "Không đọc được ảnh: tệp hỏng hoặc không đúng định dạng.");
        }
    }

    private static byte[] Jpeg(SKBitmap source, int maxWidth, out int width, out int height)
    {
        (width, height) = source.Width <= maxWidth ? (source.Width, source.Height) : (maxWidth, (int)Math.Max(1, Math.Round((double)source.Height * maxWidth / source.Width)));
        using var resized = width == source.Width ? null : source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(resized ?? source);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 82);
        return data.ToArray();
    }

    private static StoredFile New(string name, string type, byte[] bytes) => new()
    {
        OwnerKind = "", Name = name, ContentType = type, Size = bytes.Length, Bytes = bytes,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), CreatedAt = DateTime.UtcNow,
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
        if (s.Length > 120) s = s[..(120 - Path.GetExtension(s).Length)] + Path.GetExtension(s);
        return s.Length == 0 ? "tep" : s;
    }

    public static void MapPortalFiles(this WebApplication app) =>
        app.MapGet("/p/tep/{id:int}/{name?}", async (int id, string? name, bool? nho, AppDb db, UnitScope scope, HttpContext http) =>
        {
            var f = await db.StoredFiles.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new { x.UnitId, x.OwnerKind, x.OwnerId, x.Name, x.ContentType, x.Sha256 }).FirstOrDefaultAsync();
            if (f is null || !(await PublishedAsync(db, f.OwnerKind, f.OwnerId) || await scope.CanReadAsync(f.UnitId))) return Results.NotFound();
            var small = nho == true && f.ContentType.StartsWith("image/", StringComparison.Ordinal);
            var bytes = await db.StoredFiles.Where(x => x.Id == id).Select(x => small ? x.Small ?? x.Bytes : x.Bytes).FirstAsync();
            http.Response.Headers.CacheControl = "public, max-age=3600";
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
