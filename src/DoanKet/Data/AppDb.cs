using DoanKet.Domain;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Data;

/// <summary>The one DbContext. Each engine has a subclass only so that it has its own migrations.</summary>
public abstract partial class AppDb(DbContextOptions options, Clock clock) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The app's clock, here so that every use case that writes through the context reads one time.</summary>
    public Clock Clock => clock;

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
    public DbSet<ActivityKind> ActivityKinds => Set<ActivityKind>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityOrganiser> ActivityOrganisers => Set<ActivityOrganiser>();
    public DbSet<ActivityPhoto> ActivityPhotos => Set<ActivityPhoto>();
    public DbSet<Conference> Conferences => Set<Conference>();
    public DbSet<ConferenceDecision> ConferenceDecisions => Set<ConferenceDecision>();
    public DbSet<Initiative> Initiatives => Set<Initiative>();
    public DbSet<UnityDay> UnityDays => Set<UnityDay>();
    public DbSet<Commendation> Commendations => Set<Commendation>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Fact> Facts => Set<Fact>();
    public DbSet<DailyTotal> DailyTotals => Set<DailyTotal>();
    public DbSet<MonthlyTotal> MonthlyTotals => Set<MonthlyTotal>();
    public DbSet<ProvinceMonthlyTotal> ProvinceMonthlyTotals => Set<ProvinceMonthlyTotal>();
    public DbSet<CoverageMonth> CoverageMonths => Set<CoverageMonth>();
    public DbSet<Fund> Funds => Set<Fund>();
    public DbSet<FundAccount> FundAccounts => Set<FundAccount>();
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<AppealTarget> AppealTargets => Set<AppealTarget>();
    public DbSet<MoneyEntry> MoneyEntries => Set<MoneyEntry>();
    public DbSet<FundDonorName> FundDonorNames => Set<FundDonorName>();
    public DbSet<BankStatement> BankStatements => Set<BankStatement>();
    public DbSet<BankLine> BankLines => Set<BankLine>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        ConfigureFunds(b);
        ConfigurePetitions(b);
        ConfigureSupervisions(b);
        ConfigureReports(b);
        ConfigureHistory(b);
        ConfigurePortal(b);

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
            // The provinces (and the centre) of a subtree, for the province totals.
            e.HasIndex(x => new { x.Level, x.Path });
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

        OnRecordsCreating(b);

        b.Entity<AccessToken>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId);
        });
    }
}

public abstract partial class AppDb
{
    private static void OnRecordsCreating(ModelBuilder b)
    {
        b.Entity<ActivityKind>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(60);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Area).HasMaxLength(60);
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<Activity>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Participants).HasMaxLength(1000);
            e.Property(x => x.Note).HasMaxLength(4000);
            e.Property(x => x.Week).HasMaxLength(10);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Kind).WithMany().HasForeignKey(x => x.KindId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Organisers).WithOne().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.UnitId, x.Date });
            e.HasIndex(x => new { x.UnitId, x.Week, x.KindId });
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<ActivityOrganiser>(e =>
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict));
        b.Entity<ActivityPhoto>(e =>
        {
            e.Property(x => x.ContentType).HasMaxLength(50);
            e.Property(x => x.Caption).HasMaxLength(300);
            e.HasOne<Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Conference>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Minutes).HasMaxLength(20000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Decisions).WithOne().HasForeignKey(x => x.ConferenceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.UnitId, x.Date });
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<ConferenceDecision>(e => e.Property(x => x.Subject).HasMaxLength(500));
        b.Entity<Initiative>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Field).HasMaxLength(60);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.UnitId);
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<UnityDay>(e =>
        {
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.UnitId, x.Year });
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<Commendation>(e =>
        {
            e.Property(x => x.Recipient).HasMaxLength(300);
            e.Property(x => x.DecisionNumber).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.UnitId, x.Date });
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<Target>(e =>
        {
            e.Property(x => x.Indicator).HasMaxLength(100);
            e.Property(x => x.Period).HasMaxLength(30);
            e.Property(x => x.Label).HasMaxLength(500);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.UnitId, x.Period });
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<Indicator>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.UnitOfMeasure).HasMaxLength(50);
            e.Property(x => x.Area).HasMaxLength(60);
            e.Property(x => x.Facts).HasMaxLength(1000);
            e.Property(x => x.Numerator).HasMaxLength(100);
            e.Property(x => x.Denominator).HasMaxLength(100);
            e.HasIndex(x => x.Code).IsUnique();
            e.Ignore(x => x.FactKeys);
        });
        // Facts, totals: no foreign keys to units so the bulk loader and the totals upserts stay cheap;
        // they are only ever written by RecordWriter and the generator, which use existing units.
        b.Entity<Fact>(e =>
        {
            e.Property(x => x.RecordType).HasMaxLength(30);
            e.Property(x => x.Key).HasMaxLength(100);
            e.HasIndex(x => new { x.RecordType, x.RecordId });
            e.HasIndex(x => new { x.Key, x.Date, x.UnitId });
        });
        // Figures read the totals by key and date range (then join the units of a subtree), or by unit and
        // date range; the covering columns (INCLUDE, PostgreSQL only) let those reads skip the table.
        b.Entity<DailyTotal>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(100);
            e.HasKey(x => new { x.UnitId, x.Day, x.Key });
            // Some keys over a range, for the whole country; every key of the units of one subtree ("as now").
            e.HasIndex(x => new { x.Key, x.Day }).IncludeProperties(x => new { x.UnitId, x.Value });
            e.HasIndex(x => new { x.UnitId, x.Day }).IncludeProperties(x => new { x.Key, x.Value });
        });
        b.Entity<MonthlyTotal>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(100);
            e.HasKey(x => new { x.UnitId, x.Month, x.Key });
            // Every key of a few months, for the whole country; all months of one commune, for a province.
            e.HasIndex(x => x.Month).IncludeProperties(x => new { x.Key, x.UnitId, x.Value });
            e.HasIndex(x => new { x.UnitId, x.Month }).IncludeProperties(x => new { x.Key, x.Value });
        });
        b.Entity<CoverageMonth>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(100);
            e.HasKey(x => new { x.UnitId, x.Month, x.Key });
            // Rows of some keys and one level, by province (or none), over a range of months.
            e.HasIndex(x => new { x.Key, x.Level, x.ProvinceId, x.Month }).IncludeProperties(x => x.UnitId);
        });
        b.Entity<ProvinceMonthlyTotal>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(100);
            e.HasKey(x => new { x.UnitId, x.Month, x.Key });
            e.HasIndex(x => x.Month).IncludeProperties(x => new { x.Key, x.UnitId, x.Value });
        });
    }
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options, Clock clock) : AppDb(options, clock);

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options, Clock clock) : AppDb(options, clock)
{
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Byte order keeps the path range query ("/1/34/" ≤ path < "/1/340") exact and indexable.
        b.Entity<Unit>().Property(x => x.Path).UseCollation("C");
        // Byte order, like the path: a typed name is a range of a fund's name endings.
        b.Entity<FundDonorName>().Property(x => x.Words).UseCollation("C");
        b.HasPostgresExtension("pg_trgm");
        // The portal's search: words anywhere in the folded text (SQLite uses an FTS5 table instead, see the Portal migration).
        b.Entity<Domain.Portal.SearchEntry>().HasIndex(x => x.Folded).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
