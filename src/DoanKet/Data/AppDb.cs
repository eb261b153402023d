using DoanKet.Domain;
using DoanKet.Domain.Organisations;
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
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Congress> Congresses => Set<Congress>();
    public DbSet<CongressTarget> CongressTargets => Set<CongressTarget>();
    public DbSet<Cooption> Cooptions => Set<Cooption>();
    public DbSet<MembershipCount> MembershipCounts => Set<MembershipCount>();
    public DbSet<RosterUpload> RosterUploads => Set<RosterUpload>();
    public DbSet<CongressWave> CongressWaves => Set<CongressWave>();
    public DbSet<CongressPlan> CongressPlans => Set<CongressPlan>();

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

        b.Entity<Organisation>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.UnitId, x.Kind });
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<Term>(e =>
        {
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(x => x.Label);
        });
        b.Entity<Person>(e =>
        {
            e.Property(x => x.FullName).HasMaxLength(200);
            e.Property(x => x.NameFolded).HasMaxLength(200);
            e.Property(x => x.Ethnicity).HasMaxLength(50);
            e.Property(x => x.Religion).HasMaxLength(50);
            e.Property(x => x.Phone).HasMaxLength(30);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.NameFolded);
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<Post>(e =>
        {
            e.Property(x => x.Decision).HasMaxLength(200);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Cooption>().WithMany().HasForeignKey(x => x.AddedByCooptionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Cooption>().WithMany().HasForeignKey(x => x.EndedByCooptionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.OrganisationId, x.StartDate });
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<Congress>(e =>
        {
            e.Property(x => x.ResolutionNumber).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasOne<Term>().WithMany().HasForeignKey(x => x.TermId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.CongressId);
        });
        b.Entity<CongressTarget>(e =>
        {
            e.Property(x => x.Label).HasMaxLength(500);
            e.Property(x => x.Indicator).HasMaxLength(100);
            e.Property(x => x.UnitOfMeasure).HasMaxLength(50);
        });
        b.Entity<Cooption>(e =>
        {
            e.Property(x => x.Conference).HasMaxLength(200);
            e.Property(x => x.DecisionNumber).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(x => x.ForShare);
        });
        b.Entity<MembershipCount>(e =>
        {
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.OrganisationId, x.Date }).IsUnique();
        });

        b.Entity<CongressWave>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CongressPlan>(e =>
        {
            e.HasOne<CongressWave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.WaveId, x.UnitId }).IsUnique();
        });
        b.Entity<RosterUpload>(e =>
        {
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.FileName).HasMaxLength(260);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
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
