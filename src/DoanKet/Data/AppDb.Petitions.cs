using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Data;

public abstract partial class AppDb
{
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<PetitionEvent> PetitionEvents => Set<PetitionEvent>();
    public DbSet<PetitionFile> PetitionFiles => Set<PetitionFile>();
    public DbSet<VoterRound> VoterRounds => Set<VoterRound>();
    public DbSet<VoterMeeting> VoterMeetings => Set<VoterMeeting>();

    private static void ConfigurePetitions(ModelBuilder b)
    {
        b.Entity<Topic>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(50);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Abbreviation).HasMaxLength(20);
            e.Property(x => x.Group).HasMaxLength(200);
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<Agency>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Contact).HasMaxLength(300);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.UnitId);
        });
        b.Entity<Petition>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(9);
            e.Property(x => x.Content).HasMaxLength(8000);
            e.Property(x => x.ContentFolded).HasMaxLength(8000);
            e.Property(x => x.PublicSummary).HasMaxLength(2000);
            e.Property(x => x.PublicFolded).HasMaxLength(11000);
            e.Property(x => x.PetitionerName).HasMaxLength(200);
            e.Property(x => x.PetitionerContact).HasMaxLength(200);
            e.Property(x => x.PetitionerAddress).HasMaxLength(300);
            e.Property(x => x.Answer).HasMaxLength(8000);
            e.Property(x => x.AnswerDocument).HasMaxLength(300);
            e.Property(x => x.AnsweredBy).HasMaxLength(300);
            e.Property(x => x.TransferredTo).HasMaxLength(300);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.ReceivedOn });
            e.HasIndex(x => new { x.Status, x.DueDate });
            e.HasIndex(x => x.VoterMeetingId);
            e.HasIndex(x => x.DuplicateOfId);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Topic>().WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<VoterMeeting>().WithMany().HasForeignKey(x => x.VoterMeetingId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Petition>().WithMany().HasForeignKey(x => x.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<PetitionEvent>(e =>
        {
            e.Property(x => x.By).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(10000);
            e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.PetitionId);
        });
        b.Entity<PetitionFile>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(50);
            e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.PetitionId);
        });
        b.Entity<VoterRound>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Session).HasMaxLength(300);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.UnitId);
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
        b.Entity<VoterMeeting>(e =>
        {
            e.Property(x => x.Place).HasMaxLength(300);
            e.Property(x => x.Deputies).HasMaxLength(1000);
            e.Property(x => x.DeletedBy).HasMaxLength(256);
            e.HasOne<VoterRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.RoundId);
            e.HasQueryFilter(x => x.DeletedAt == null);
        });
    }
}
