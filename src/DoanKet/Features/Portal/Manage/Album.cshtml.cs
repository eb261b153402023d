using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;
using DoanKet.Features.Audit;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Manage;

/// <summary>
/// /cong-thong-tin/anh/moi and /cong-thong-tin/anh/{id}: a photo album of an event (title, date, description, photos with
/// captions), sent for review by writers and published, sent back or taken down by administrators of the unit. Every
/// photo is decoded and re-encoded (Files.ReadImageAsync), so nothing of the camera's metadata reaches the site.
/// </summary>
[RequestSizeLimit(Library.MaxPhotosPerUpload * StoredFile.MaxImageBytes + 1_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = Library.MaxPhotosPerUpload * StoredFile.MaxImageBytes + 1_000_000)]
public class AlbumModel(AppDb db, UnitScope scope, Publishing publishing) : PageModel
{
    public sealed class AlbumForm
    {
        public int UnitId { get; set; }
        public string? Title { get; set; }
        public DateOnly? EventOn { get; set; }
        public string? Description { get; set; }
        public List<IFormFile> Photos { get; set; } = [];
        /// <summary>The caption of the photos uploaded together.</summary>
        public string? Caption { get; set; }
        public long Version { get; set; }
    }

    public sealed record PhotoRow(int Id, int FileId, string? Caption, string Name, int? Width, int? Height);

    [BindProperty] public AlbumForm Input { get; set; } = new();

    public Album? Album { get; private set; }
    public Unit? Unit { get; private set; }
    public List<PhotoRow> Photos { get; private set; } = [];
    public List<Unit> Units { get; private set; } = [];
    public bool Writer { get; private set; }
    public bool Admin { get; private set; }
    public bool TakeDown { get; private set; }
    public List<AuditEntry> Audit { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is int existing)
        {
            if (!await LoadAsync(existing)) return NotFound();
            Fill();
            return Page();
        }
        if (!scope.IsWriter) return Forbid();
        await ChoicesAsync();
        return Page();
    }

    /// <summary>Saves the title, date and description; a new album may come with its first photos.</summary>
    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var e = new Dictionary<string, string[]>();
        Album? a = null;
        Unit? unit;
        if (id is int existing)
        {
            if (!await LoadAsync(existing)) return NotFound();
            (a, unit, var fail) = await publishing.ForEditAsync(db.Albums, existing, Input.Version);
            if (fail is { Status: 403 }) return Forbid();
            if (fail is not null) e[""] = [fail.Message];
        }
        else
        {
            if (!scope.IsWriter) return Forbid();
            (unit, var fail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
            if (fail is { Status: 403 }) return Forbid();
            if (fail is not null) RecordRules.Add(e, "UnitId", fail.Message);
            else if (unit!.Level == UnitLevel.ResidentialGroup) RecordRules.Add(e, "UnitId", "Album đăng trên cổng của xã, phường, tỉnh hoặc Trung ương: chọn đơn vị cấp đó.");
        }
        RecordRules.CheckLength(e, "Title", Input.Title, Domain.Portal.Album.MaxTitle, "tên album", required: true);
        if (Input.EventOn is not { } on) RecordRules.Add(e, "EventOn", "Nhập ngày diễn ra sự kiện.");
        else if (on > db.Clock.Today) RecordRules.Add(e, "EventOn", "Ngày diễn ra sự kiện không được sau hôm nay.");
        else if (on < Library.Earliest) RecordRules.Add(e, "EventOn", $"Ngày diễn ra sự kiện không được trước ngày thành lập Mặt trận ({Fmt.Date(Library.Earliest)}).");
        RecordRules.CheckLength(e, "Description", Input.Description, Domain.Portal.Album.MaxDescription, "mô tả");
        var files = id is null ? await ReadPhotosAsync(e, 0, required: false) : [];
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e);
            await ChoicesAsync();
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        // A new album's photos: files stored first, so the album is inserted with its photos in one audited change.
        if (files.Count > 0) await StoreAsync(files, unit!.Id, 0);
        a ??= db.Albums.Add(new Album { UnitId = unit!.Id, Title = "", CreatedAt = db.Clock.UtcNow, CreatedBy = scope.User.Identity?.Name }).Entity;
        (a.Title, a.EventOn) = (Input.Title!.Trim(), Input.EventOn!.Value);
        a.Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        a.Photos.AddRange(Captioned(files, a.Id, 1));
        if (!await publishing.SaveAsync(a, unit!))
        {
            ModelState.AddModelError("", RecordRules.Conflict);
            await ChoicesAsync();
            return Page();
        }
        if (files.Count > 0)
        {
            foreach (var f in files) f.OwnerId = a.Id;
            await db.SaveChangesAsync();
        }
        await tx.CommitAsync();
        await publishing.EvictAsync();
        TempData["Message"] = files.Count > 0 ? $"Đã lưu album với {files.Count} ảnh." : a.Status == PublishStatus.Published ? "Đã lưu; album trên cổng thông tin đã được cập nhật." : "Đã lưu album.";
        return Redirect($"/cong-thong-tin/anh/{a.Id}");
    }

    /// <summary>Adds photos (up to 20 at a time) with one caption: all of them or, when one is refused, none.</summary>
    public async Task<IActionResult> OnPostPhotosAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var e = new Dictionary<string, string[]>();
        var (a, unit, fail) = await publishing.ForEditAsync(db.Albums, id, Input.Version);
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null) e[""] = [fail.Message];
        RecordRules.CheckLength(e, "Caption", Input.Caption, Article.MaxCaption, "chú thích ảnh");
        var files = e.Count == 0 ? await ReadPhotosAsync(e, Photos.Count, required: true) : [];
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e);
            Fill(keepUpload: true);
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        await AddPhotosAsync(a!, files);
        if (!await TouchAndSaveAsync(a!, unit!)) return Page();
        await tx.CommitAsync();
        await publishing.EvictAsync();
        TempData["Message"] = $"Đã thêm {files.Count} ảnh.";
        return Redirect($"/cong-thong-tin/anh/{id}");
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(int id, int photoId)
    {
        if (!await LoadAsync(id)) return NotFound();
        var (a, unit, fail) = await publishing.ForEditAsync(db.Albums, id, Input.Version);
        if (fail is { Status: 403 }) return Forbid();
        var photo = fail is null ? await db.Photos.FirstOrDefaultAsync(p => p.Id == photoId && p.AlbumId == id) : null;
        if (fail is null && photo is null) return NotFound();
        if (fail is not null)
        {
            ModelState.AddModelError("", fail.Message);
            Fill();
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Photos.Remove(photo!);
        if (!await TouchAndSaveAsync(a!, unit!)) return Page();
        // A removed photo must not stay downloadable from a published album.
        await Files.RetireAsync(db, photo!.FileId);
        await tx.CommitAsync();
        await publishing.EvictAsync();
        TempData["Message"] = "Đã bỏ ảnh khỏi album.";
        return Redirect($"/cong-thong-tin/anh/{id}");
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, Publishing.Step? step) =>
        await AfterAsync(id, await LoadAsync(id) ? await publishing.MoveAsync(db.Albums, id, step, Input.Version) : null,
            step is { } s ? Publishing.Done(s) : "", $"/cong-thong-tin/anh/{id}");

    public async Task<IActionResult> OnPostDeleteAsync(int id) =>
        await AfterAsync(id, await LoadAsync(id) ? await publishing.DeleteAsync(db.Albums, id, Input.Version) : null, "Đã xóa album.", "/cong-thong-tin/anh");

    /// <summary>After a step or a delete: the next page, or this one again with the reason it was refused.</summary>
    private async Task<IActionResult> AfterAsync(int id, Fail? fail, string done, string next)
    {
        if (Album is null) return NotFound();
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null)
        {
            ModelState.AddModelError("", fail.Message);
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            Fill();
            return Page();
        }
        TempData["Message"] = done;
        return Redirect(next);
    }

    private async Task<List<StoredFile>> ReadPhotosAsync(Dictionary<string, string[]> e, int already, bool required)
    {
        var uploads = Input.Photos.Where(f => f.Length > 0).ToList();
        if (uploads.Count == 0)
        {
            if (required) RecordRules.Add(e, "Photos", "Chọn ảnh (.jpg, .png hoặc .webp) để tải lên.");
            return [];
        }
        if (uploads.Count > Library.MaxPhotosPerUpload)
        {
            RecordRules.Add(e, "Photos", $"Mỗi lần tải lên tối đa {Library.MaxPhotosPerUpload} ảnh: chọn ít ảnh hơn.");
            return [];
        }
        if (already + uploads.Count > Library.MaxPhotosPerAlbum)
        {
            RecordRules.Add(e, "Photos", $"Một album có tối đa {Library.MaxPhotosPerAlbum} ảnh; album đã có {already} ảnh.");
            return [];
        }
        var files = new List<StoredFile>();
        foreach (var upload in uploads)
        {
            var (file, error) = await Files.ReadImageAsync(upload, db.Clock.UtcNow);
            if (error is not null) RecordRules.Add(e, "Photos", $"“{Files.SafeName(upload.FileName)}”: {error}");
            else files.Add(file!);
        }
        return files;
    }

    /// <summary>Stores the files of an album's photos (inside the caller's transaction).</summary>
    private async Task StoreAsync(List<StoredFile> files, int unitId, int albumId)
    {
        foreach (var f in files)
        {
            (f.UnitId, f.OwnerKind, f.OwnerId, f.CreatedBy) = (unitId, "album", albumId, scope.User.Identity?.Name);
            db.StoredFiles.Add(f);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Photos of stored files, numbered from <paramref name="first"/>, with the caption typed for them.</summary>
    private IEnumerable<Photo> Captioned(List<StoredFile> files, int albumId, int first)
    {
        var caption = string.IsNullOrWhiteSpace(Input.Caption) ? null : Input.Caption.Trim();
        return files.Select((f, i) => new Photo { AlbumId = albumId, FileId = f.Id, Caption = caption, SortOrder = first + i });
    }

    /// <summary>Adds stored photos to an album after its last one (inside the caller's transaction, saved before its search entry is written).</summary>
    private async Task AddPhotosAsync(Album a, List<StoredFile> files)
    {
        await StoreAsync(files, a.UnitId, a.Id);
        var next = (await db.Photos.Where(p => p.AlbumId == a.Id).MaxAsync(p => (int?)p.SortOrder) ?? 0) + 1;
        db.Photos.AddRange(Captioned(files, a.Id, next));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Saves a change of the album's photos as a change of the album: its version moves (so a concurrent edit fails instead
    /// of both winning) and its search entry is rewritten with the captions.
    /// </summary>
    private async Task<bool> TouchAndSaveAsync(Album a, Unit unit)
    {
        db.Entry(a).Property(x => x.Version).IsModified = true;
        if (await publishing.SaveAsync(a, unit)) return true;
        ModelState.AddModelError("", RecordRules.Conflict);
        Fill();
        return false;
    }

    private async Task<bool> LoadAsync(int id)
    {
        var (a, u) = await RecordRules.ForReadAsync(db, scope, db.Albums, id, x => x.UnitId);
        if (a is null || a.DeletedAt is not null) return false;
        (Album, Unit) = (a, u);
        Writer = await publishing.CanEditAsync(a, u!);
        Admin = u!.ValidTo is null && await scope.CanAdministerAsync(u);
        TakeDown = await publishing.CanTakeDownAsync(a, u!);
        Photos = await db.Photos.AsNoTracking().Where(p => p.AlbumId == id).OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Join(db.StoredFiles, p => p.FileId, f => f.Id, (p, f) => new PhotoRow(p.Id, f.Id, p.Caption, f.Name, f.Width, f.Height))
            .ToListAsync();
        Audit = await AuditTrail.ForAsync(db, nameof(Domain.Portal.Album), id);
        return true;
    }

    /// <summary>The form as the album is now (after a refused change, so the page shows it, not empty inputs).</summary>
    private void Fill(bool keepUpload = false)
    {
        var a = Album!;
        ModelState.Remove("Input.Version");
        Input = new AlbumForm
        {
            UnitId = a.UnitId, Title = a.Title, EventOn = a.EventOn, Description = a.Description, Version = a.Version,
            Caption = keepUpload ? Input.Caption : null,
        };
    }

    private async Task ChoicesAsync()
    {
        var around = Input.UnitId > 0 ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == Input.UnitId) : null;
        Units = await RecordRules.WritableChoicesAsync(db, scope, around, u => u.Level != UnitLevel.ResidentialGroup);
    }
}
