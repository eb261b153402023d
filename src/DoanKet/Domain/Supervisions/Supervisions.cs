namespace DoanKet.Domain.Supervisions;

/// <summary>Who supervises: the committee itself, its People's Inspection Board (Ban TTND) or its community investment supervision board (Ban GSĐTCCĐ).</summary>
public enum SupervisionBoard { Committee, InspectionBoard, InvestmentBoard }

/// <summary>The committee leads the supervision (chủ trì) or takes part in one led by the People's Council or an agency (phối hợp).</summary>
public enum SupervisionRole { Lead, Joint }

public enum SupervisionStatus { Planned, Underway, Done, Cancelled }

public enum RecommendationStatus { Issued, Answered, Resolved, Unresolved }

/// <summary>
/// A supervision of the yearly plan, followed to its end: the subject (a body, a work, or persons — "68 người được giám
/// sát"), the team, its sessions, findings and the recommendations it issues. It counts once it has started.
/// </summary>
public class Supervision : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>The year of the plan it belongs to.</summary>
    public int Year { get; set; }
    public SupervisionBoard Board { get; set; }
    public SupervisionRole Role { get; set; }
    /// <summary>The content supervised: "Giám sát quy trình rà soát hộ nghèo, hộ cận nghèo năm 2023".</summary>
    public required string Title { get; set; }
    /// <summary>The body, work or persons supervised: "Bí thư chi bộ khu phố 1", "UBND phường".</summary>
    public required string Subject { get; set; }
    /// <summary>How many people were supervised, when the subject is persons.</summary>
    public int? PeopleSupervised { get; set; }
    /// <summary>The rule it is done under: "Quy định 124-QĐ/TW", "Quyết định 217-QĐ/TW".</summary>
    public string? Basis { get; set; }
    /// <summary>Who leads a joint supervision: "Thường trực HĐND phường".</summary>
    public string? LedBy { get; set; }
    /// <summary>The team (roles and organisations; names only of officers acting in office).</summary>
    public string? Team { get; set; }
    /// <summary>The month the plan sets for it (1–12).</summary>
    public int? PlannedMonth { get; set; }
    public SupervisionStatus Status { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? Findings { get; set; }
    /// <summary>Why it was cancelled, or any other note.</summary>
    public string? Note { get; set; }
    /// <summary>The supervision whose unresolved recommendations this one supervises again.</summary>
    public int? FollowUpOfId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }

    public bool Counts => Status is SupervisionStatus.Underway or SupervisionStatus.Done && StartedOn is not null;

    /// <summary>The prefix of its facts: the committee's own and joint supervisions keep the activity kinds' keys.</summary>
    public string FactPrefix => Board switch
    {
        SupervisionBoard.InspectionBoard => "ttnd",
        SupervisionBoard.InvestmentBoard => "gsdtcd",
        _ => Role == SupervisionRole.Joint ? "giam_sat_phoi_hop" : "giam_sat",
    };
}

/// <summary>One working session of a supervision (a meeting with the subject, a site visit).</summary>
public class SupervisionSession : IAudited, ISoftDeletable
{
    public int Id { get; set; }
    public int SupervisionId { get; set; }
    public DateOnly Date { get; set; }
    public required string Content { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

/// <summary>A recommendation (kiến nghị) of a supervision, followed until it is resolved or supervised again.</summary>
public class Recommendation : IAudited, ISoftDeletable
{
    public int Id { get; set; }
    public int SupervisionId { get; set; }
    public required string Content { get; set; }
    /// <summary>To whom: "UBND phường", "Chi bộ khu phố 1".</summary>
    public required string Addressee { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly? DueDate { get; set; }
    public RecommendationStatus Status { get; set; }
    public string? Response { get; set; }
    public DateOnly? RespondedOn { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public bool IsPending => Status is RecommendationStatus.Issued or RecommendationStatus.Answered;
    public bool IsOverdue(DateOnly today) => Status == RecommendationStatus.Issued && DueDate < today;
}

public enum CriticismKind { SocialCriticism, Feedback }

public enum CommentResponse { Pending, Accepted, PartlyAccepted, NotAccepted }

/// <summary>
/// Social criticism (phản biện xã hội) of a draft at a conference, or feedback (góp ý) on a draft of the Party committee or
/// the government: the draft, its drafting body, each comment and the drafting body's acceptance or explanation.
/// </summary>
public class SocialCriticism : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public CriticismKind Kind { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>The draft: "Dự thảo Quy chế dân chủ ở cơ sở trên địa bàn phường".</summary>
    public required string Draft { get; set; }
    public required string DraftingBody { get; set; }
    /// <summary>Who took part (organisations, the advisory group), not personal data.</summary>
    public string? Participants { get; set; }
    /// <summary>Comments received, when more were given than are written out one by one ("trên 10 lượt ý kiến").</summary>
    public int? CommentCount { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }

    public string FactPrefix => Kind == CriticismKind.SocialCriticism ? "phan_bien" : "gop_y_du_thao";
}

public class CriticismComment : IAudited, ISoftDeletable
{
    public int Id { get; set; }
    public int CriticismId { get; set; }
    public required string Content { get; set; }
    /// <summary>Who gave it: an organisation, the advisory group, "đại diện khu phố 3".</summary>
    public string? By { get; set; }
    public CommentResponse Response { get; set; }
    /// <summary>The drafting body's explanation when it did not accept the comment, or how it was taken in.</summary>
    public string? Explanation { get; set; }
    public DateOnly? RespondedOn { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public static class SupervisionLabels
{
    public static string Board(SupervisionBoard b) => b switch
    {
        SupervisionBoard.Committee => "Ban Thường trực Ủy ban MTTQ",
        SupervisionBoard.InspectionBoard => "Ban Thanh tra nhân dân",
        _ => "Ban Giám sát đầu tư của cộng đồng",
    };

    public static string Role(SupervisionRole r) => r == SupervisionRole.Lead ? "Chủ trì" : "Tham gia, phối hợp";

    public static string Status(SupervisionStatus s) => s switch
    {
        SupervisionStatus.Planned => "Trong kế hoạch",
        SupervisionStatus.Underway => "Đang giám sát",
        SupervisionStatus.Done => "Đã kết thúc",
        _ => "Đã hủy",
    };

    public static string Status(RecommendationStatus s) => s switch
    {
        RecommendationStatus.Issued => "Chờ trả lời",
        RecommendationStatus.Answered => "Đã trả lời, đang theo dõi",
        RecommendationStatus.Resolved => "Đã giải quyết",
        _ => "Chưa giải quyết",
    };

    public static string Kind(CriticismKind k) => k == CriticismKind.SocialCriticism ? "Hội nghị phản biện xã hội" : "Góp ý dự thảo văn bản";

    public static string Response(CommentResponse r) => r switch
    {
        CommentResponse.Pending => "Chờ cơ quan soạn thảo phản hồi",
        CommentResponse.Accepted => "Tiếp thu",
        CommentResponse.PartlyAccepted => "Tiếp thu một phần",
        _ => "Không tiếp thu (có giải trình)",
    };
}
