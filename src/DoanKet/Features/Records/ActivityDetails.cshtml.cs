using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Audit;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

/// <summary>One activity: counts, organisers, photos (served only within the scope), history.</summary>
public class ActivityDetailsModel(AppDb db, UnitScope scope) : PageModel
{
    public sealed record PhotoInfo(int Id, string? Caption);

    public Activity Activity { get; private set; } = null!;
    public ActivityKind Kind { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public List<(Organisation Organisation, bool Lead)> Organisers { get; private set; } = [];
    public List<PhotoInfo> Photos { get; private set; } = [];
    public bool CanWrite { get; private set; }
    public List<AuditEntry> Audit { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>A photo of this activity, to those who may read the activity; the type is the one sniffed at upload.</summary>
    public async Task<IActionResult> OnGetPhotoAsync(int id, int photoId)
    {
        var (a, _) = await RecordRules.ForReadAsync(db, scope, db.Activities, id, x => x.UnitId);
        if (a is null) return NotFound();
        var photo = await db.ActivityPhotos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.ActivityId == id);
        if (photo is null) return NotFound();
        Response.Headers.CacheControl = "private, max-age=86400";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return File(photo.Bytes, photo.ContentType);
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? photo, string? caption)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!await scope.CanWriteAsync(Unit)) return Forbid();
        if (!CanWrite) return Error(Unit.ValidTo is not null ? RecordRules.EndedUnit : "Hoạt động đã bị xóa: khôi phục trước khi thêm ảnh.");
        if (Photos.Count >= ActivityPhoto.MaxPerActivity) return Error($"Mỗi hoạt động có tối đa {ActivityPhoto.MaxPerActivity} ảnh: xóa bớt ảnh cũ trước.");
        if (photo is null || photo.Length == 0) return Error("Chọn một ảnh để tải lên.");
        if (photo.Length > ActivityPhoto.MaxBytes) return Error("Ảnh lớn hơn 2 MB: thu nhỏ ảnh rồi tải lên lại.");
        if (caption?.Trim().Length > 300) return Error("Chú thích ảnh dài tối đa 300 ký tự.");
        using var ms = new MemoryStream();
        await using (var stream = photo.OpenReadStream()) await stream.CopyToAsync(ms);
        var bytes = ms.ToArray();
        // The bytes decide, not the file name or the type the browser claimed.
        var type = ActivityPhoto.Sniff(bytes);
        if (type is null) return Error($"Tệp “{Path.GetFileName(photo.FileName)}” không phải ảnh JPEG, PNG hoặc WebP.");
        db.ActivityPhotos.Add(new ActivityPhoto
        {
            ActivityId = id, ContentType = type, Bytes = bytes, CreatedAt = db.Clock.UtcNow,
            Caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim(),
        });
        await db.SaveChangesAsync();
        Message = "Đã thêm ảnh.";
        return Redirect($"/cong-viec/hoat-dong/{id}");
    }

    public async Task<IActionResult> OnPostDeletePhotoAsync(int id, int photoId)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!await scope.CanWriteAsync(Unit)) return Forbid();
        if (!CanWrite) return Error(Unit.ValidTo is not null ? RecordRules.EndedUnit : "Hoạt động đã bị xóa: khôi phục trước khi sửa ảnh.");
        var photo = await db.ActivityPhotos.FirstOrDefaultAsync(p => p.Id == photoId && p.ActivityId == id);
        if (photo is null) return NotFound();
        db.ActivityPhotos.Remove(photo);
        await db.SaveChangesAsync();
        Message = "Đã xóa ảnh.";
        return Redirect($"/cong-viec/hoat-dong/{id}");
    }

    private PageResult Error(string message)
    {
        ModelState.AddModelError("", message);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var (a, u) = await RecordRules.ForReadAsync(db, scope, db.Activities.Include(x => x.Organisers), id, x => x.UnitId);
        if (a is null) return false;
        (Activity, Unit) = (a, u!);
        Kind = await db.ActivityKinds.AsNoTracking().FirstAsync(k => k.Id == a.KindId);
        var orgIds = a.Organisers.Select(o => o.OrganisationId).ToList();
        var orgs = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
        Organisers = [.. a.Organisers.OrderByDescending(o => o.Lead).Where(o => orgs.ContainsKey(o.OrganisationId)).Select(o => (orgs[o.OrganisationId], o.Lead))];
        Photos = await db.ActivityPhotos.AsNoTracking().Where(p => p.ActivityId == id).OrderBy(p => p.Id).Select(p => new PhotoInfo(p.Id, p.Caption)).ToListAsync();
        CanWrite = a.DeletedAt is null && u!.ValidTo is null && await scope.CanWriteAsync(u);
        Audit = await AuditTrail.ForAsync(db, nameof(Domain.Records.Activity), id);
        return true;
    }
}
