using DoanKet.Domain.Supervisions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using static DoanKet.Features.Records.RecordRules;

namespace DoanKet.Features.Supervisions;

public sealed class SupervisionInput
{
    public int UnitId { get; set; }
    public int Year { get; set; }
    public SupervisionBoard Board { get; set; }
    public SupervisionRole Role { get; set; }
    public string? Title { get; set; }
    public string? Subject { get; set; }
    public int? PeopleSupervised { get; set; }
    public string? Basis { get; set; }
    public string? LedBy { get; set; }
    public string? Team { get; set; }
    public int? PlannedMonth { get; set; }
    public SupervisionStatus Status { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? Findings { get; set; }
    public string? Note { get; set; }
    public long? Version { get; set; }

    public static SupervisionInput From(Supervision s) => new()
    {
        UnitId = s.UnitId, Year = s.Year, Board = s.Board, Role = s.Role, Title = s.Title, Subject = s.Subject, PeopleSupervised = s.PeopleSupervised,
        Basis = s.Basis, LedBy = s.LedBy, Team = s.Team, PlannedMonth = s.PlannedMonth, Status = s.Status, StartedOn = s.StartedOn, EndedOn = s.EndedOn,
        Findings = s.Findings, Note = s.Note, Version = s.Version,
    };
}

public sealed class RecommendationInput
{
    public string? Content { get; set; }
    public string? Addressee { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? DueDate { get; set; }
}

public sealed class ResponseInput
{
    public int RecommendationId { get; set; }
    public RecommendationStatus Status { get; set; }
    public string? Response { get; set; }
    public DateOnly? RespondedOn { get; set; }
    public DateOnly? ResolvedOn { get; set; }
}

public sealed class CriticismInput
{
    public int UnitId { get; set; }
    public CriticismKind Kind { get; set; }
    public DateOnly? Date { get; set; }
    public string? Draft { get; set; }
    public string? DraftingBody { get; set; }
    public string? Participants { get; set; }
    public int? CommentCount { get; set; }
    public string? Note { get; set; }
    public long? Version { get; set; }

    public static CriticismInput From(SocialCriticism c) => new()
    {
        UnitId = c.UnitId, Kind = c.Kind, Date = c.Date, Draft = c.Draft, DraftingBody = c.DraftingBody, Participants = c.Participants,
        CommentCount = c.CommentCount, Note = c.Note, Version = c.Version,
    };
}

public sealed class CommentInput
{
    public int CommentId { get; set; }
    public string? Content { get; set; }
    public string? By { get; set; }
    public CommentResponse Response { get; set; }
    public string? Explanation { get; set; }
    public DateOnly? RespondedOn { get; set; }
}

/// <summary>
/// The rules of supervisions, their recommendations and social criticism, shared by their pages. A supervision is planned
/// for a year, counts once it has started, and needs its findings to end; a recommendation is followed until resolved.
/// </summary>
public static class SupervisionRules
{
    /// <summary>Supervision and social criticism are the work of a commune's committee and its boards, or of a level above.</summary>
    public static bool FitsUnit(Unit u) => u.Level != UnitLevel.ResidentialGroup;

    public static Dictionary<string, string[]> Validate(SupervisionInput i, Unit unit, int recommendations, DateOnly today)
    {
        var e = new Dictionary<string, string[]>();
        if (!FitsUnit(unit)) Add(e, "UnitId", "Giám sát do Ủy ban MTTQ xã, phường (và các ban của Ủy ban) hoặc cấp trên thực hiện.");
        if (!Enum.IsDefined(i.Board)) Add(e, "Board", "Chọn chủ thể giám sát.");
        if (!Enum.IsDefined(i.Role)) Add(e, "Role", "Chọn vai trò: chủ trì hay tham gia.");
        if (!Enum.IsDefined(i.Status)) Add(e, "Status", "Chọn tình trạng.");
        var thisYear = today.Year;
        if (i.Year < 2000 || i.Year > thisYear + 1) Add(e, "Year", $"Năm kế hoạch từ 2000 đến {thisYear + 1}.");
        if (i.PlannedMonth is < 1 or > 12) Add(e, "PlannedMonth", "Tháng dự kiến từ 1 đến 12, hoặc bỏ trống.");
        CheckLength(e, "Title", i.Title, 500, "nội dung giám sát", required: true);
        CheckLength(e, "Subject", i.Subject, 500, "đối tượng giám sát (cơ quan, tổ chức, công trình hoặc cá nhân)", required: true);
        CheckCount(e, "PeopleSupervised", i.PeopleSupervised, "số người được giám sát", 100_000);
        CheckLength(e, "Basis", i.Basis, 300, "căn cứ giám sát");
        CheckLength(e, "LedBy", i.LedBy, 300, "cơ quan chủ trì");
        if (i.Role == SupervisionRole.Joint && string.IsNullOrWhiteSpace(i.LedBy)) Add(e, "LedBy", "Khi tham gia, ghi cơ quan chủ trì cuộc giám sát, ví dụ “Thường trực HĐND phường”.");
        CheckLength(e, "Team", i.Team, 1000, "thành phần đoàn giám sát");
        CheckLength(e, "Findings", i.Findings, 8000, "kết quả giám sát");
        CheckLength(e, "Note", i.Note, 2000, "ghi chú");
        switch (i.Status)
        {
            case SupervisionStatus.Planned:
                if (recommendations > 0) Add(e, "Status", "Cuộc giám sát đã có kiến nghị: không đưa về “trong kế hoạch” được.");
                break;
            case SupervisionStatus.Cancelled:
                if (recommendations > 0) Add(e, "Status", "Cuộc giám sát đã có kiến nghị: không hủy được.");
                if (string.IsNullOrWhiteSpace(i.Note)) Add(e, "Note", "Ghi lý do hủy cuộc giám sát.");
                break;
            default:
                CheckDate(e, "StartedOn", i.StartedOn, unit, "ngày bắt đầu giám sát", today);
                // It counts in the year it started: a plan's item may slip into the next year, not further.
                if (i.StartedOn is { } started && Math.Abs(started.Year - i.Year) > 1) Add(e, "StartedOn", $"Ngày bắt đầu phải trong năm kế hoạch {i.Year} (hoặc năm liền kề).");
                if (i.Status == SupervisionStatus.Done)
                {
                    if (i.EndedOn is not { } end) Add(e, "EndedOn", "Nhập ngày kết thúc giám sát.");
                    else if (end < i.StartedOn) Add(e, "EndedOn", "Ngày kết thúc không được trước ngày bắt đầu.");
                    else if (end > today) Add(e, "EndedOn", "Ngày kết thúc không được sau hôm nay.");
                    if (string.IsNullOrWhiteSpace(i.Findings)) Add(e, "Findings", "Ghi kết quả giám sát (ưu điểm, hạn chế phát hiện) trước khi kết thúc.");
                }
                break;
        }
        return e;
    }

    public static void Apply(Supervision s, SupervisionInput i)
    {
        (s.UnitId, s.Year, s.Board, s.Role, s.Status) = (i.UnitId, i.Year, i.Board, i.Role, i.Status);
        s.Title = i.Title!.Trim();
        s.Subject = i.Subject!.Trim();
        s.PeopleSupervised = i.PeopleSupervised is 0 ? null : i.PeopleSupervised;
        s.Basis = Clean(i.Basis);
        s.LedBy = i.Role == SupervisionRole.Joint ? Clean(i.LedBy) : null;
        s.Team = Clean(i.Team);
        s.PlannedMonth = i.PlannedMonth;
        var started = i.Status is SupervisionStatus.Underway or SupervisionStatus.Done;
        s.StartedOn = started ? i.StartedOn : null;
        s.EndedOn = i.Status == SupervisionStatus.Done ? i.EndedOn : null;
        s.Findings = Clean(i.Findings);
        s.Note = Clean(i.Note);
    }

    public static Dictionary<string, string[]> Validate(RecommendationInput i, Supervision s, DateOnly today)
    {
        var e = new Dictionary<string, string[]>();
        if (!s.Counts) Add(e, "", "Chỉ ghi kiến nghị cho cuộc giám sát đã bắt đầu: cập nhật tình trạng “đang giám sát” trước.");
        CheckLength(e, "Content", i.Content, 4000, "nội dung kiến nghị", required: true);
        CheckLength(e, "Addressee", i.Addressee, 300, "nơi nhận kiến nghị", required: true);
        if (i.IssuedOn is not { } issued) Add(e, "IssuedOn", "Nhập ngày kiến nghị.");
        else if (issued > today) Add(e, "IssuedOn", "Ngày kiến nghị không được sau hôm nay.");
        else if (issued < s.StartedOn) Add(e, "IssuedOn", "Ngày kiến nghị không được trước ngày bắt đầu giám sát.");
        if (i.DueDate < i.IssuedOn) Add(e, "DueDate", "Hạn trả lời không được trước ngày kiến nghị.");
        return e;
    }

    public static Dictionary<string, string[]> Validate(ResponseInput i, Recommendation r, DateOnly today)
    {
        var e = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(i.Status)) Add(e, "Status", "Chọn tình trạng kiến nghị.");
        CheckLength(e, "Response", i.Response, 4000, "nội dung trả lời");
        if (i.Status != RecommendationStatus.Issued)
        {
            if (string.IsNullOrWhiteSpace(i.Response)) Add(e, "Response", "Ghi nội dung trả lời hoặc kết quả thực hiện kiến nghị.");
            if (i.RespondedOn is not { } d) Add(e, "RespondedOn", "Nhập ngày trả lời.");
            else if (d < r.IssuedOn || d > today) Add(e, "RespondedOn", "Ngày trả lời phải từ ngày kiến nghị đến hôm nay.");
        }
        if (i.Status == RecommendationStatus.Resolved)
        {
            if (i.ResolvedOn is not { } d) Add(e, "ResolvedOn", "Nhập ngày kiến nghị được giải quyết.");
            else if (d < r.IssuedOn || d > today) Add(e, "ResolvedOn", "Ngày giải quyết phải từ ngày kiến nghị đến hôm nay.");
            else if (d < i.RespondedOn) Add(e, "ResolvedOn", "Ngày giải quyết không được trước ngày trả lời.");
        }
        return e;
    }

    public static void Apply(Recommendation r, ResponseInput i)
    {
        r.Status = i.Status;
        var answered = i.Status != RecommendationStatus.Issued;
        r.Response = answered ? Clean(i.Response) : null;
        r.RespondedOn = answered ? i.RespondedOn : null;
        r.ResolvedOn = i.Status == RecommendationStatus.Resolved ? i.ResolvedOn : null;
    }

    public static Dictionary<string, string[]> Validate(CriticismInput i, Unit unit, DateOnly today)
    {
        var e = new Dictionary<string, string[]>();
        if (!FitsUnit(unit)) Add(e, "UnitId", "Phản biện xã hội, góp ý dự thảo do Ủy ban MTTQ xã, phường hoặc cấp trên thực hiện.");
        if (!Enum.IsDefined(i.Kind)) Add(e, "Kind", "Chọn hình thức: hội nghị phản biện hay góp ý dự thảo.");
        CheckDate(e, "Date", i.Date, unit, "ngày phản biện, góp ý", today);
        CheckLength(e, "Draft", i.Draft, 500, "tên dự thảo văn bản", required: true);
        CheckLength(e, "DraftingBody", i.DraftingBody, 300, "cơ quan soạn thảo", required: true);
        CheckLength(e, "Participants", i.Participants, 1000, "thành phần tham gia");
        CheckCount(e, "CommentCount", i.CommentCount, "số lượt ý kiến", 100_000);
        CheckLength(e, "Note", i.Note, 4000, "ghi chú");
        return e;
    }

    public static void Apply(SocialCriticism c, CriticismInput i)
    {
        (c.UnitId, c.Kind, c.Date) = (i.UnitId, i.Kind, i.Date!.Value);
        c.Draft = i.Draft!.Trim();
        c.DraftingBody = i.DraftingBody!.Trim();
        c.Participants = Clean(i.Participants);
        c.CommentCount = i.CommentCount is 0 ? null : i.CommentCount;
        c.Note = Clean(i.Note);
    }

    public static Dictionary<string, string[]> Validate(CommentInput i, SocialCriticism c, bool isNew, DateOnly today)
    {
        var e = new Dictionary<string, string[]>();
        if (isNew) CheckLength(e, "Content", i.Content, 4000, "nội dung ý kiến", required: true);
        CheckLength(e, "By", i.By, 300, "người, tổ chức góp ý");
        if (!Enum.IsDefined(i.Response)) Add(e, "Response", "Chọn phản hồi của cơ quan soạn thảo.");
        CheckLength(e, "Explanation", i.Explanation, 4000, "giải trình");
        if (i.Response is CommentResponse.NotAccepted or CommentResponse.PartlyAccepted && string.IsNullOrWhiteSpace(i.Explanation))
            Add(e, "Explanation", "Ghi giải trình của cơ quan soạn thảo về phần ý kiến không được tiếp thu.");
        if (i.Response != CommentResponse.Pending)
        {
            if (i.RespondedOn is not { } d) Add(e, "RespondedOn", "Nhập ngày cơ quan soạn thảo phản hồi.");
            else if (d < c.Date || d > today) Add(e, "RespondedOn", "Ngày phản hồi phải từ ngày góp ý đến hôm nay.");
        }
        return e;
    }

    public static void Apply(CriticismComment x, CommentInput i, bool isNew)
    {
        if (isNew)
        {
            x.Content = i.Content!.Trim();
            x.By = Clean(i.By);
        }
        x.Response = i.Response;
        var answered = i.Response != CommentResponse.Pending;
        x.Explanation = answered ? Clean(i.Explanation) : null;
        x.RespondedOn = answered ? i.RespondedOn : null;
    }

    /// <summary>Recommendations still waiting for an answer after their due date, of supervisions of these units.</summary>
    public static IQueryable<Recommendation> OverdueRecommendations(Data.AppDb db, IQueryable<Unit> units, DateOnly today) =>
        db.Recommendations.Where(r => r.Status == RecommendationStatus.Issued && r.DueDate < today
            && db.Supervisions.Any(s => s.Id == r.SupervisionId && units.Any(u => u.Id == s.UnitId)));

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
