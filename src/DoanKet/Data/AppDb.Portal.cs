using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoanKet.Data;

public abstract partial class AppDb
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<PublicDocument> PublicDocuments => Set<PublicDocument>();
    public DbSet<Album> Albums => Set<Album>();
    public DbSet<Photo> Photos => Set<Photo>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<SiteVisit> SiteVisits => Set<SiteVisit>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();

    private static void ConfigurePortal(ModelBuilder b)
    {
        b.Entity<Article>(e =>
        {
            Publishable(e);
            e.Property(x => x.Title).HasMaxLength(Article.MaxTitle);
            e.Property(x => x.Lead).HasMaxLength(Article.MaxLead);
            e.Property(x => x.Body).HasMaxLength(Article.MaxBody);
            e.Property(x => x.Author).HasMaxLength(Article.MaxAuthor);
            e.Property(x => x.CoverCaption).HasMaxLength(Article.MaxCaption);
        });
        b.Entity<PublicDocument>(e =>
        {
            Publishable(e);
            e.Property(x => x.Number).HasMaxLength(PublicDocument.MaxNumber);
            e.Property(x => x.Title).HasMaxLength(PublicDocument.MaxTitle);
            e.Property(x => x.Signer).HasMaxLength(PublicDocument.MaxSigner);
            e.Property(x => x.Summary).HasMaxLength(PublicDocument.MaxSummary);
            e.Property(x => x.Text).HasMaxLength(PublicDocument.MaxText);
        });
        b.Entity<Album>(e =>
        {
            Publishable(e);
            e.Property(x => x.Title).HasMaxLength(Album.MaxTitle);
            e.Property(x => x.Description).HasMaxLength(Album.MaxDescription);
            e.HasMany(x => x.Photos).WithOne().HasForeignKey(x => x.AlbumId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Photo>(e =>
        {
            e.Property(x => x.Caption).HasMaxLength(Article.MaxCaption);
            e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<StoredFile>(e =>
        {
            e.Property(x => x.OwnerKind).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(260);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.OwnerKind, x.OwnerId });
        });
        b.Entity<SiteVisit>(e =>
        {
            e.HasKey(x => new { x.UnitId, x.Day });
        });
        b.Entity<SearchEntry>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Title).HasMaxLength(PublicDocument.MaxTitle);
            e.Property(x => x.Text).HasMaxLength(SearchEntry.MaxText);
            e.Property(x => x.Url).HasMaxLength(400);
            e.HasIndex(x => new { x.Kind, x.RefId }).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.PublishedAt });
            // The newest entries holding common words are found by walking this index instead of sorting every match.
            e.HasIndex(x => x.PublishedAt);
        });
    }

    private static void Publishable<T>(EntityTypeBuilder<T> e) where T : class, IPublishable
    {
        e.Property(x => x.PublishedBy).HasMaxLength(256);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.DeletedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        // The public lists: a unit's published items, newest first.
        e.HasIndex(x => new { x.UnitId, x.Status, x.PublishedAt });
        e.HasQueryFilter(x => x.DeletedAt == null);
    }
}
