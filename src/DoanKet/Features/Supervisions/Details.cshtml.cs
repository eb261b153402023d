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

/// <summary>
/// /giam-sat/{id}: one supervision — its progress, sessions, findings and recommendations, each followed to a response and
/// a resolution; unresolved ones can be supervised again. Writers of its unit change it; the others read.
/// </summary>
public class DetailsModel(AppDb db, UnitScope scope, RecordWriter writer) : PageModel
{
    public sealed class SessionInput
    {
        public DateOnly? Date { get; set; }
        public string? Content { get; set; }
    }

    [BindProperty] public SupervisionInput Input { get; set; } = new();
    [BindProperty] public SessionInput Session { get; set; } = new();
    [BindProperty] public RecommendationInput Recommendation { get; set; } = new();
    [BindProperty] public ResponseInput Answer { get; set; } = new();

    public Supervision Supervision { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public bool Writer { get; private set; }
    public List<SupervisionSession> Sessions { get; private set; } = [];
    public List<Recommendation> Recommendations { get; private set; } = [];
    public Supervision? FollowUpOf { get; private set; }
    public List<Supervision> FollowUps { get; private set; } = [];
    public List<Unit> Writable { get; private set; } = [];
    public List<AuditEntry> Audit { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = SupervisionInput.From(Supervision);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var (s, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.Supervisions, id, x => x.UnitId, Input.Version);
        if (fail is { Status: 409 }) return Error(fail.Title);
        var e = fail?.Errors ?? [];
        // The unit can move within the account's units (a commune's committee to one of its boards' units…), never outside.
        var (unit, unitFail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
        if (unitFail is { Status: 403 }) return Forbid();
        foreach (var (k, v) in unitFail?.Errors ?? []) e[k] = v;
        if (unit is not null) foreach (var (k, v) in SupervisionRules.Validate(Input, unit, Recommendations.Count, db.Clock.Today)) e[k] = v;
        if (s is not null && Recommendations.Count > 0 && Input.StartedOn > Recommendations.Min(r => r.IssuedOn))
            RecordRules.Add(e, "StartedOn", "Ngày bắt đầu không được sau ngày của kiến nghị đã ghi.");
        if (e.Count > 0) return Invalid(e, "Input.");
        SupervisionRules.Apply(s!, Input);
        if (!await RecordRules.SaveAsync(db, writer, s!)) return Error(RecordRules.Conflict);
        return Done(id, "Đã lưu cuộc giám sát.");
    }

    public async Task<IActionResult> OnPostSessionAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var e = new Dictionary<string, string[]>();
        if (!Supervision.Counts) RecordRules.Add(e, "", "Cập nhật tình trạng “đang giám sát” và ngày bắt đầu trước khi ghi buổi làm việc.");
        else if (Session.Date is not { } d) RecordRules.Add(e, "Date", "Nhập ngày làm việc.");
        else if (d > db.Clock.Today || d < Supervision.StartedOn) RecordRules.Add(e, "Date", $"Ngày làm việc phải từ ngày bắt đầu giám sát ({Fmt.Date(Supervision.StartedOn!.Value)}) đến hôm nay.");
        RecordRules.CheckLength(e, "Content", Session.Content, 1000, "nội dung buổi làm việc", required: true);
        if (e.Count > 0) return Invalid(e, "Session.");
        db.SupervisionSessions.Add(new SupervisionSession { SupervisionId = id, Date = Session.Date!.Value, Content = Session.Content!.Trim() });
        await db.SaveChangesAsync();
        return Done(id, "Đã ghi buổi làm việc.");
    }

    public async Task<IActionResult> OnPostRecommendationAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var e = SupervisionRules.Validate(Recommendation, Supervision, db.Clock.Today);
        if (e.Count > 0) return Invalid(e, "Recommendation.");
        if (await RecordRules.TouchAsync(db, db.Supervisions, id, Supervision.Version) is not { } parent) return Error(RecordRules.Conflict);
        db.Recommendations.Add(new Recommendation
        {
            SupervisionId = id, Content = Recommendation.Content!.Trim(), Addressee = Recommendation.Addressee!.Trim(),
            IssuedOn = Recommendation.IssuedOn!.Value, DueDate = Recommendation.DueDate,
        });
        return await RecordRules.SaveAsync(db, writer, parent) ? Done(id, "Đã ghi kiến nghị.") : Error(RecordRules.Conflict);
    }

    public async Task<IActionResult> OnPostAnswerAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var r = await db.Recommendations.FirstOrDefaultAsync(x => x.Id == Answer.RecommendationId && x.SupervisionId == id);
        if (r is null) return Error("Không tìm thấy kiến nghị của cuộc giám sát này.");
        var e = SupervisionRules.Validate(Answer, r, db.Clock.Today);
        if (e.Count > 0) return Invalid(e, "Answer.");
        if (await RecordRules.TouchAsync(db, db.Supervisions, id, Supervision.Version) is not { } parent) return Error(RecordRules.Conflict);
        SupervisionRules.Apply(r, Answer);
        return await RecordRules.SaveAsync(db, writer, parent) ? Done(id, "Đã cập nhật kiến nghị.") : Error(RecordRules.Conflict);
    }

    /// <summary>Plans a new supervision of the recommendations that were not resolved.</summary>
    public async Task<IActionResult> OnPostFollowUpAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        if (!Recommendations.Any(r => r.Status == RecommendationStatus.Unresolved))
            return Error("Chỉ lập cuộc giám sát lại khi có kiến nghị chưa được giải quyết.");
        if (await db.Supervisions.AnyAsync(x => x.FollowUpOfId == id && x.Status != SupervisionStatus.Cancelled))
            return Error("Đã có cuộc giám sát lại cho cuộc giám sát này: mở cuộc đó để cập nhật.");
        var today = db.Clock.Today;
        var s = Supervision;
        var again = new Supervision
        {
            UnitId = s.UnitId, Year = today.Year, Board = s.Board, Role = SupervisionRole.Lead, Subject = s.Subject, Basis = s.Basis, Team = s.Team,
            Title = Shorten("Giám sát lại việc thực hiện kiến nghị: " + s.Title, 500), PlannedMonth = today.Month, Status = SupervisionStatus.Planned,
            FollowUpOfId = s.Id, CreatedAt = db.Clock.UtcNow, CreatedBy = User.Identity?.Name,
        };
        db.Supervisions.Add(again);
        await writer.SaveAsync(again);
        return Done(again.Id, "Đã lập cuộc giám sát lại trong kế hoạch: bổ sung đoàn và thời gian.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id) => await ChangeAsync(id, restore: false);

    public async Task<IActionResult> OnPostRestoreAsync(int id) => await ChangeAsync(id, restore: true);

    private async Task<IActionResult> ChangeAsync(int id, bool restore)
    {
        if (!await LoadAsync(id)) return NotFound();
        var fail = await RecordRules.DeleteOrRestoreAsync(db, scope, writer, db.Supervisions, id, x => x.UnitId, Input.Version, restore);
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null) return Error(fail.Message);
        return Done(id, restore ? "Đã khôi phục cuộc giám sát." : "Đã xóa cuộc giám sát: số liệu đã được tính lại; có thể khôi phục ngay trên trang này.");
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private RedirectResult Done(int id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/giam-sat/{id}");
    }

    private PageResult Invalid(Dictionary<string, string[]> e, string prefix)
    {
        FormErrors.Add(ModelState, e, prefix);
        return Page();
    }

    private PageResult Error(string message)
    {
        ModelState.AddModelError("", message);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var (s, u) = await RecordRules.ForReadAsync(db, scope, db.Supervisions, id, x => x.UnitId);
        if (s is null) return false;
        (Supervision, Unit) = (s, u!);
        Writer = s.DeletedAt is null && u!.ValidTo is null && await scope.CanWriteAsync(u);
        Sessions = await db.SupervisionSessions.AsNoTracking().Where(x => x.SupervisionId == id).OrderBy(x => x.Date).ThenBy(x => x.Id).ToListAsync();
        Recommendations = await db.Recommendations.AsNoTracking().Where(x => x.SupervisionId == id).OrderBy(x => x.IssuedOn).ThenBy(x => x.Id).ToListAsync();
        // Linked supervisions are named only where the account may read them (one may have moved to another unit).
        FollowUpOf = s.FollowUpOfId is int f ? await db.Supervisions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == f) : null;
        if (FollowUpOf is not null && !await scope.CanReadAsync(FollowUpOf.UnitId)) FollowUpOf = null;
        FollowUps = [];
        foreach (var x in await db.Supervisions.AsNoTracking().Where(x => x.FollowUpOfId == id).OrderBy(x => x.Id).Take(20).ToListAsync())
            if (await scope.CanReadAsync(x.UnitId)) FollowUps.Add(x);
        Writable = Writer ? await RecordRules.WritableChoicesAsync(db, scope, u, SupervisionRules.FitsUnit) : [];
        Audit = await AuditTrail.ForAsync(db, nameof(Domain.Supervisions.Supervision), id);
        return true;
    }
}
