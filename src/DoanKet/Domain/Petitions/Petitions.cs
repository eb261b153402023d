using System.Security.Cryptography;

namespace DoanKet.Domain.Petitions;

public enum PetitionChannel { VoterContact, Conference, ResidentsConference, WebForm, ResidentialBoard, Letter, InPerson, Hotline }
public enum PetitionKind { Opinion, Petition, Complaint, Denunciation }
public enum Competence { Commune, Province, Central }

/// <summary>Where a petition stands. The order is not the workflow: see <see cref="PetitionFlow"/>.</summary>
public enum PetitionStatus
{
    Received, Classified, Forwarded, Answered, Checked, Published, Closed,
    Transferred, Duplicate, ClosedUnresolved,
}

/// <summary>A topic group of opinions (ATGT, VSMT…): configurable; <see cref="Group"/> gathers topics the way reports do ("4 nhóm").</summary>
public class Topic : IAudited
{
    public int Id { get; set; }
    /// <summary>Stable code, the suffix of the facts of its petitions: "y_kien.chu_de.atgt".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Abbreviation { get; set; }
    public required string Group { get; set; }
    public int SortOrder { get; set; }
    public bool Retired { get; set; }
}

/// <summary>A body petitions are forwarded to (UBND phường, Công an phường, a department…), kept by the unit that forwards.</summary>
public class Agency : IAudited
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Name { get; set; }
    public string? Contact { get; set; }
    public bool Retired { get; set; }
}

/// <summary>
/// An opinion, petition, complaint or denunciation from any channel, followed from receipt to a checked,
/// published answer. The petitioner's identity is personal data: shown only to those who handle it.
/// </summary>
public class Petition : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    /// <summary>The tracking code given to the citizen ("PA7K-2M9X"): the only key to the public tracking page.</summary>
    public required string Code { get; set; }
    public int UnitId { get; set; }
    public PetitionChannel Channel { get; set; }
    public PetitionKind Kind { get; set; }
    public Competence Competence { get; set; }
    public int? TopicId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public required string Content { get; set; }
    /// <summary>Folded content, for duplicate detection and search without diacritics.</summary>
    public string ContentFolded { get; set; } = "";
    /// <summary>What may be published: the content as checked by an officer, without personal data.</summary>
    public string? PublicSummary { get; set; }
    /// <summary>Folded summary and answer once published: the public search reads only this.</summary>
    public string? PublicFolded { get; set; }
    public bool Anonymous { get; set; }
    public string? PetitionerName { get; set; }
    public string? PetitionerContact { get; set; }
    public string? PetitionerAddress { get; set; }
    /// <summary>The meeting of a voter-contact round where it was raised.</summary>
    public int? VoterMeetingId { get; set; }
    public PetitionStatus Status { get; set; }
    /// <summary>When the next step is due (classification, answer, agency's answer); overdue after it.</summary>
    public DateOnly? DueDate { get; set; }
    public int? AgencyId { get; set; }
    public DateOnly? ForwardedOn { get; set; }
    public string? Answer { get; set; }
    /// <summary>The answering document: "Công văn số 125/UBND-ĐT ngày 12/3/2024".</summary>
    public string? AnswerDocument { get; set; }
    public string? AnsweredBy { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    /// <summary>Answered after the due date (kept once the due date moves on).</summary>
    public bool AnsweredLate { get; set; }
    public DateOnly? PublishedOn { get; set; }
    /// <summary>The citizen may reopen a published or closed petition until this day.</summary>
    public DateOnly? ReopenUntil { get; set; }
    public string? TransferredTo { get; set; }
    public int? DuplicateOfId { get; set; }
    /// <summary>Why it was transferred, closed without resolution or sent back; the last such reason.</summary>
    public string? Reason { get; set; }
    public int Reopened { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }

    /// <summary>Still being handled (Open311 "open").</summary>
    public static readonly PetitionStatus[] OpenStatuses = [PetitionStatus.Received, PetitionStatus.Classified, PetitionStatus.Forwarded, PetitionStatus.Answered, PetitionStatus.Checked];
    /// <summary>Waiting on someone by a due date: the committee or the agency it was forwarded to.</summary>
    public static readonly PetitionStatus[] DueStatuses = [PetitionStatus.Received, PetitionStatus.Classified, PetitionStatus.Forwarded];

    public bool IsOpen => OpenStatuses.Contains(Status);
    public bool IsOverdue(DateOnly today) => DueStatuses.Contains(Status) && DueDate < today;
    public bool AnswerPublic => Kind != PetitionKind.Denunciation && (Status is PetitionStatus.Published || Status is PetitionStatus.Closed && PublishedOn is not null);

    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Eight characters without 0/O, 1/I: read over the phone without mistakes, ~10^12 possibilities.</summary>
    public static string NewCode() =>
        string.Create(9, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = i == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        });

    public static string NormaliseCode(string? code) =>
        new string([.. (code ?? "").ToUpperInvariant().Where(char.IsLetterOrDigit)]) is { Length: 8 } s ? s[..4] + "-" + s[4..] : "";
}

/// <summary>A photo or document sent with a petition: seen only by those who handle it, never published.</summary>
public class PetitionFile
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerPetition = 3;

    public int Id { get; set; }
    public int PetitionId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Bytes { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The type the bytes really are: a photo (JPEG, PNG, WebP) or a PDF, whatever the upload claimed.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b) =>
        Records.ActivityPhoto.Sniff(b) ?? (b.Length > 5 && b[..5].SequenceEqual("%PDF-"u8) ? "application/pdf" : null);
}

/// <summary>One step of a petition's handling: who, when, from which status to which, and the note. Public steps show on the tracking page.</summary>
public class PetitionEvent
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public DateTime At { get; set; }
    public string? By { get; set; }
    public PetitionStatus? From { get; set; }
    public PetitionStatus To { get; set; }
    public required string Action { get; set; }
    public string? Note { get; set; }
    /// <summary>Shown to the citizen on the tracking page (never the handlers' internal notes).</summary>
    public bool Public { get; set; }
}

public enum VoterBody { CommuneCouncil, ProvinceCouncil, NationalAssembly }

/// <summary>A voter-contact round (đợt tiếp xúc cử tri) before or after a session of a People's Council or the National Assembly.</summary>
public class VoterRound : IAudited, ISoftDeletable
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public VoterBody Body { get; set; }
    public required string Name { get; set; }
    public required string Session { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

/// <summary>A meeting of a round: where, with which deputies, how many people; its opinions are petitions with this meeting.</summary>
public class VoterMeeting : IAudited, ISoftDeletable
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int UnitId { get; set; }
    public DateOnly Date { get; set; }
    public required string Place { get; set; }
    public required string Deputies { get; set; }
    public int Attendance { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public static class PetitionLabels
{
    public static string Channel(PetitionChannel c) => c switch
    {
        PetitionChannel.VoterContact => "Tiếp xúc cử tri",
        PetitionChannel.Conference => "Hội nghị",
        PetitionChannel.ResidentsConference => "Hội nghị khu dân cư",
        PetitionChannel.WebForm => "Cổng trực tuyến",
        PetitionChannel.ResidentialBoard => "Ban công tác Mặt trận khu dân cư",
        PetitionChannel.Letter => "Đơn thư",
        PetitionChannel.InPerson => "Trực tiếp",
        _ => "Đường dây nóng",
    };

    public static string ChannelKey(PetitionChannel c) => c switch
    {
        PetitionChannel.VoterContact => "tiep_xuc_cu_tri",
        PetitionChannel.Conference => "hoi_nghi",
        PetitionChannel.ResidentsConference => "hoi_nghi_dan_cu",
        PetitionChannel.WebForm => "truc_tuyen",
        PetitionChannel.ResidentialBoard => "ban_cong_tac",
        PetitionChannel.Letter => "don_thu",
        PetitionChannel.InPerson => "truc_tiep",
        _ => "duong_day_nong",
    };

    public static string Kind(PetitionKind k) => k switch
    {
        PetitionKind.Opinion => "Ý kiến",
        PetitionKind.Petition => "Kiến nghị, phản ánh",
        PetitionKind.Complaint => "Khiếu nại",
        _ => "Tố cáo",
    };

    public static string Competence(Competence c) => c switch
    {
        Petitions.Competence.Commune => "Cấp xã",
        Petitions.Competence.Province => "Cấp tỉnh",
        _ => "Trung ương",
    };

    public static string Status(PetitionStatus s) => s switch
    {
        PetitionStatus.Received => "Mới tiếp nhận",
        PetitionStatus.Classified => "Đã phân loại, đang xử lý",
        PetitionStatus.Forwarded => "Đã chuyển cơ quan có thẩm quyền, chờ trả lời",
        PetitionStatus.Answered => "Đã có trả lời, đang kiểm tra",
        PetitionStatus.Checked => "Trả lời đã được kiểm tra, chờ công khai",
        PetitionStatus.Published => "Đã công khai trả lời",
        PetitionStatus.Closed => "Đã kết thúc",
        PetitionStatus.Transferred => "Đã chuyển nơi khác giải quyết",
        PetitionStatus.Duplicate => "Trùng, đã gộp vào ý kiến khác",
        _ => "Kết thúc, chưa giải quyết được",
    };

    public static string Body(VoterBody b) => b switch
    {
        VoterBody.CommuneCouncil => "HĐND cấp xã",
        VoterBody.ProvinceCouncil => "HĐND cấp tỉnh",
        _ => "Quốc hội",
    };
}
