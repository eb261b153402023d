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
/// /cong-thong-tin/van-ban/moi and /cong-thong-tin/van-ban/{id}: a document of the library (number and symbol, type,
/// date, signer, summary, the PDF or DOCX itself), sent for review by writers and published, sent back or taken down by
/// administrators of the unit.
/// </summary>
[RequestSizeLimit(StoredFile.MaxDocumentBytes + 1_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = StoredFile.MaxDocumentBytes + 1_000_000)]
public class DocumentModel(AppDb db, UnitScope scope, Publishing publishing) : PageModel
{
    public sealed class DocumentForm
    {
        public int UnitId { get; set; }
        public string? Number { get; set; }
        public DocumentType Type { get; set; }
        public DateOnly? IssuedOn { get; set; }
        public string? Title { get; set; }
        public string? Signer { get; set; }
        public string? Summary { get; set; }
        public IFormFile? Upload { get; set; }
        public long Version { get; set; }
    }

    public sealed record Attached(int Id, string Name, string ContentType, long Size);

    [BindProperty] public DocumentForm Input { get; set; } = new();

    public PublicDocument? Document { get; private set; }
    public Unit? Unit { get; private set; }
    public Attached? Attachment { get; private set; }
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

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var e = new Dictionary<string, string[]>();
        PublicDocument? d = null;
        Unit? unit;
        if (id is int existing)
        {
            if (!await LoadAsync(existing)) return NotFound();
            (d, unit, var fail) = await publishing.ForEditAsync(db.PublicDocuments, existing, Input.Version);
            if (fail is { Status: 403 }) return Forbid();
            if (fail is not null) e[""] = [fail.Message];
        }
        else
        {
            if (!scope.IsWriter) return Forbid();
            (unit, var fail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
            if (fail is { Status: 403 }) return Forbid();
            if (fail is not null) RecordRules.Add(e, "UnitId", fail.Message);
            else if (unit!.Level == UnitLevel.ResidentialGroup) RecordRules.Add(e, "UnitId", "Văn bản đăng trên cổng của xã, phường, tỉnh hoặc Trung ương: chọn đơn vị cấp đó.");
        }
        RecordRules.CheckLength(e, "Number", Input.Number, PublicDocument.MaxNumber, "số, ký hiệu văn bản", required: true);
        if (!string.IsNullOrWhiteSpace(Input.Number) && !e.ContainsKey("Number") && !Input.Number.Contains('/', StringComparison.Ordinal))
            RecordRules.Add(e, "Number", "Số, ký hiệu gồm số và ký hiệu cách nhau bởi dấu “/”, ví dụ 12/BC-MTTQ.");
        if (!Enum.IsDefined(Input.Type)) RecordRules.Add(e, "Type", "Chọn loại văn bản.");
        if (Input.IssuedOn is not { } issued) RecordRules.Add(e, "IssuedOn", "Nhập ngày ban hành.");
        else if (issued > db.Clock.Today) RecordRules.Add(e, "IssuedOn", "Ngày ban hành không được sau hôm nay.");
        else if (issued < Library.Earliest) RecordRules.Add(e, "IssuedOn", $"Ngày ban hành không được trước ngày thành lập Mặt trận ({Fmt.Date(Library.Earliest)}).");
        RecordRules.CheckLength(e, "Title", Input.Title, PublicDocument.MaxTitle, "trích yếu (văn bản về việc gì)", required: true);
        RecordRules.CheckLength(e, "Signer", Input.Signer, PublicDocument.MaxSigner, "người ký");
        RecordRules.CheckLength(e, "Summary", Input.Summary, PublicDocument.MaxSummary, "tóm tắt");
        StoredFile? file = null;
        string? text = null;
        if (id is null || Input.Upload is { Length: > 0 })
        {
            (file, text, var error) = await Files.ReadDocumentAsync(Input.Upload, db.Clock.UtcNow);
            if (error is not null) RecordRules.Add(e, "Upload", error);
        }
        var number = Input.Number?.Trim();
        if (e.Count == 0 && await db.PublicDocuments.AnyAsync(x => x.UnitId == unit!.Id && x.Number == number && x.IssuedOn.Year == Input.IssuedOn!.Value.Year && x.Id != (id ?? 0)))
            RecordRules.Add(e, "Number", $"Đơn vị đã có văn bản số {number} trong năm {Input.IssuedOn!.Value.Year}: sửa văn bản đã có.");
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e);
            await ChoicesAsync();
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        if (file is not null)
        {
            // Stored first, so a new document is inserted with its file in one audited change.
            (file.UnitId, file.OwnerKind, file.OwnerId, file.CreatedBy) = (unit!.Id, "document", d?.Id ?? 0, scope.User.Identity?.Name);
            db.StoredFiles.Add(file);
            await db.SaveChangesAsync();
        }
        d ??= db.PublicDocuments.Add(new PublicDocument { UnitId = unit!.Id, Number = "", Title = "", CreatedAt = db.Clock.UtcNow, CreatedBy = scope.User.Identity?.Name }).Entity;
        (d.Number, d.Type, d.IssuedOn, d.Title) = (number!, Input.Type, Input.IssuedOn!.Value, Input.Title!.Trim());
        d.Signer = string.IsNullOrWhiteSpace(Input.Signer) ? null : Input.Signer.Trim();
        d.Summary = string.IsNullOrWhiteSpace(Input.Summary) ? null : Input.Summary.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        if (file is not null)
        {
            // The replaced file must not stay downloadable while the document is published.
            if (d.FileId is int old) await Files.RetireAsync(db, old);
            (d.FileId, d.Text) = (file.Id, text);
        }
        if (!await publishing.SaveAsync(d, unit!))
        {
            ModelState.AddModelError("", RecordRules.Conflict);
            await ChoicesAsync();
            return Page();
        }
        if (file is { OwnerId: 0 })
        {
            file.OwnerId = d.Id;
            await db.SaveChangesAsync();
        }
        await tx.CommitAsync();
        await publishing.EvictAsync();
        TempData["Message"] = d.Status == PublishStatus.Published ? "Đã lưu; văn bản trên cổng thông tin đã được cập nhật." : "Đã lưu văn bản.";
        return Redirect($"/cong-thong-tin/van-ban/{d.Id}");
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, Publishing.Step? step) =>
        await AfterAsync(id, await LoadAsync(id) ? await publishing.MoveAsync(db.PublicDocuments, id, step, Input.Version) : null,
            step is { } s ? Publishing.Done(s) : "", $"/cong-thong-tin/van-ban/{id}");

    public async Task<IActionResult> OnPostDeleteAsync(int id) =>
        await AfterAsync(id, await LoadAsync(id) ? await publishing.DeleteAsync(db.PublicDocuments, id, Input.Version) : null, "Đã xóa văn bản.", "/cong-thong-tin/van-ban");

    /// <summary>After a step or a delete: the next page, or this one again with the reason it was refused.</summary>
    private async Task<IActionResult> AfterAsync(int id, Fail? fail, string done, string next)
    {
        if (Document is null) return NotFound();
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

    private async Task<bool> LoadAsync(int id)
    {
        var (d, u) = await RecordRules.ForReadAsync(db, scope, db.PublicDocuments, id, x => x.UnitId);
        if (d is null || d.DeletedAt is not null) return false;
        (Document, Unit) = (d, u);
        Writer = await publishing.CanEditAsync(d, u!);
        Admin = u!.ValidTo is null && await scope.CanAdministerAsync(u);
        TakeDown = await publishing.CanTakeDownAsync(d, u!);
        Attachment = d.FileId is int f
            ? await db.StoredFiles.AsNoTracking().Where(x => x.Id == f).Select(x => new Attached(x.Id, x.Name, x.ContentType, x.Size)).FirstOrDefaultAsync()
            : null;
        Audit = await AuditTrail.ForAsync(db, nameof(PublicDocument), id);
        return true;
    }

    /// <summary>The form as the document is now (after a refused step, so the page shows it, not empty inputs).</summary>
    private void Fill()
    {
        var d = Document!;
        ModelState.Remove("Input.Version");
        Input = new DocumentForm
        {
            UnitId = d.UnitId, Number = d.Number, Type = d.Type, IssuedOn = d.IssuedOn, Title = d.Title, Signer = d.Signer,
            Summary = d.Summary, Version = d.Version,
        };
    }

    private async Task ChoicesAsync()
    {
        var around = Input.UnitId > 0 ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == Input.UnitId) : null;
        Units = await RecordRules.WritableChoicesAsync(db, scope, around, u => u.Level != UnitLevel.ResidentialGroup);
    }
}
