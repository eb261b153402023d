using DoanKet.Domain.Reports;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Data;

public abstract partial class AppDb
{
    public DbSet<ReviewReport> ReviewReports => Set<ReviewReport>();
    public DbSet<ReportDeadline> ReportDeadlines => Set<ReportDeadline>();
    public DbSet<NewsDraft> NewsDrafts => Set<NewsDraft>();

    private static void ConfigureReports(ModelBuilder b)
    {
        b.Entity<ReviewReport>(e =>
        {
            e.Property(x => x.PeriodId).HasMaxLength(30);
            e.Property(x => x.Situation).HasMaxLength(ReportLimits.Prose);
            e.Property(x => x.Assessment).HasMaxLength(ReportLimits.Prose);
            e.Property(x => x.Tasks).HasMaxLength(ReportLimits.Prose);
            e.Property(x => x.Proposals).HasMaxLength(ReportLimits.Prose);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.SubmittedById).HasMaxLength(450);
            e.Property(x => x.ReviewedBy).HasMaxLength(256);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.ReviewComment).HasMaxLength(4000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            // One report per unit and period; document numbers unique per unit and year (a race on the next number fails here).
            e.HasIndex(x => new { x.UnitId, x.PeriodId }).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.NumberYear, x.Number }).IsUnique();
        });
        b.Entity<ReportDeadline>(e =>
        {
            e.Property(x => x.PeriodId).HasMaxLength(30);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.UnitId, x.PeriodId }).IsUnique();
        });
        b.Entity<NewsDraft>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(ReportLimits.Title);
            e.Property(x => x.Lead).HasMaxLength(ReportLimits.Lead);
            e.Property(x => x.Body).HasMaxLength(ReportLimits.Body);
            e.Property(x => x.SourceType).HasMaxLength(30);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.UnitId);
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
    }
}
