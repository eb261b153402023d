namespace DoanKet.Domain.Units;

/// <summary>Administrative level of a unit. District existed until 30/6/2025.</summary>
public enum UnitLevel
{
    Central = 0,
    Province = 1,
    District = 2,
    Commune = 3,
    ResidentialGroup = 4,
}

/// <summary>What a unit is called; the kind fixes the level.</summary>
public enum UnitKind
{
    Central = 0,
    Province = 10,
    CentralCity = 11,
    UrbanDistrict = 20,
    RuralDistrict = 21,
    Town = 22,
    ProvincialCity = 23,
    Commune = 30,
    Ward = 31,
    Township = 32,
    SpecialZone = 33,
    Village = 40,
    Hamlet = 41,
    Ap = 42,
    ResidentialGroup = 43,
    Quarter = 44,
}

/// <summary>
/// One version of a unit. A version never changes its parent, kind or name: a change ends it
/// (<see cref="ValidTo"/>, exclusive) and starts new versions linked by <see cref="UnitLineage"/>.
/// Contact details and household counts are plain attributes that may be edited.
/// </summary>
public class Unit : IAudited, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public string? Code { get; set; }
    public required string Name { get; set; }
    public string NameFolded { get; set; } = "";
    public UnitKind Kind { get; set; }
    public UnitLevel Level { get; set; }
    public int? ParentId { get; set; }
    public Unit? Parent { get; set; }
    /// <summary>Materialised path of ids, "/1/34/1201/": a prefix query finds the subtree.</summary>
    public string Path { get; set; } = "";
    public DateOnly ValidFrom { get; set; }
    /// <summary>First day the version is no longer valid; null while it is current.</summary>
    public DateOnly? ValidTo { get; set; }
    /// <summary>Demo data whose real successor name is not certain.</summary>
    public bool Illustrative { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public int? Households { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }

    public string FullName => FullNameOf(Kind, Name);

    public static string FullNameOf(UnitKind kind, string name) => kind == UnitKind.Central ? name : $"{UnitKinds.Label(kind)} {name}";

    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);

    public static UnitLevel LevelOf(UnitKind kind) => (UnitLevel)((int)kind / 10);
}

public static class UnitKinds
{
    public static string Label(UnitKind kind) => kind switch
    {
        UnitKind.Central => "Trung ương",
        UnitKind.Province => "Tỉnh",
        UnitKind.CentralCity => "Thành phố",
        UnitKind.UrbanDistrict => "Quận",
        UnitKind.RuralDistrict => "Huyện",
        UnitKind.Town => "Thị xã",
        UnitKind.ProvincialCity => "Thành phố",
        UnitKind.Commune => "Xã",
        UnitKind.Ward => "Phường",
        UnitKind.Township => "Thị trấn",
        UnitKind.SpecialZone => "Đặc khu",
        UnitKind.Village => "Thôn",
        UnitKind.Hamlet => "Bản",
        UnitKind.Ap => "Ấp",
        UnitKind.ResidentialGroup => "Tổ dân phố",
        UnitKind.Quarter => "Khu phố",
        _ => kind.ToString(),
    };

    public static string LevelLabel(UnitLevel level) => level switch
    {
        UnitLevel.Central => "Trung ương",
        UnitLevel.Province => "Cấp tỉnh",
        UnitLevel.District => "Cấp huyện (đến 30/6/2025)",
        UnitLevel.Commune => "Cấp xã",
        UnitLevel.ResidentialGroup => "Thôn, tổ dân phố",
        _ => level.ToString(),
    };

    public static IEnumerable<UnitKind> OfLevel(UnitLevel level) =>
        Enum.GetValues<UnitKind>().Where(k => Unit.LevelOf(k) == level);
}
