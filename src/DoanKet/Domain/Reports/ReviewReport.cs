namespace DoanKet.Domain.Reports;

/// <summary>Draft → submitted → approved (locked), or returned with comments and submitted again.</summary>
public enum ReportStatus { Draft, Submitted, Approved, Returned }

/// <summary>
/// The review report (sơ kết / tổng kết) a unit sends up for a period: the parts its officers write (situation,
/// assessment, tasks, proposals) around the figures computed from the records. The figures refresh until it is
/// submitted; from then on <see cref="Snapshot"/> holds them as sent, and once approved nothing in it changes.
/// </summary>
public class ReviewReport : IAudited, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>The period id ("2024S1", "2019-2024").</summary>
    public required string PeriodId { get; set; }
    public ReportStatus Status { get; set; }
    /// <summary>I. Đặc điểm tình hình.</summary>
    public string? Situation { get; set; }
    /// <summary>III. Đánh giá chung.</summary>
    public string? Assessment { get; set; }
    /// <summary>IV. Phương hướng, nhiệm vụ kỳ tới.</summary>
    public string? Tasks { get; set; }
    /// <summary>V. Đề xuất, kiến nghị.</summary>
    public string? Proposals { get; set; }
    /// <summary>The document number ("Số: 12/BC-MTTQ"), in sequence per unit and year, given when first submitted.</summary>
    public int? Number { get; set; }
    public int? NumberYear { get; set; }
    /// <summary>The date the document bears: the day it was first submitted.</summary>
    public DateOnly? IssuedOn { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    /// <summary>The submitting account's id: it may not review its own report.</summary>
    public string? SubmittedById { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    /// <summary>The upper level's comments when it returns the report (or approves it with remarks).</summary>
    public string? ReviewComment { get; set; }
    /// <summary>The computed part as submitted (JSON); null while the figures still refresh.</summary>
    public string? Snapshot { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public long Version { get; set; }

    public bool Editable => Status is ReportStatus.Draft or ReportStatus.Returned;

    public static string Label(ReportStatus s) => s switch
    {
        ReportStatus.Draft => "Đang soạn",
        ReportStatus.Submitted => "Đã nộp, chờ duyệt",
        ReportStatus.Approved => "Đã duyệt",
        ReportStatus.Returned => "Trả lại để sửa",
        _ => s.ToString(),
    };
}

/// <summary>The day by which the units directly under <see cref="UnitId"/> send it their reports of a period.</summary>
public class ReportDeadline : IAudited, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string PeriodId { get; set; }
    public DateOnly Due { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// A news article drafted from a conference or a report (title, lead, body with its figures), edited by the officers
/// before the public portal publishes it.
/// </summary>
public class NewsDraft : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Title { get; set; }
    public required string Lead { get; set; }
    public required string Body { get; set; }
    /// <summary>What it was drafted from: "report" or "conference", with that record's id.</summary>
    public string? SourceType { get; set; }
    public int? SourceId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }
}

public static class ReportLimits
{
    public const int Prose = 20_000;
    public const int Title = 300;
    public const int Lead = 1000;
    public const int Body = 20_000;
}
