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
/// /cong-thong-tin/tin/{id?}: write a news article for a unit's public site (new, from a news draft with ?tu-nhap=, or
/// an existing one), send it for review, and — for administrators of the unit — publish, send back or take it down.
/// </summary>
public class ArticleModel(AppDb db, UnitScope scope, Publishing publishing) : PageModel
{
    public sealed class ArticleForm
    {
        public int UnitId { get; set; }
        public string? Title { get; set; }
        public string? Lead { get; set; }
        public string? Body { get; set; }
        public ArticleCategory Category { get; set; }
        public string? Author { get; set; }
        public string? CoverCaption { get; set; }
        public bool RemoveCover { get; set; }
        public IFormFile? Cover { get; set; }
        public int? NewsDraftId { get; set; }
        public long Version { get; set; }
    }

    [BindProperty] public ArticleForm Input { get; set; } = new();

    public Article? Article { get; private set; }
    public Unit? Unit { get; private set; }
    public List<Unit> Units { get; private set; } = [];
    public bool Writer { get; private set; }
    public bool Admin { get; private set; }
    public bool TakeDown { get; private set; }
    public List<AuditEntry> Audit { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, [FromQuery(Name = "tu-nhap")] int? draftId)
    {
        if (id is int existing)
        {
            if (!await LoadAsync(existing)) return NotFound();
            Fill();
            return Page();
        }
        if (!scope.IsWriter) return Forbid();
        // The author line readers see: the account's name, not its e-mail.
        var userId = scope.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        Input.Author = await db.Users.Where(u => u.Id == userId).Select(u => u.FullName).FirstOrDefaultAsync();
        if (draftId is int d)
        {
            var (draft, unit) = await RecordRules.ForReadAsync(db, scope, db.NewsDrafts, d, x => x.UnitId);
            if (draft is null || draft.DeletedAt is not null) return NotFound();
            (Input.UnitId, Input.Title, Input.Lead, Input.Body, Input.NewsDraftId) = (unit!.Id, draft.Title, draft.Lead, ArticleHtml.Clean(draft.Body), draft.Id);
            Input.Category = ArticleCategory.Activity;
        }
        await ChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var e = new Dictionary<string, string[]>();
        Article? a = null;
        Unit? unit;
        if (id is int existing)
        {
            if (!await LoadAsync(existing)) return NotFound();
            (a, unit, var fail) = await publishing.ForEditAsync(db.Articles, existing, Input.Version);
            if (fail is { Status: 403 }) return Forbid();
            if (fail is not null) e[""] = [fail.Message];
        }
        else
        {
            if (!scope.IsWriter) return Forbid();
            (unit, var fail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
            if (fail is { Status: 403 }) return Forbid();
            if (fail is not null) RecordRules.Add(e, "UnitId", fail.Message);
            else if (unit!.Level == UnitLevel.ResidentialGroup) RecordRules.Add(e, "UnitId", "Tin bài đăng trên cổng của xã, phường, tỉnh hoặc Trung ương: chọn đơn vị cấp đó.");
            if (Input.NewsDraftId is int d && !await db.NewsDrafts.AnyAsync(x => x.Id == d && x.UnitId == Input.UnitId)) RecordRules.Add(e, "NewsDraftId", "Không tìm thấy tin bài nháp của đơn vị này.");
        }
        var body = ArticleHtml.Clean(Input.Body);
        RecordRules.CheckLength(e, "Title", Input.Title, Domain.Portal.Article.MaxTitle, "tiêu đề", required: true);
        RecordRules.CheckLength(e, "Lead", Input.Lead, Domain.Portal.Article.MaxLead, "phần mở đầu (sapo)", required: true);
        if (!string.IsNullOrWhiteSpace(Input.Body) && body.Length == 0) RecordRules.Add(e, "Body", "Nội dung chỉ có mã không được phép (script, style…): hãy nhập văn bản.");
        else RecordRules.CheckLength(e, "Body", body, Domain.Portal.Article.MaxBody, "nội dung", required: true);
        RecordRules.CheckLength(e, "Author", Input.Author, Domain.Portal.Article.MaxAuthor, "tác giả");
        RecordRules.CheckLength(e, "CoverCaption", Input.CoverCaption, Domain.Portal.Article.MaxCaption, "chú thích ảnh");
        if (!Enum.IsDefined(Input.Category)) RecordRules.Add(e, "Category", "Chọn chuyên mục.");
        StoredFile? cover = null;
        if (Input.Cover is { Length: > 0 })
        {
            (cover, var error) = await Files.ReadImageAsync(Input.Cover, db.Clock.UtcNow);
            if (error is not null) RecordRules.Add(e, "Cover", error);
        }
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e);
            await ChoicesAsync();
            return Page();
        }
        a ??= db.Articles.Add(new Article { UnitId = unit!.Id, Title = "", Lead = "", Body = "", NewsDraftId = Input.NewsDraftId, CreatedAt = db.Clock.UtcNow, CreatedBy = scope.User.Identity?.Name }).Entity;
        (a.Title, a.Lead, a.Body, a.Category) = (Input.Title!.Trim(), Input.Lead!.Trim().Replace("\r\n", "\n", StringComparison.Ordinal), body, Input.Category);
        a.Author = string.IsNullOrWhiteSpace(Input.Author) ? null : Input.Author.Trim();
        a.CoverCaption = string.IsNullOrWhiteSpace(Input.CoverCaption) ? null : Input.CoverCaption.Trim();
        await using var tx = await db.Database.BeginTransactionAsync();
        // A replaced or removed cover must not stay downloadable while the article is published.
        if ((Input.RemoveCover || cover is not null) && a.CoverFileId is int oldCover)
        {
            await Files.RetireAsync(db, oldCover);
            a.CoverFileId = null;
        }
        if (cover is not null)
        {
            if (a.Id == 0) await db.SaveChangesAsync();
            (cover.UnitId, cover.OwnerKind, cover.OwnerId, cover.CreatedBy) = (a.UnitId, "article", a.Id, scope.User.Identity?.Name);
            db.StoredFiles.Add(cover);
            await db.SaveChangesAsync();
            a.CoverFileId = cover.Id;
        }
        if (!await publishing.SaveAsync(a, unit!))
        {
            ModelState.AddModelError("", RecordRules.Conflict);
            await ChoicesAsync();
            return Page();
        }
        await tx.CommitAsync();
        await publishing.EvictAsync();
        TempData["Message"] = a.Status == PublishStatus.Published ? "Đã lưu; bài trên cổng thông tin đã được cập nhật." : "Đã lưu tin bài.";
        return Redirect($"/cong-thong-tin/tin/{a.Id}");
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, Publishing.Step? step) =>
        await AfterAsync(id, await LoadAsync(id) ? await publishing.MoveAsync(db.Articles, id, step, Input.Version) : null,
            step is { } s ? Publishing.Done(s) : "", $"/cong-thong-tin/tin/{id}");

    public async Task<IActionResult> OnPostDeleteAsync(int id) =>
        await AfterAsync(id, await LoadAsync(id) ? await publishing.DeleteAsync(db.Articles, id, Input.Version) : null, "Đã xóa tin bài.", "/cong-thong-tin");

    /// <summary>After a step or a delete: the next page, or this one again with the reason it was refused.</summary>
    private async Task<IActionResult> AfterAsync(int id, Fail? fail, string done, string next)
    {
        if (Article is null) return NotFound();
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
        var (a, u) = await RecordRules.ForReadAsync(db, scope, db.Articles, id, x => x.UnitId);
        if (a is null || a.DeletedAt is not null) return false;
        (Article, Unit) = (a, u);
        Writer = await publishing.CanEditAsync(a, u!);
        Admin = u!.ValidTo is null && await scope.CanAdministerAsync(u);
        TakeDown = await publishing.CanTakeDownAsync(a, u!);
        Audit = await AuditTrail.ForAsync(db, nameof(Domain.Portal.Article), id);
        return true;
    }

    /// <summary>The form as the article is now (also after a refused step, so the page does not show empty inputs).</summary>
    private void Fill()
    {
        var a = Article!;
        ModelState.Remove("Input.Version");
        Input = new ArticleForm
        {
            UnitId = a.UnitId, Title = a.Title, Lead = a.Lead, Body = a.Body, Category = a.Category, Author = a.Author,
            CoverCaption = a.CoverCaption, NewsDraftId = a.NewsDraftId, Version = a.Version,
        };
    }

    private async Task ChoicesAsync()
    {
        var around = Input.UnitId > 0 ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == Input.UnitId) : null;
        Units = await RecordRules.WritableChoicesAsync(db, scope, around, u => u.Level != UnitLevel.ResidentialGroup);
    }
}
