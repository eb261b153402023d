using System.Globalization;
using DoanKet.Domain.Portal;

namespace DoanKet.Features.Portal;

/// <summary>What the document library and the photo library share between their manage pages and their public pages.</summary>
public static class Library
{
    public const int MaxPhotosPerUpload = 20, MaxPhotosPerAlbum = 300;
    /// <summary>The Front was founded on 18/11/1930: no document of it is older.</summary>
    public static readonly DateOnly Earliest = new(1930, 11, 18);

    /// <summary>Document types in public addresses (?loai=bao-cao), without diacritics.</summary>
    public static readonly IReadOnlyDictionary<DocumentType, string> TypeSlugs = new Dictionary<DocumentType, string>
    {
        [DocumentType.Report] = "bao-cao",
        [DocumentType.Plan] = "ke-hoach",
        [DocumentType.Guidance] = "huong-dan",
        [DocumentType.Decision] = "quyet-dinh",
        [DocumentType.Notice] = "thong-bao",
        [DocumentType.OfficialLetter] = "cong-van",
    };

    public static DocumentType? TypeOf(string? slug) =>
        TypeSlugs.Where(t => t.Value == slug).Select(t => (DocumentType?)t.Key).FirstOrDefault();

    /// <summary>"245 KB", "1,2 MB".</summary>
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? Math.Max(1, (bytes + 512) / 1024).ToString(CultureInfo.InvariantCulture) + " KB"
        : Infrastructure.Fmt.Number(bytes / 1024.0 / 1024, 1) + " MB";

    /// <summary>The address of a stored file: /p/tep/{id}/{name}, with the small copy of an image when asked.</summary>
    public static string FileUrl(int id, string name, bool small = false) =>
        "/p/tep/" + id.ToString(CultureInfo.InvariantCulture) + "/" + Uri.EscapeDataString(name) + (small ? "?nho=true" : "");

    /// <summary>Width and height of the small (480 px) copy of an image whose large copy is <paramref name="w"/>×<paramref name="h"/>.</summary>
    public static (int W, int H) SmallSize(int? w, int? h)
    {
        var (width, height) = (w ?? Files.SmallWidth, h ?? Files.SmallWidth * 3 / 4);
        return width <= Files.SmallWidth ? (width, height) : (Files.SmallWidth, (int)Math.Max(1, Math.Round((double)height * Files.SmallWidth / width)));
    }
}
