namespace DoanKet.Domain.Portal;

/// <summary>
/// Where a public item stands: a writer drafts it and sends it for review; an administrator of the unit publishes it,
/// sends it back, or takes it down. Only <see cref="Published"/> items are on the public site.
/// </summary>
public enum PublishStatus { Draft, InReview, Published, Unpublished }

public enum ArticleCategory { Activity, Unity, Supervision, Funds, Announcement, Feature }

/// <summary>Văn bản types of the document library.</summary>
public enum DocumentType { Report, Plan, Guidance, Decision, Notice, OfficialLetter }

/// <summary>Something the portal publishes: news, a document, an album.</summary>
public interface IPublishable : IAudited, ISoftDeletable, IVersioned
{
    int UnitId { get; }
    string Title { get; }
    PublishStatus Status { get; set; }
    DateTime? PublishedAt { get; set; }
    string? PublishedBy { get; set; }
    DateTime CreatedAt { get; set; }
    string? CreatedBy { get; set; }
}

/// <summary>A news article (tin bài) of a unit's public site. The body is HTML, sanitised on every save.</summary>
public class Article : IPublishable
{
    public const int MaxTitle = 300, MaxLead = 1000, MaxBody = 100_000, MaxAuthor = 120, MaxCaption = 300;

    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Title { get; set; }
    public required string Lead { get; set; }
    public required string Body { get; set; }
    public ArticleCategory Category { get; set; }
    public string? Author { get; set; }
    public int? CoverFileId { get; set; }
    public string? CoverCaption { get; set; }
    /// <summary>The news draft (from a conference or report) it started from.</summary>
    public int? NewsDraftId { get; set; }
    public PublishStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>Raised in batches by the visit counter, outside the audit trail.</summary>
    public long Views { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }
}

/// <summary>A document of the library (văn bản): number and symbol, type, date, signer, summary and the attached file.</summary>
public class PublicDocument : IPublishable
{
    public const int MaxNumber = 60, MaxTitle = 500, MaxSigner = 120, MaxSummary = 4000, MaxText = 1_000_000;

    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>"12/BC-MTTQ".</summary>
    public required string Number { get; set; }
    /// <summary>Trích yếu: what the document is about.</summary>
    public required string Title { get; set; }
    public DocumentType Type { get; set; }
    public DateOnly IssuedOn { get; set; }
    public string? Signer { get; set; }
    public string? Summary { get; set; }
    public int? FileId { get; set; }
    /// <summary>The attached file's text where it could be read, for full-text search.</summary>
    [NotAudited]
    public string? Text { get; set; }
    public PublishStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public long Views { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }
}

/// <summary>A photo album of an event.</summary>
public class Album : IPublishable
{
    public const int MaxTitle = 300, MaxDescription = 2000;

    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Title { get; set; }
    public DateOnly EventOn { get; set; }
    public string? Description { get; set; }
    public List<Photo> Photos { get; set; } = [];
    public PublishStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }
}

public class Photo
{
    public int Id { get; set; }
    public int AlbumId { get; set; }
    public int FileId { get; set; }
    public string? Caption { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// An uploaded file: a document's PDF/DOCX or an image (re-encoded, so no camera metadata such as GPS survives, with a
/// small copy for phones). Served publicly only while its owner is published.
/// </summary>
public class StoredFile
{
    public const int MaxDocumentBytes = 10 * 1024 * 1024, MaxImageBytes = 8 * 1024 * 1024;

    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>"article", "document" or "album", with that item's id.</summary>
    public required string OwnerKind { get; set; }
    public int OwnerId { get; set; }
    public required string Name { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Bytes { get; set; }
    /// <summary>Images only: the 480 px wide copy.</summary>
    public byte[]? Small { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>Visits of one public site on one day: counts only, nothing about the visitor is stored.</summary>
public class SiteVisit
{
    public int UnitId { get; set; }
    public DateOnly Day { get; set; }
    public long Visitors { get; set; }
    public long Views { get; set; }
}

/// <summary>
/// One published thing the public search finds: an article, a document, an album, a published petition answer, a fund.
/// Written when its source is published and removed when it is taken down; searched through its folded text
/// (SQLite: FTS5; PostgreSQL: trigram index).
/// </summary>
public class SearchEntry
{
    public const int MaxText = 200_000;

    public int Id { get; set; }
    public required string Kind { get; set; }
    public int RefId { get; set; }
    public int UnitId { get; set; }
    public required string Title { get; set; }
    /// <summary>Plain text shown in the results with the words found highlighted.</summary>
    public required string Text { get; set; }
    /// <summary><see cref="Domain.Text.Fold"/> of title and text.</summary>
    public required string Folded { get; set; }
    public required string Url { get; set; }
    public DateTime PublishedAt { get; set; }
}

public static class PortalLabels
{
    public static string Status(PublishStatus s) => s switch
    {
        PublishStatus.Draft => "Bản nháp",
        PublishStatus.InReview => "Chờ duyệt",
        PublishStatus.Published => "Đã đăng",
        PublishStatus.Unpublished => "Đã gỡ",
        _ => s.ToString(),
    };

    public static string Category(ArticleCategory c) => c switch
    {
        ArticleCategory.Activity => "Hoạt động Mặt trận",
        ArticleCategory.Unity => "Đại đoàn kết toàn dân tộc",
        ArticleCategory.Supervision => "Giám sát, phản biện xã hội",
        ArticleCategory.Funds => "An sinh xã hội, các quỹ",
        ArticleCategory.Announcement => "Thông báo",
        ArticleCategory.Feature => "Bài viết chuyên sâu",
        _ => c.ToString(),
    };

    public static string DocumentType(DocumentType t) => t switch
    {
        Portal.DocumentType.Report => "Báo cáo",
        Portal.DocumentType.Plan => "Kế hoạch",
        Portal.DocumentType.Guidance => "Hướng dẫn",
        Portal.DocumentType.Decision => "Quyết định",
        Portal.DocumentType.Notice => "Thông báo",
        Portal.DocumentType.OfficialLetter => "Công văn",
        _ => t.ToString(),
    };

    public static string Kind(string kind) => kind switch
    {
        "article" => "Tin bài",
        "document" => "Văn bản",
        "album" => "Thư viện ảnh",
        "answer" => "Trả lời ý kiến",
        "fund" => "Quỹ",
        _ => kind,
    };
}
