using DoanKet.Domain;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Data;

/// <summary>The one DbContext. Each engine has a subclass only so that it has its own migrations.</summary>
public abstract class AppDb(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitChange> UnitChanges => Set<UnitChange>();
    public DbSet<UnitLineage> UnitLineages => Set<UnitLineage>();
    public DbSet<UnitSuccessor> UnitSuccessors => Set<UnitSuccessor>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<AppUser>(e =>
        {
            e.Property(x => x.FullName).HasMaxLength(200);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Unit>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.NameFolded).HasMaxLength(200);
            e.Property(x => x.Code).HasMaxLength(20);
            e.Property(x => x.Path).HasMaxLength(400);
            e.Property(x => x.Address).HasMaxLength(400);
            e.Property(x => x.Phone).HasMaxLength(30);
            e.Property(x => x.Email).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.Path);
            e.HasIndex(x => x.NameFolded);
            e.HasIndex(x => x.Code);
            e.HasIndex(x => new { x.ParentId, x.ValidFrom });
            e.HasQueryFilter(x => x.DeletedAt == null);
            e.Ignore(x => x.FullName);
            e.Ignore(x => x.IsCurrent);
        });

        b.Entity<UnitChange>(e =>
        {
            e.Property(x => x.LegalBasis).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
        });

        b.Entity<UnitLineage>(e =>
        {
            e.HasOne(x => x.Change).WithMany().HasForeignKey(x => x.ChangeId);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.FromUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.ToUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.FromUnitId);
            e.HasIndex(x => x.ToUnitId);
        });

        b.Entity<UnitSuccessor>(e =>
        {
            e.HasKey(x => new { x.OriginalUnitId, x.CurrentUnitId });
            e.HasIndex(x => x.CurrentUnitId);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.Property(x => x.Entity).HasMaxLength(100);
            e.Property(x => x.EntityId).HasMaxLength(100);
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.HasIndex(x => new { x.Entity, x.EntityId });
            e.HasIndex(x => x.At);
        });

        b.Entity<AccessToken>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId);
        });
    }
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options)
{
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Byte order keeps the path range query ("/1/34/" ≤ path < "/1/340") exact and indexable.
        b.Entity<Unit>().Property(x => x.Path).UseCollation("C");
    }
}
