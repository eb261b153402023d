namespace DoanKet.Domain.History;

/// <summary>
/// An old report or article whose figures an officer imported into the unit's history: the text as read
/// (the provenance of every figure imported from it), the unit and period it reports on. Its figures write
/// facts of record type <see cref="RecordType"/>, so dashboards and term reports include them.
/// </summary>
public class HistoricalDocument : IAudited, ISoftDeletable, IVersioned
{
    public const string RecordType = "imported";
    public const int MaxText = 1_000_000, MaxTitle = 300;

    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>The period the figures belong to ("2024S1", "2019-2024").</summary>
    public required string PeriodId { get; set; }
    public required string Title { get; set; }
    public string? FileName { get; set; }
    /// <summary>The decoded text the figures' offsets refer to.</summary>
    [NotAudited]
    public required string Text { get; set; }
    /// <summary>SHA-256 of the text: the same text for the same unit and period is imported once.</summary>
    public required string ContentHash { get; set; }
    public List<ImportedFigure> Figures { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public long Version { get; set; }
}

/// <summary>A figure read from a document, confirmed by an officer and mapped to an indicator's fact.</summary>
public class ImportedFigure
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
    public required string Text { get; set; }
    public decimal Quantity { get; set; }
    public required string UnitOfMeasure { get; set; }
    public required string Category { get; set; }
    public required string Qualifier { get; set; }
    public decimal? Of { get; set; }
    public int IndicatorId { get; set; }
    /// <summary>The fact key written (one of the indicator's).</summary>
    public required string FactKey { get; set; }
    public long Value { get; set; }
}
