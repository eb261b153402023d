using System.Security.Claims;
using System.Text.Json;
using DoanKet.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace DoanKet.Data;

/// <summary>
/// Writes who/when/what/before/after for every change of an <see cref="IAudited"/> record, turns
/// deletes of <see cref="ISoftDeletable"/> records into soft deletes, and bumps <see cref="IVersioned"/>.
/// Inserts get their audit row after the ids exist, inside the same transaction.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http) : SaveChangesInterceptor
{
    /// <summary>Who acts when there is no HTTP request (command-line verbs, demo loader).</summary>
    public static readonly AsyncLocal<string?> Actor = new();

    private sealed class Pending
    {
        public List<EntityEntry> Added { get; } = [];
        public IDbContextTransaction? OwnTransaction { get; set; }
        public bool Flushing { get; set; }
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        var db = eventData.Context!;
        var p = _pending.GetOrCreateValue(db);
        if (p.Flushing) return result;
        var now = ((AppDb)db).Clock.UtcNow;
        var (userId, userName) = Who();
        // The ledger is append-only: a correction is a reversing entry (DESIGN.md §5).
        if (db.ChangeTracker.Entries<Domain.Funds.MoneyEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Money entries are append-only; write a reversing entry instead.");
        // An approved report is locked: its snapshot is what the upper level accepted.
        if (db.ChangeTracker.Entries<Domain.Reports.ReviewReport>().Any(e => e.State is EntityState.Modified or EntityState.Deleted
                && e.Property(x => x.Status).OriginalValue == Domain.Reports.ReportStatus.Approved))
            throw new InvalidOperationException("An approved report is locked.");
        foreach (var e in db.ChangeTracker.Entries().Where(e => e.Entity is IAudited).ToList())
        {
            switch (e.State)
            {
                case EntityState.Added:
                    p.Added.Add(e);
                    break;
                case EntityState.Deleted when e.Entity is ISoftDeletable sd:
                    e.State = EntityState.Modified;
                    sd.DeletedAt = now;
                    sd.DeletedBy = userName;
                    Bump(e);
                    db.Add(Entry(e, "Delete", now, userId, userName));
                    break;
                case EntityState.Deleted:
                    db.Add(Entry(e, "Delete", now, userId, userName));
                    break;
                case EntityState.Modified:
                    Bump(e);
                    var restored = e.Entity is ISoftDeletable && e.Property(nameof(ISoftDeletable.DeletedAt)) is { IsModified: true, OriginalValue: not null, CurrentValue: null };
                    db.Add(Entry(e, restored ? "Restore" : "Update", now, userId, userName));
                    break;
            }
        }
        if (p.Added.Count > 0 && db.Database.CurrentTransaction is null)
            p.OwnTransaction = await db.Database.BeginTransactionAsync(ct);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        var db = eventData.Context!;
        if (!_pending.TryGetValue(db, out var p) || p.Flushing) return result;
        try
        {
            if (p.Added.Count > 0)
            {
                var (userId, userName) = Who();
                var now = ((AppDb)db).Clock.UtcNow;
                foreach (var e in p.Added) db.Add(Entry(e, "Insert", now, userId, userName));
                p.Added.Clear();
                p.Flushing = true;
                await db.SaveChangesAsync(ct);
            }
            if (p.OwnTransaction is not null) await p.OwnTransaction.CommitAsync(ct);
        }
        finally
        {
            await Reset(db, p);
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        var db = eventData.Context!;
        if (_pending.TryGetValue(db, out var p) && !p.Flushing)
        {
            if (p.OwnTransaction is not null) await p.OwnTransaction.RollbackAsync(ct);
            await Reset(db, p);
        }
    }

    // Only framework stores (data-protection keys) save synchronously; domain records must use the async path.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context!.ChangeTracker.Entries().Any(e => e.Entity is IAudited && e.State != EntityState.Unchanged)
            ? throw new InvalidOperationException("Use SaveChangesAsync for audited records.")
            : result;

    private async Task Reset(DbContext db, Pending p)
    {
        if (p.OwnTransaction is not null) await p.OwnTransaction.DisposeAsync();
        _pending.Remove(db);
    }

    private static void Bump(EntityEntry e)
    {
        if (e.Entity is IVersioned v)
            v.Version = (long)e.Property(nameof(IVersioned.Version)).OriginalValue! + 1;
    }

    private (string? Id, string Name) Who()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated == true)
            return (user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity.Name ?? "?");
        return (null, Actor.Value ?? "hệ thống");
    }

    private static AuditEntry Entry(EntityEntry e, string action, DateTime now, string? userId, string userName) => new()
    {
        At = now,
        UserId = userId,
        UserName = userName,
        Entity = e.Metadata.ClrType.Name,
        EntityId = ((IAudited)e.Entity).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Action = action,
        Before = action == "Insert" ? null : Json(e, original: true),
        After = action == "Delete" && e.Entity is not ISoftDeletable ? null : Json(e, original: false),
    };

    private static string Json(EntityEntry e, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var prop in e.Properties)
        {
            if (prop.Metadata.Name is "NameFolded" or "ContentFolded") continue;
            if (prop.Metadata.PropertyInfo?.IsDefined(typeof(NotAuditedAttribute), false) == true) continue;
            var value = original ? prop.OriginalValue : prop.CurrentValue;
            // A petitioner's identity is not copied into the trail, so erasing it on request erases it everywhere.
            values[prop.Metadata.Name] = prop.Metadata.Name.StartsWith("Petitioner", StringComparison.Ordinal) && value is not null ? "•••" : value;
        }
        return JsonSerializer.Serialize(values, JsonOpts);
    }

    private static readonly JsonSerializerOptions JsonOpts = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
