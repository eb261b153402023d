namespace DoanKet.Domain;

/// <summary>A domain record whose every change is written to the audit log.</summary>
/// <summary>A property the audit trail does not copy: large, never changed after insert, and kept on the record itself.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

public interface IAudited
{
    int Id { get; }
}

/// <summary>Rows are never removed: a delete sets these and the record disappears from queries.</summary>
public interface ISoftDeletable
{
    DateTime? DeletedAt { get; set; }
    string? DeletedBy { get; set; }
}

/// <summary>Optimistic concurrency: the version goes up on every save, a stale edit is refused.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public required string Entity { get; set; }
    public required string EntityId { get; set; }
    /// <summary>Insert, Update, Delete (soft), Restore.</summary>
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }

    public static string ActionLabel(string action) => action switch
    {
        "Insert" => "Thêm mới",
        "Update" => "Sửa",
        "Delete" => "Xóa (tạm)",
        "Restore" => "Khôi phục",
        _ => action,
    };
}
