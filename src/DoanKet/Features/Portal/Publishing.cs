using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal;

/// <summary>
/// The one workflow of everything the portal publishes: writers draft and send for review; administrators of the unit
/// publish, send back or take down. Each step writes the search entry in the same save and empties the portal's
/// output cache, so a published page is never served stale after the step.
/// </summary>
public sealed class Publishing(AppDb db, UnitScope scope, IOutputCacheStore cache)
{
    public enum Step { Submit, Publish, Return, Unpublish }

    public const string CacheTag = "portal";
    public const string AdminOnly = "Chỉ quản trị đơn vị (hoặc cấp trên) được đăng, trả lại hoặc gỡ bài trên cổng thông tin.";

    public const string PublishedAdminOnly = "Bài đã đăng trên cổng: chỉ quản trị đơn vị sửa hoặc xóa được. Đề nghị quản trị gỡ xuống để sửa.";

    /// <summary>Output caching of the public portal: five minutes at most, emptied by every publishing step.</summary>
    public static void Configure(OutputCacheOptions o) =>
        o.AddPolicy(CacheTag, b => b.Expire(TimeSpan.FromMinutes(5)).Tag(CacheTag));

    /// <summary>
    /// An item about to be edited or deleted (see <see cref="RecordRules.ForWriteAsync"/>): while it is published, only
    /// administrators of its unit may change it — a writer's change would go live without review.
    /// </summary>
    public async Task<(T? Item, Unit? Unit, Fail? Fail)> ForEditAsync<T>(IQueryable<T> set, int id, long? version) where T : class, IPublishable
    {
        var (item, unit, fail) = await RecordRules.ForWriteAsync(db, scope, set, id, x => x.UnitId, version);
        if (fail is null && item!.Status == PublishStatus.Published && !await scope.CanAdministerAsync(unit!)) return (null, null, new Fail(403, PublishedAdminOnly));
        return (item, unit, fail);
    }

    /// <summary>May the account change this item now (the page shows its form)?</summary>
    public async Task<bool> CanEditAsync(IPublishable item, Unit unit) =>
        unit.ValidTo is null && await scope.CanWriteAsync(unit) && (item.Status != PublishStatus.Published || await scope.CanAdministerAsync(unit));

    /// <summary>
    /// May the account take the item down? Its unit's administrators, and — once the unit has ended (merged, split) —
    /// administrators whose scope holds it or the unit its work went to, so a mistake never stays public for good.
    /// </summary>
    public async Task<bool> CanTakeDownAsync(IPublishable item, Unit unit) =>
        item.Status == PublishStatus.Published && scope.IsAdmin
        && (unit.ValidTo is null ? await scope.CanAdministerAsync(unit) : (await scope.HomeAsync()) is { ValidTo: null } && await scope.CanReadAsync(unit.Id));

    /// <summary>What a page says after a step.</summary>
    public static string Done(Step step) => step switch
    {
        Step.Submit => "Đã gửi duyệt.",
        Step.Publish => "Đã đăng lên cổng thông tin.",
        Step.Return => "Đã trả lại để sửa.",
        _ => "Đã gỡ khỏi cổng thông tin.",
    };

    public async Task<Fail?> MoveAsync<T>(IQueryable<T> set, int id, Step? requested, long? version) where T : class, IPublishable
    {
        if (requested is not { } step || !Enum.IsDefined(step)) return new Fail(400, "Thao tác không hợp lệ.");
        if (step == Step.Unpublish) return await TakeDownAsync(set, id, version);
        var (item, unit, fail) = await RecordRules.ForWriteAsync(db, scope, set, id, x => x.UnitId, version);
        if (fail is not null) return fail;
        var admin = await scope.CanAdministerAsync(unit!);
        if (step != Step.Submit && !admin) return new Fail(403, AdminOnly);
        var (from, to) = (item!.Status, step switch
        {
            Step.Submit => PublishStatus.InReview,
            Step.Publish => PublishStatus.Published,
            Step.Return => PublishStatus.Draft,
            _ => PublishStatus.Unpublished,
        });
        var allowed = step switch
        {
            Step.Submit => from is PublishStatus.Draft or PublishStatus.Unpublished,
            Step.Publish => from != PublishStatus.Published,
            Step.Return => from == PublishStatus.InReview,
            _ => from == PublishStatus.Published,
        };
        if (!allowed) return new Fail(409, $"Bài đang ở trạng thái “{PortalLabels.Status(from)}”: không thể chuyển sang “{PortalLabels.Status(to)}”. Tải lại trang.");
        item.Status = to;
        if (to == PublishStatus.Published)
        {
            item.PublishedAt ??= db.Clock.UtcNow;
            item.PublishedBy = scope.User.Identity?.Name;
        }
        return await SaveAsync(item, unit!) ? null : new Fail(409, RecordRules.Conflict);
    }

    /// <summary>Deletes (soft) an item; a published one is taken down in the same save, so its search entry goes with it.</summary>
    public async Task<Fail?> DeleteAsync<T>(IQueryable<T> set, int id, long? version) where T : class, IPublishable
    {
        var (item, unit, fail) = await ForEditAsync(set, id, version);
        if (fail is not null) return fail;
        if (item!.Status == PublishStatus.Published) item.Status = PublishStatus.Unpublished;
        db.Remove(item); // soft: the interceptor sets DeletedAt
        return await SaveAsync(item, unit!) ? null : new Fail(409, RecordRules.Conflict);
    }

    private async Task<Fail?> TakeDownAsync<T>(IQueryable<T> set, int id, long? version) where T : class, IPublishable
    {
        var (item, unit) = await RecordRules.ForReadAsync(db, scope, set, id, x => x.UnitId);
        if (item is null || item.DeletedAt is not null) return new Fail(404, "Không tìm thấy.");
        if (item.Status != PublishStatus.Published) return new Fail(409, $"Bài đang ở trạng thái “{PortalLabels.Status(item.Status)}”: không có gì để gỡ. Tải lại trang.");
        if (!await CanTakeDownAsync(item, unit!)) return new Fail(403, AdminOnly);
        if (version != item.Version) return new Fail(409, RecordRules.Conflict);
        db.Attach(item);
        item.Status = PublishStatus.Unpublished;
        return await SaveAsync(item, unit!) ? null : new Fail(409, RecordRules.Conflict);
    }

    /// <summary>
    /// Saves an item (new, edited or moved) with its search entry: written while it is published, removed otherwise.
    /// False when someone else changed it meanwhile (nothing saved).
    /// </summary>
    public async Task<bool> SaveAsync(IPublishable item, Unit unit)
    {
        if (item.Id == 0) await db.SaveChangesAsync(); // the entry's address needs the id
        await IndexAsync(db, item, unit);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        // Inside a caller's transaction the cache is emptied after its commit (EvictAsync), or a visitor in between
        // would put the old page back in it.
        if (db.Database.CurrentTransaction is null) await EvictAsync();
        return true;
    }

    public async Task EvictAsync() => await cache.EvictByTagAsync(CacheTag, default);

    public static string KindOf(IPublishable item) => item switch
    {
        Article => "article",
        PublicDocument => "document",
        _ => "album",
    };

    public static string UrlOf(IPublishable item, Unit unit) => Sites.Url(unit) + item switch
    {
        Article a => "/tin/" + a.Id.ToString(CultureInfo.InvariantCulture) + "-" + Sites.Words(Domain.Text.Fold(a.Title)),
        PublicDocument d => "/van-ban/" + d.Id.ToString(CultureInfo.InvariantCulture),
        _ => "/anh/" + item.Id.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Stages an item's search entry: written while it is published, removed otherwise. The one place that says what of an
    /// item is searchable (also for the demo and the benchmark, which publish without the workflow).
    /// </summary>
    public static async Task IndexAsync(AppDb db, IPublishable item, Unit unit)
    {
        var kind = KindOf(item);
        if (item.Status == PublishStatus.Published && item.DeletedAt is null && db.Entry(item).State != EntityState.Deleted)
        {
            var (title, text, url) = await EntryAsync(db, item, unit);
            await SearchIndex.PutAsync(db, kind, item.Id, item.UnitId, title, text, url, item.PublishedAt ?? db.Clock.UtcNow);
        }
        else await SearchIndex.RemoveAsync(db, kind, item.Id);
    }

    private static async Task<(string Title, string Text, string Url)> EntryAsync(AppDb db, IPublishable item, Unit unit)
    {
        var url = UrlOf(item, unit);
        switch (item)
        {
            case Article a:
                return (a.Title, a.Lead + "\n" + SearchIndex.PlainText(a.Body), url);
            case PublicDocument d:
                return ($"{PortalLabels.DocumentType(d.Type)} số {d.Number}: {d.Title}", string.Join("\n", new[] { d.Signer, d.Summary, d.Text }.Where(s => !string.IsNullOrWhiteSpace(s))), url);
            case Album al:
                // As the save will leave them: photos removed in this change are out, added ones in.
                var removed = db.ChangeTracker.Entries<Photo>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToList();
                var captions = await db.Photos.Where(p => p.AlbumId == al.Id && p.Caption != null && !removed.Contains(p.Id)).Select(p => p.Caption!).ToListAsync();
                captions.AddRange(db.ChangeTracker.Entries<Photo>().Where(e => e.State == EntityState.Added && e.Entity.AlbumId == al.Id && e.Entity.Caption != null).Select(e => e.Entity.Caption!));
                return (al.Title, string.Join("\n", captions.Prepend(al.Description ?? "")), url);
            default:
                throw new ArgumentOutOfRangeException(nameof(item));
        }
    }
}
