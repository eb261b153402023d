namespace DoanKet.Domain.Units;

public enum UnitChangeKind
{
    Create = 0,
    Merge = 1,
    Split = 2,
    Rename = 3,
    Move = 4,
    Convert = 5,
    /// <summary>A level is abolished (districts on 1/7/2025): the unit ends and restates onto its parent.</summary>
    Abolish = 6,
}

/// <summary>An event in the unit tree: what changed, when, on what legal basis, by whom.</summary>
public class UnitChange
{
    public int Id { get; set; }
    public UnitChangeKind Kind { get; set; }
    public DateOnly EffectiveDate { get; set; }
    public required string LegalBasis { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public static string Label(UnitChangeKind kind) => kind switch
    {
        UnitChangeKind.Create => "Thành lập",
        UnitChangeKind.Merge => "Sáp nhập",
        UnitChangeKind.Split => "Chia tách",
        UnitChangeKind.Rename => "Đổi tên",
        UnitChangeKind.Move => "Điều chỉnh địa giới (chuyển đơn vị cấp trên)",
        UnitChangeKind.Convert => "Chuyển đổi thôn ↔ tổ dân phố",
        UnitChangeKind.Abolish => "Kết thúc cấp hành chính",
        _ => kind.ToString(),
    };
}

/// <summary>Edge of lineage: part <see cref="Weight"/> of unit From continues in unit To.</summary>
public class UnitLineage
{
    public int Id { get; set; }
    public int FromUnitId { get; set; }
    public int ToUnitId { get; set; }
    public double Weight { get; set; } = 1;
    public int ChangeId { get; set; }
    public UnitChange? Change { get; set; }
}

/// <summary>Where each version ever made lives today (units valid now), with the share that goes there.</summary>
public class UnitSuccessor
{
    public int OriginalUnitId { get; set; }
    public int CurrentUnitId { get; set; }
    public double Weight { get; set; }
}
