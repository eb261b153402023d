using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Supervisions;
using DoanKet.Domain.Units;
using DoanKet.Features.Audit;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Supervisions;

/// <summary>/phan-bien/{id}: a draft's criticism or feedback — each comment and the drafting body's acceptance or explanation.</summary>
public class CriticismModel(AppDb db, UnitScope scope, RecordWriter writer) : PageModel
{
    [BindProperty] public CriticismInput Input { get; set; } = new();
    [BindProperty] public CommentInput Comment { get; set; } = new();

    public SocialCriticism Criticism { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public bool Writer { get; private set; }
    public List<CriticismComment> Comments { get; private set; } = [];
    public List<Unit> Writable { get; private set; } = [];
    public List<AuditEntry> Audit { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = CriticismInput.From(Criticism);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var (c, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.SocialCriticisms, id, x => x.UnitId, Input.Version);
        if (fail is { Status: 409 }) return Error(fail.Title);
        var e = fail?.Errors ?? [];
        var (unit, unitFail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
        if (unitFail is { Status: 403 }) return Forbid();
        foreach (var (k, v) in unitFail?.Errors ?? []) e[k] = v;
        if (unit is not null) foreach (var (k, v) in SupervisionRules.Validate(Input, unit, db.Clock.Today)) e[k] = v;
        if (Input.Date is { } d && Comments.Any(x => x.RespondedOn < d)) RecordRules.Add(e, "Date", "Ngày không được sau ngày cơ quan soạn thảo đã phản hồi ý kiến.");
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e);
            return Page();
        }
        SupervisionRules.Apply(c!, Input);
        if (!await RecordRules.SaveAsync(db, writer, c!)) return Error(RecordRules.Conflict);
        return Done(id, "Đã lưu.");
    }

    /// <summary>Adds a comment (CommentId 0) or records the drafting body's response to one.</summary>
    public async Task<IActionResult> OnPostCommentAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var isNew = Comment.CommentId == 0;
        var comment = isNew ? new CriticismComment { CriticismId = id, Content = "" }
            : await db.CriticismComments.FirstOrDefaultAsync(x => x.Id == Comment.CommentId && x.CriticismId == id);
        if (comment is null) return Error("Không tìm thấy ý kiến này.");
        var e = SupervisionRules.Validate(Comment, Criticism, isNew, db.Clock.Today);
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e, "Comment.");
            return Page();
        }
        if (await RecordRules.TouchAsync(db, db.SocialCriticisms, id, Criticism.Version) is not { } parent) return Error(RecordRules.Conflict);
        SupervisionRules.Apply(comment, Comment, isNew);
        if (isNew) db.CriticismComments.Add(comment);
        return await RecordRules.SaveAsync(db, writer, parent)
            ? Done(id, isNew ? "Đã ghi ý kiến." : "Đã ghi phản hồi của cơ quan soạn thảo.") : Error(RecordRules.Conflict);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id) => await ChangeAsync(id, restore: false);

    public async Task<IActionResult> OnPostRestoreAsync(int id) => await ChangeAsync(id, restore: true);

    private async Task<IActionResult> ChangeAsync(int id, bool restore)
    {
        if (!await LoadAsync(id)) return NotFound();
        var fail = await RecordRules.DeleteOrRestoreAsync(db, scope, writer, db.SocialCriticisms, id, x => x.UnitId, Input.Version, restore);
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null) return Error(fail.Message);
        return Done(id, restore ? "Đã khôi phục." : "Đã xóa: số liệu đã được tính lại; có thể khôi phục ngay trên trang này.");
    }

    private RedirectResult Done(int id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/phan-bien/{id}");
    }

    private PageResult Error(string message)
    {
        ModelState.AddModelError("", message);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var (c, u) = await RecordRules.ForReadAsync(db, scope, db.SocialCriticisms, id, x => x.UnitId);
        if (c is null) return false;
        (Criticism, Unit) = (c, u!);
        Writer = c.DeletedAt is null && u!.ValidTo is null && await scope.CanWriteAsync(u);
        Comments = await db.CriticismComments.AsNoTracking().Where(x => x.CriticismId == id).OrderBy(x => x.Id).ToListAsync();
        Writable = Writer ? await RecordRules.WritableChoicesAsync(db, scope, u, SupervisionRules.FitsUnit) : [];
        Audit = await AuditTrail.ForAsync(db, nameof(SocialCriticism), id);
        return true;
    }
}
