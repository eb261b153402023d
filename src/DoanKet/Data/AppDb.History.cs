using DoanKet.Domain.History;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Data;

public abstract partial class AppDb
{
    public DbSet<HistoricalDocument> HistoricalDocuments => Set<HistoricalDocument>();
    public DbSet<ImportedFigure> ImportedFigures => Set<ImportedFigure>();

    private static void ConfigureHistory(ModelBuilder b)
    {
        b.Entity<HistoricalDocument>(e =>
        {
            e.Property(x => x.PeriodId).HasMaxLength(30);
            e.Property(x => x.Title).HasMaxLength(HistoricalDocument.MaxTitle);
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.Text).HasMaxLength(HistoricalDocument.MaxText);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            // The same text for the same unit and period is imported once, also when two clicks race.
            e.HasIndex(x => new { x.UnitId, x.PeriodId, x.ContentHash }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<ImportedFigure>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(200);
            e.Property(x => x.UnitOfMeasure).HasMaxLength(40);
            e.Property(x => x.Category).HasMaxLength(20);
            e.Property(x => x.Qualifier).HasMaxLength(20);
            e.Property(x => x.FactKey).HasMaxLength(100);
            e.Property(x => x.Quantity).HasPrecision(24, 6);
            e.Property(x => x.Of).HasPrecision(24, 6);
            e.HasOne<HistoricalDocument>().WithMany(d => d.Figures).HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
