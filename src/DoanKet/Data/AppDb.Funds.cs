using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Data;

public abstract partial class AppDb
{
    private static void ConfigureFunds(ModelBuilder b)
    {
        b.Entity<Fund>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.HeadHash).HasMaxLength(64);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.UnitId);
        });
        b.Entity<FundAccount>(e =>
        {
            e.Property(x => x.Bank).HasMaxLength(200);
            e.Property(x => x.Number).HasMaxLength(40);
            e.Property(x => x.Holder).HasMaxLength(200);
            e.HasOne(x => x.Fund).WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Appeal>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasOne<Fund>().WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AppealTarget>(e =>
        {
            e.HasKey(x => new { x.AppealId, x.UnitId });
            e.HasOne<Appeal>().WithMany().HasForeignKey(x => x.AppealId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<MoneyEntry>(e =>
        {
            foreach (var p in new[] { nameof(MoneyEntry.DonorName), nameof(MoneyEntry.DonorFolded), nameof(MoneyEntry.BeneficiaryName), nameof(MoneyEntry.InKindDescription), nameof(MoneyEntry.Earmark) })
                e.Property(p).HasMaxLength(300);
            e.Property(x => x.ReceiptNumber).HasMaxLength(50);
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.DonorAccount).HasMaxLength(40);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasOne<Fund>().WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.ToUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Appeal>().WithMany().HasForeignKey(x => x.AppealId).OnDelete(DeleteBehavior.Restrict);
            // The chain: one entry per sequence number; a fork cannot be stored.
            e.HasIndex(x => new { x.FundId, x.Seq }).IsUnique();
            // An entry is reversed at most once.
            e.HasIndex(x => x.ReversesId).IsUnique();
            // A resumed import never stores a row twice.
            e.HasIndex(x => new { x.ImportBatchId, x.ImportRow }).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.Date });
            // Public search, newest first: by exact amount, by date (and the plain list), by reference, by donor name within a
            // fund. On PostgreSQL the name and appeal ride along so a search reads the index only (FundQueries.PageAsync).
            e.HasIndex(x => new { x.FundId, x.Kind, x.Amount, x.Date, x.Id });
            e.HasIndex(x => new { x.FundId, x.Kind, x.Date, x.Id }).IncludeProperties(x => new { x.DonorFolded, x.AppealId });
            e.HasIndex(x => new { x.FundId, x.Kind, x.DonorFolded, x.Date, x.Id }).IncludeProperties(x => x.AppealId);
            e.HasIndex(x => new { x.FundId, x.Reference });
        });
        b.Entity<FundDonorName>(e =>
        {
            e.HasKey(x => new { x.FundId, x.Words, x.Folded });
            e.Property(x => x.Words).HasMaxLength(300);
            e.Property(x => x.Folded).HasMaxLength(300);
            // No foreign key: derived rows, written by the hundred thousand in an import, where a key check per row doubles the cost.
        });
        b.Entity<BankStatement>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.FileHash).HasMaxLength(64);
            e.Property(x => x.Layout).HasMaxLength(50);
            e.Property(x => x.ImportedBy).HasMaxLength(256);
            e.HasOne<Fund>().WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.FundId, x.FileHash }).IsUnique();
        });
        b.Entity<BankLine>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.CounterpartyName).HasMaxLength(300);
            e.Property(x => x.CounterpartyAccount).HasMaxLength(40);
            e.Property(x => x.LineKey).HasMaxLength(64);
            e.HasOne<BankStatement>().WithMany().HasForeignKey(x => x.StatementId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<MoneyEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.FundId, x.LineKey }).IsUnique();
            // A contribution is reconciled with at most one bank line.
            e.HasIndex(x => x.EntryId).IsUnique();
        });
        b.Entity<ImportBatch>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.FileHash).HasMaxLength(64);
            e.Property(x => x.Error).HasMaxLength(2000);
            e.Property(x => x.StartedBy).HasMaxLength(256);
            e.HasOne<Fund>().WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.FundId, x.Kind, x.FileHash }).IsUnique();
        });
    }
}
