using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Reports;
using DoanKet.Domain.Units;
using DoanKet.Features.Audit;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKet.Features.News;

/// <summary>/tin-bai/{id}: edit a news draft (title, lead, body) or delete it; readers of its unit see it, its writers change it.</summary>
public class EditModel(AppDb db, UnitScope scope, RecordWriter writer) : PageModel
{
    public sealed class DraftForm
    {
        public string? Title { get; set; }
        public string? Lead { get; set; }
        public string? Body { get; set; }
        public long Version { get; set; }
    }

    [BindProperty] public DraftForm Input { get; set; } = new();

    public NewsDraft Draft { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public bool Writer { get; private set; }
    public List<AuditEntry> Audit { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new DraftForm { Title = Draft.Title, Lead = Draft.Lead, Body = Draft.Body, Version = Draft.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var (d, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.NewsDrafts, id, x => x.UnitId, Input.Version);
        if (fail is { Status: 403 }) return Forbid();
        var e = fail?.Errors ?? [];
        if (fail is { Errors: null }) e[""] = [fail.Title];
        RecordRules.CheckLength(e, "Title", Input.Title, ReportLimits.Title, "tiêu đề", required: true);
        RecordRules.CheckLength(e, "Lead", Input.Lead, ReportLimits.Lead, "phần mở đầu (sapo)", required: true);
        RecordRules.CheckLength(e, "Body", Input.Body, ReportLimits.Body, "nội dung", required: true);
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e);
            return Page();
        }
        (d!.Title, d.Lead, d.Body) = (Input.Title!.Trim(), Input.Lead!.Trim(), Input.Body!.Trim().Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!await RecordRules.SaveAsync(db, writer, d))
        {
            ModelState.AddModelError("", RecordRules.Conflict);
            return Page();
        }
        TempData["Message"] = "Đã lưu tin bài.";
        return Redirect($"/tin-bai/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var fail = await RecordRules.DeleteAsync(db, scope, writer, db.NewsDrafts, id, x => x.UnitId, Input.Version);
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null)
        {
            ModelState.AddModelError("", fail.Message);
            return Page();
        }
        TempData["Message"] = "Đã xóa tin bài nháp.";
        return Redirect("/tin-bai");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var (d, u) = await RecordRules.ForReadAsync(db, scope, db.NewsDrafts, id, x => x.UnitId);
        if (d is null || d.DeletedAt is not null) return false;
        (Draft, Unit) = (d, u!);
        Writer = u!.ValidTo is null && await scope.CanWriteAsync(u);
        Audit = await AuditTrail.ForAsync(db, nameof(NewsDraft), id);
        return true;
    }
}
