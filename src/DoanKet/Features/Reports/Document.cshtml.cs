using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Reports;
using DoanKet.Domain.Units;
using DoanKet.Features.Audit;
using DoanKet.Features.Indicators;
using DoanKet.Features.News;
using DoanKet.Features.Records;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Reports;

/// <summary>
/// /bao-cao/van-ban/{id}: a unit's stored review report — the officers write its parts around the computed figures and
/// submit it; the level above approves or returns it; once sent, its figures are those it was sent with, compared with
/// the same figures computed today and restated onto today's units.
/// </summary>
public class DocumentModel(AppDb db, UnitScope scope, ReportWorkflow workflow, NewsWriter news) : PageModel
{
    public sealed class ProseForm
    {
        public string? Situation { get; set; }
        public string? Assessment { get; set; }
        public string? Tasks { get; set; }
        public string? Proposals { get; set; }
        public long Version { get; set; }
    }

    public const string Overtaken = "Báo cáo vừa được người khác sửa hoặc chuyển trạng thái: bản mới nhất hiển thị bên dưới, phần bạn vừa gõ vẫn giữ trong ô. Kiểm tra rồi bấm lại nếu vẫn muốn ghi.";

    [BindProperty] public ProseForm Input { get; set; } = new();
    [BindProperty] public string? Comment { get; set; }

    public ReviewReport Stored { get; private set; } = null!;
    public Report Report { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public bool Writer { get; private set; }
    public bool Reviewer { get; private set; }
    public DateOnly? Deadline { get; private set; }
    public List<Unit> Successors { get; private set; } = [];
    public List<ComparedFigure> Compared { get; private set; } = [];
    public List<AuditEntry> Audit { get; private set; } = [];

    public string Sources(string code) => FigureText.SourcesUrl(code, Unit.Id, Report.Period, FigureMode.Then);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new ProseForm { Situation = Stored.Situation, Assessment = Stored.Assessment, Tasks = Stored.Tasks, Proposals = Stored.Proposals, Version = Stored.Version };
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAsync(int id) =>
        await ActAsync(id, () => workflow.SaveProseAsync(Stored, Unit, Prose), "Đã lưu báo cáo.");

    private ProseInput Prose => new(Input.Situation, Input.Assessment, Input.Tasks, Input.Proposals, Input.Version);

    public async Task<IActionResult> OnPostSubmitAsync(int id) =>
        await ActAsync(id, () => workflow.SubmitAsync(Stored, Unit, Prose), "Đã nộp báo cáo lên cấp trên.");

    public async Task<IActionResult> OnPostApproveAsync(int id) =>
        await ActAsync(id, () => workflow.ApproveAsync(Stored, Unit, Comment, Input.Version), "Đã duyệt báo cáo: báo cáo được khóa.");

    public async Task<IActionResult> OnPostReturnAsync(int id) =>
        await ActAsync(id, () => workflow.ReturnAsync(Stored, Unit, Comment, Input.Version), "Đã trả lại báo cáo để đơn vị sửa.");

    /// <summary>Drafts a news article from the report for the public portal.</summary>
    public async Task<IActionResult> OnPostNewsAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var draft = await news.SaveAsync(NewsWriter.FromReport(Report, Stored));
        return Redirect($"/tin-bai/{draft.Id}");
    }

    public async Task<IActionResult> OnGetWordAsync(int id) =>
        await LoadAsync(id)
            ? File(ReportOutput.Word(Report, Stored.IssuedOn ?? db.Clock.Today), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileName("docx"))
            : NotFound();

    public async Task<IActionResult> OnGetExcelAsync(int id) =>
        await LoadAsync(id) ? File(ReportOutput.Excel(Report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx")) : NotFound();

    private string FileName(string ext) =>
        $"bao-cao-{(Stored.Number is int n ? n.ToString(CultureInfo.InvariantCulture) + "-" : "")}{Unit.Id.ToString(CultureInfo.InvariantCulture)}-{Stored.PeriodId}.{ext}";

    private async Task<IActionResult> ActAsync(int id, Func<Task<Fail?>> act, string done)
    {
        if (!await LoadAsync(id)) return NotFound();
        db.Attach(Stored);
        var fail = await act();
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null)
        {
            if (fail.Errors is { } e) FormErrors.Add(ModelState, e, e.ContainsKey("Comment") ? "" : "Input.");
            else ModelState.AddModelError("", fail.Status == 409 ? Overtaken : fail.Title);
            // The page shows the report as stored, with what was typed kept in the form (or the stored text when the
            // form sent none, e.g. the reviewer's).
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            if (!Request.Form.ContainsKey("Input.Situation"))
                (Input.Situation, Input.Assessment, Input.Tasks, Input.Proposals) = (Stored.Situation, Stored.Assessment, Stored.Tasks, Stored.Proposals);
            if (fail.Status == 409)
            {
                // Changed meanwhile: the form carries the current version, so a second click saves what was typed, knowingly.
                ModelState.Remove("Input.Version");
                Input.Version = Stored.Version;
            }
            return await ShowAsync();
        }
        TempData["Message"] = done;
        return Redirect($"/bao-cao/van-ban/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var stored = await db.ReviewReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        var unit = stored is null ? null : await UnitsApi.FindReadableAsync(stored.UnitId, db, scope);
        if (stored is null || unit is null) return false;
        (Stored, Unit) = (stored, unit);
        Writer = unit.ValidTo is null && await scope.CanWriteAsync(unit);
        Reviewer = await workflow.CanReviewAsync(unit);
        Report = await workflow.ViewAsync(stored, unit);
        Deadline = await workflow.DeadlineAsync(unit, stored.PeriodId);
        return true;
    }

    /// <summary>What only the page shows (not the downloads or a successful post): the comparison and the history.</summary>
    private async Task<PageResult> ShowAsync()
    {
        if (Stored.Snapshot is not null) (Successors, Compared) = await workflow.CompareAsync(Report);
        Audit = await AuditTrail.ForAsync(db, nameof(ReviewReport), Stored.Id);
        return Page();
    }
}
