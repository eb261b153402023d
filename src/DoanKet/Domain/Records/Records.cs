namespace DoanKet.Domain.Records;

/// <summary>What an activity kind counts. A kind declares the measures its records fill in.</summary>
[Flags]
public enum Measures
{
    None = 0,
    Sessions = 1,
    Attendances = 2,
    Households = 4,
    Gifts = 8,
    People = 16,
    Money = 32,
    Opinions = 64,
}

public static class MeasureInfo
{
    public static readonly Measures[] All = [Measures.Sessions, Measures.Attendances, Measures.Households, Measures.Gifts, Measures.People, Measures.Money, Measures.Opinions];

    /// <summary>The suffix of the fact key: "tuyen_truyen" + ".cuoc".</summary>
    public static string Key(Measures m) => m switch
    {
        Measures.Sessions => "cuoc",
        Measures.Attendances => "luot_nguoi",
        Measures.Households => "ho",
        Measures.Gifts => "phan_qua",
        Measures.People => "nguoi",
        Measures.Money => "dong",
        Measures.Opinions => "y_kien",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static string Label(Measures m) => m switch
    {
        Measures.Sessions => "Số cuộc, buổi",
        Measures.Attendances => "Lượt người tham dự",
        Measures.Households => "Số hộ",
        Measures.Gifts => "Số phần quà",
        Measures.People => "Số người",
        Measures.Money => "Số tiền (đồng)",
        Measures.Opinions => "Ý kiến, kiến nghị",
        _ => m.ToString(),
    };

    public static string UnitOfMeasure(Measures m) => m switch
    {
        Measures.Sessions => "cuộc",
        Measures.Attendances => "lượt người",
        Measures.Households => "hộ",
        Measures.Gifts => "phần quà",
        Measures.People => "người",
        Measures.Money => "đồng",
        Measures.Opinions => "ý kiến",
        _ => "",
    };
}

/// <summary>An entry of the configurable catalogue of the Front's work (tuyên truyền, giám sát, …).</summary>
public class ActivityKind : IAudited
{
    public int Id { get; set; }
    /// <summary>Stable code, the prefix of the facts its records write: "tuyen_truyen".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Area of work, used to group kinds and indicators (see <see cref="Areas"/>).</summary>
    public required string Area { get; set; }
    public Measures Measures { get; set; }
    /// <summary>Offered on the residential board's weekly screen.</summary>
    public bool Weekly { get; set; }
    public int SortOrder { get; set; }
    public bool Retired { get; set; }
}

public static class Areas
{
    public static readonly (string Code, string Label)[] All =
    [
        ("tuyen_truyen", "Tuyên truyền, vận động"),
        ("phong_trao", "Phong trào, cuộc vận động, mô hình"),
        ("an_sinh", "An sinh xã hội"),
        ("giam_sat", "Giám sát, phản biện xã hội, góp ý"),
        ("dan_chu", "Dân chủ, tiếp xúc cử tri, đối thoại"),
        ("to_chuc", "Xây dựng tổ chức, hội nghị, thi đua khen thưởng"),
    ];

    public static string Label(string code) => All.FirstOrDefault(a => a.Code == code).Label ?? code;
}

public enum RecordSource { Form = 0, Weekly = 1, Demo = 2, Generated = 3 }

/// <summary>A piece of the Front's work done by one unit (commune or residential group).</summary>
public class Activity : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int KindId { get; set; }
    public ActivityKind? Kind { get; set; }
    /// <summary>The day the work was done (or began); its facts are dated on it.</summary>
    public DateOnly Date { get; set; }
    public DateOnly? EndDate { get; set; }
    public required string Title { get; set; }
    public int? Sessions { get; set; }
    public int? Attendances { get; set; }
    public int? Households { get; set; }
    public int? Gifts { get; set; }
    public int? People { get; set; }
    public long? Money { get; set; }
    public int? Opinions { get; set; }
    /// <summary>Who took part (groups, not personal data): "Ban CTMT, chi hội phụ nữ, đoàn viên thanh niên".</summary>
    public string? Participants { get; set; }
    public string? Note { get; set; }
    public RecordSource Source { get; set; }
    /// <summary>ISO week id for records of the weekly screen ("2024W05"): one per unit, kind and week.</summary>
    public string? Week { get; set; }
    public List<ActivityOrganiser> Organisers { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }

    public long? Count(Measures m) => m switch
    {
        Measures.Sessions => Sessions,
        Measures.Attendances => Attendances,
        Measures.Households => Households,
        Measures.Gifts => Gifts,
        Measures.People => People,
        Measures.Money => Money,
        Measures.Opinions => Opinions,
        _ => null,
    };

    public void SetCount(Measures m, long? value)
    {
        switch (m)
        {
            case Measures.Sessions: Sessions = (int?)value; break;
            case Measures.Attendances: Attendances = (int?)value; break;
            case Measures.Households: Households = (int?)value; break;
            case Measures.Gifts: Gifts = (int?)value; break;
            case Measures.People: People = (int?)value; break;
            case Measures.Money: Money = value; break;
            case Measures.Opinions: Opinions = (int?)value; break;
        }
    }
}

/// <summary>A member organisation that led or joined an activity.</summary>
public class ActivityOrganiser
{
    public int Id { get; set; }
    public int ActivityId { get; set; }
    public int OrganisationId { get; set; }
    public bool Lead { get; set; }
}

/// <summary>A photo of an activity; images only, size-limited, kept in the database so backups hold them.</summary>
public class ActivityPhoto
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxPerActivity = 6;

    public int Id { get; set; }
    public int ActivityId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Bytes { get; set; }
    public string? Caption { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The type the bytes really are (JPEG, PNG, WebP), whatever the upload claimed.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b) =>
        b.Length > 12 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length > 12 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png"
        : b.Length > 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;
}

public enum ConferenceType
{
    Review = 0,
    CommitteeSession = 1,
    ResidentsConference = 2,
    WorkingSession = 3,
    Consultation = 4,
    Other = 9,
}

public static class ConferenceTypes
{
    public static string Label(ConferenceType t) => t switch
    {
        ConferenceType.Review => "Hội nghị sơ kết, tổng kết",
        ConferenceType.CommitteeSession => "Hội nghị Ủy ban MTTQ (kỳ họp)",
        ConferenceType.ResidentsConference => "Hội nghị đại biểu nhân dân, hội nghị khu dân cư",
        ConferenceType.WorkingSession => "Buổi làm việc của cấp trên",
        ConferenceType.Consultation => "Hội nghị hiệp thương",
        _ => "Hội nghị khác",
    };

    public static string Key(ConferenceType t) => t switch
    {
        ConferenceType.Review => "so_ket",
        ConferenceType.CommitteeSession => "uy_ban",
        ConferenceType.ResidentsConference => "dan_cu",
        ConferenceType.WorkingSession => "lam_viec",
        ConferenceType.Consultation => "hiep_thuong",
        _ => "khac",
    };
}

/// <summary>A conference (hội nghị): who was invited and came, what was raised and decided.</summary>
public class Conference : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public DateOnly Date { get; set; }
    public ConferenceType Type { get; set; }
    /// <summary>"lần thứ N" of a committee's term.</summary>
    public int? SessionNumber { get; set; }
    public required string Title { get; set; }
    public int? Invited { get; set; }
    public int? Present { get; set; }
    public int? Opinions { get; set; }
    public string? Minutes { get; set; }
    public List<ConferenceDecision> Decisions { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }
}

/// <summary>One vote at a conference: present, for, against (abstentions are the rest).</summary>
public class ConferenceDecision
{
    public int Id { get; set; }
    public int ConferenceId { get; set; }
    public required string Subject { get; set; }
    public int Present { get; set; }
    public int For { get; set; }
    public int Against { get; set; }
}

public enum InitiativeStatus { Registered = 0, Active = 1, Completed = 2, Stopped = 3 }

/// <summary>A model (mô hình) a unit registers under a movement, by field.</summary>
public class Initiative : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Name { get; set; }
    public required string Field { get; set; }
    public InitiativeStatus Status { get; set; }
    public DateOnly RegisteredOn { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }

    public static readonly (string Code, string Label)[] Fields =
    [
        ("chinh_trang_do_thi", "Chỉnh trang đô thị"),
        ("cham_lo_doi_song", "Chăm lo đời sống nhân dân"),
        ("giam_ngheo", "Giảm nghèo bền vững"),
        ("moi_truong", "Bảo vệ môi trường"),
        ("an_ninh_trat_tu", "An ninh trật tự, an toàn giao thông"),
        ("van_hoa", "Xây dựng đời sống văn hóa"),
        ("chuyen_doi_so", "Chuyển đổi số, công dân số"),
        ("khac", "Lĩnh vực khác"),
    ];

    public static string FieldLabel(string code) => Fields.FirstOrDefault(f => f.Code == code).Label ?? code;

    public static string StatusLabel(InitiativeStatus s) => s switch
    {
        InitiativeStatus.Registered => "Đăng ký",
        InitiativeStatus.Active => "Đang thực hiện",
        InitiativeStatus.Completed => "Hoàn thành",
        _ => "Dừng",
    };
}

/// <summary>The Great Unity Day (Ngày hội Đại đoàn kết toàn dân tộc) of one residential group in one year.</summary>
public class UnityDay : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int Year { get; set; }
    public bool Held { get; set; }
    public DateOnly? Date { get; set; }
    public int? HouseholdsAttending { get; set; }
    public int? HouseholdsTotal { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }
}

public enum CommendationForm { Certificate = 0, Merit = 1, EmulationFlag = 2, Medal = 3 }

/// <summary>The level that awards: the unit's own, or the levels above.</summary>
public enum AwardLevel { Commune = 3, District = 2, Province = 1, Central = 0 }

/// <summary>A commendation (khen thưởng) to one collective or individual.</summary>
public class Commendation : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    /// <summary>The unit whose work is commended (where the record is kept).</summary>
    public int UnitId { get; set; }
    public DateOnly Date { get; set; }
    public CommendationForm Form { get; set; }
    public AwardLevel Level { get; set; }
    public bool Collective { get; set; }
    public required string Recipient { get; set; }
    public string? DecisionNumber { get; set; }
    /// <summary>Proposed to the level above, not yet decided ("đề nghị tặng").</summary>
    public bool Proposed { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }

    public static string FormLabel(CommendationForm f) => f switch
    {
        CommendationForm.Certificate => "Giấy khen",
        CommendationForm.Merit => "Bằng khen",
        CommendationForm.EmulationFlag => "Cờ thi đua",
        _ => "Kỷ niệm chương",
    };

    public static string LevelLabel(AwardLevel l) => l switch
    {
        AwardLevel.Commune => "Cấp xã",
        AwardLevel.District => "Cấp huyện",
        AwardLevel.Province => "Cấp tỉnh",
        _ => "Trung ương",
    };

    public static string LevelKey(AwardLevel l) => l switch
    {
        AwardLevel.Commune => "cap_xa",
        AwardLevel.District => "cap_huyen",
        AwardLevel.Province => "cap_tinh",
        _ => "trung_uong",
    };
}

public enum TargetSource { YearlyProgramme = 0, CongressResolution = 1 }

/// <summary>A target (chỉ tiêu) on an indicator for a unit and a period (a year or a term).</summary>
public class Target : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Indicator { get; set; }
    /// <summary>Period id ("2022", "2019-2024").</summary>
    public required string Period { get; set; }
    public double Value { get; set; }
    public required string Label { get; set; }
    public TargetSource Source { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }
}
