using DoanKet.Domain.Supervisions;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Data;

public abstract partial class AppDb
{
    public DbSet<Supervision> Supervisions => Set<Supervision>();
    public DbSet<SupervisionSession> SupervisionSessions => Set<SupervisionSession>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<SocialCriticism> SocialCriticisms => Set<SocialCriticism>();
    public DbSet<CriticismComment> CriticismComments => Set<CriticismComment>();

    private static void ConfigureSupervisions(ModelBuilder b)
    {
        b.Entity<Supervision>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(500);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.Basis).HasMaxLength(300);
            e.Property(x => x.LedBy).HasMaxLength(300);
            e.Property(x => x.Team).HasMaxLength(1000);
            e.Property(x => x.Findings).HasMaxLength(8000);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Supervision>().WithMany().HasForeignKey(x => x.FollowUpOfId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.UnitId, x.Year });
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<SupervisionSession>(e =>
        {
            e.Property(x => x.Content).HasMaxLength(1000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.HasOne<Supervision>().WithMany().HasForeignKey(x => x.SupervisionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.SupervisionId);
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<Recommendation>(e =>
        {
            e.Property(x => x.Content).HasMaxLength(4000);
            e.Property(x => x.Addressee).HasMaxLength(300);
            e.Property(x => x.Response).HasMaxLength(4000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.HasOne<Supervision>().WithMany().HasForeignKey(x => x.SupervisionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.SupervisionId);
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<SocialCriticism>(e =>
        {
            e.Property(x => x.Draft).HasMaxLength(500);
            e.Property(x => x.DraftingBody).HasMaxLength(300);
            e.Property(x => x.Participants).HasMaxLength(1000);
            e.Property(x => x.Note).HasMaxLength(4000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.UnitId, x.Date });
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<CriticismComment>(e =>
        {
            e.Property(x => x.Content).HasMaxLength(4000);
            e.Property(x => x.By).HasMaxLength(300);
            e.Property(x => x.Explanation).HasMaxLength(4000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.HasOne<SocialCriticism>().WithMany().HasForeignKey(x => x.CriticismId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.CriticismId);
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
    }
}
