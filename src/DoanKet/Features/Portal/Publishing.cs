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

    /// <summary>Output caching of the public portal: five minutes at most, emptied by every publishing step.</summary>
    public static void Configure(OutputCacheOptions o) =>
        o.AddPolicy(CacheTag, b => b.Expire(TimeSpan.FromMinutes(5)).Tag(CacheTag));

    public async Task<Fail?> MoveAsync<T>(IQueryable<T> set, int id, Step step, long? version) where T : class, IPublishable
    {
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
            item.PublishedAt ??= DateTime.UtcNow;
            item.PublishedBy = scope.User.Identity?.Name;
        }
        return await SaveAsync(item, unit!) ? null : new Fail(409, RecordRules.Conflict);
    }

    /// <summary>
    /// Saves an item (new, edited or moved) with its search entry: written while it is published, removed otherwise.
    /// False when someone else changed it meanwhile (nothing saved).
    /// </summary>
    public async Task<bool> SaveAsync(IPublishable item, Unit unit)
    {
        if (item.Id == 0) await db.SaveChangesAsync(); // the entry's address needs the id
        var kind = KindOf(item);
        if (item.Status == PublishStatus.Published && item.DeletedAt is null && db.Entry(item).State != EntityState.Deleted)
        {
            var (title, text, url) = await EntryAsync(item, unit);
            await SearchIndex.PutAsync(db, kind, item.Id, item.UnitId, title, text, url, item.PublishedAt ?? DateTime.UtcNow);
        }
        else await SearchIndex.RemoveAsync(db, kind, item.Id);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        await cache.EvictByTagAsync(CacheTag, default);
        return true;
    }

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

    private async Task<(string Title, string Text, string Url)> EntryAsync(IPublishable item, Unit unit)
    {
        var url = UrlOf(item, unit);
        switch (item)
        {
            case Article a:
                return (a.Title, a.Lead + "\n" + SearchIndex.PlainText(a.Body), url);
            case PublicDocument d:
                return ($"{PortalLabels.DocumentType(d.Type)} số {d.Number}: {d.Title}", string.Join("\n", new[] { d.Signer, d.Summary, d.Text }.Where(s => !string.IsNullOrWhiteSpace(s))), url);
            case Album al:
                var captions = await db.Photos.Where(p => p.AlbumId == al.Id && p.Caption != null).Select(p => p.Caption!).ToListAsync();
                return (al.Title, string.Join("\n", captions.Prepend(al.Description ?? "")), url);
            default:
                throw new ArgumentOutOfRangeException(nameof(item));
        }
    }
}
