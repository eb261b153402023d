namespace DoanKet.Domain.Organisations;

public enum OrganisationKind
{
    FrontCommittee = 0,
    StandingBoard = 1,
    WomenUnion = 10,
    YouthUnion = 11,
    FarmersUnion = 12,
    VeteransAssociation = 13,
    TradeUnion = 14,
    MassAssociation = 20,
    ResidentialBoard = 30,
    InspectionBoard = 31,
    InvestmentBoard = 32,
    ConsultativeGroup = 33,
}

/// <summary>A committee, board, member organisation or group that belongs to one unit version.</summary>
public class Organisation : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public OrganisationKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>The organisation it is part of (the Standing Board of a committee).</summary>
    public int? ParentId { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }

    public static string Label(OrganisationKind kind) => kind switch
    {
        OrganisationKind.FrontCommittee => "Ủy ban MTTQ",
        OrganisationKind.StandingBoard => "Ban Thường trực",
        OrganisationKind.WomenUnion => "Hội Liên hiệp Phụ nữ",
        OrganisationKind.YouthUnion => "Đoàn TNCS Hồ Chí Minh",
        OrganisationKind.FarmersUnion => "Hội Nông dân",
        OrganisationKind.VeteransAssociation => "Hội Cựu chiến binh",
        OrganisationKind.TradeUnion => "Công đoàn",
        OrganisationKind.MassAssociation => "Hội quần chúng",
        OrganisationKind.ResidentialBoard => "Ban công tác Mặt trận",
        OrganisationKind.InspectionBoard => "Ban Thanh tra nhân dân",
        OrganisationKind.InvestmentBoard => "Ban Giám sát đầu tư của cộng đồng",
        OrganisationKind.ConsultativeGroup => "Tổ tư vấn",
        _ => kind.ToString(),
    };

    /// <summary>Member organisations count members (đoàn viên, hội viên) by date.</summary>
    public static bool HasMembership(OrganisationKind kind) => kind is >= OrganisationKind.WomenUnion and <= OrganisationKind.MassAssociation;
}

/// <summary>A term of office (nhiệm kỳ, khóa) of one organisation; may be cut short or renumbered.</summary>
public class Term : IAudited
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    /// <summary>The numbered term (khóa I = 1); null where the unit does not number its terms.</summary>
    public int? Number { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>Planned end (e.g. 2030); a term cut short by a merger ends on <see cref="EndedOn"/>.</summary>
    public DateOnly PlannedEnd { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? Note { get; set; }

    public string Label => $"{(Number is null ? "" : $"khóa {Roman(Number.Value)}, ")}nhiệm kỳ {StartDate.Year}–{PlannedEnd.Year}";

    public static string Roman(int n)
    {
        var (values, symbols) = (new[] { 10, 9, 5, 4, 1 }, new[] { "X", "IX", "V", "IV", "I" });
        var s = new System.Text.StringBuilder();
        for (var i = 0; i < values.Length; i++)
            while (n >= values[i]) { s.Append(symbols[i]); n -= values[i]; }
        return s.ToString();
    }
}

public enum Sex
{
    Female = 1,
    Male = 2,
}

/// <summary>A person with roles. No national ID: DoanKet does not need one.</summary>
public class Person : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    /// <summary>Where the person lives or was recorded (a residential group or commune): decides who may see them.</summary>
    public int UnitId { get; set; }
    public required string FullName { get; set; }
    public string NameFolded { get; set; } = "";
    public Sex Sex { get; set; }
    public int? BirthYear { get; set; }
    public string Ethnicity { get; set; } = "Kinh";
    /// <summary>Null when the person follows no religion.</summary>
    public string? Religion { get; set; }
    public string? Phone { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }
}

public enum Position
{
    Chair = 1,
    ViceChair = 2,
    StandingMember = 3,
    Member = 4,
    Head = 5,
    DeputyHead = 6,
    Secretary = 7,
}

/// <summary>A person's post (chức danh) in an organisation for a period; several may run at once. (Not "Role": that is the account role.)</summary>
public class Post : IAudited, ISoftDeletable
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public int OrganisationId { get; set; }
    public Position Position { get; set; }
    public bool FullTime { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>First day no longer held; null while held.</summary>
    public DateOnly? EndDate { get; set; }
    /// <summary>The decision that made the role ("Quyết định 12/QĐ-MTTQ").</summary>
    public string? Decision { get; set; }
    public int? AddedByCooptionId { get; set; }
    public int? EndedByCooptionId { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public bool HeldOn(DateOnly d) => StartDate <= d && (EndDate is null || d < EndDate);

    public static string Label(Position p) => p switch
    {
        Position.Chair => "Chủ tịch",
        Position.ViceChair => "Phó Chủ tịch",
        Position.StandingMember => "Ủy viên Thường trực",
        Position.Member => "Ủy viên",
        Position.Head => "Trưởng ban",
        Position.DeputyHead => "Phó Trưởng ban",
        Position.Secretary => "Thư ký",
        _ => p.ToString(),
    };
}

/// <summary>A congress of a term: it elects the committee and adopts the resolution with its targets.</summary>
public class Congress : IAudited
{
    public int Id { get; set; }
    public int TermId { get; set; }
    public DateOnly Date { get; set; }
    public int? DelegatesInvited { get; set; }
    public int DelegatesPresent { get; set; }
    public string? ResolutionNumber { get; set; }
    public string? Note { get; set; }
    public List<CongressTarget> Targets { get; set; } = [];
}

/// <summary>A numbered target of the congress resolution; the targets feature measures progress against it.</summary>
public class CongressTarget : IAudited
{
    public int Id { get; set; }
    public int CongressId { get; set; }
    public int Number { get; set; }
    public required string Label { get; set; }
    /// <summary>Indicator code the figure will be computed from, when one exists.</summary>
    public string? Indicator { get; set; }
    public double TargetValue { get; set; }
    public required string UnitOfMeasure { get; set; }
}

/// <summary>Co-opting or dismissal (hiệp thương, kiện toàn, miễn nhiệm) at a conference, with its vote.</summary>
public class Cooption : IAudited
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>"Hội nghị lần thứ V".</summary>
    public required string Conference { get; set; }
    public int Present { get; set; }
    public int For { get; set; }
    public int Against { get; set; }
    public string? DecisionNumber { get; set; }
    public string? Note { get; set; }

    public double ForShare => Present == 0 ? 0 : (double)For / Present;
}

/// <summary>Members (đoàn viên, hội viên) of a member organisation counted on a date.</summary>
public class MembershipCount : IAudited
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public DateOnly Date { get; set; }
    public int Members { get; set; }
}

/// <summary>
/// An uploaded roster kept between the check and the confirmation, in the database so that any
/// instance can finish the import; removed once imported.
/// </summary>
public class RosterUpload
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public int OrganisationId { get; set; }
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A wave of congresses the units of one level under an organiser must hold ("Đại hội MTTQ cấp xã
/// nhiệm kỳ 2025–2030"). Whether a unit held its congress is read from its Congress records.
/// </summary>
public class CongressWave : IAudited
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Name { get; set; }
    public Units.UnitLevel Level { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly DueDate { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A unit's planned congress date within a wave.</summary>
public class CongressPlan : IAudited
{
    public int Id { get; set; }
    public int WaveId { get; set; }
    public int UnitId { get; set; }
    public DateOnly? PlannedDate { get; set; }
}
