using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

/// <summary>Roster in Excel: download the members or a template; upload, check every row, then confirm.</summary>
public class RosterModel(AppDb db, UnitScope scope, Registry registry, RosterExcel roster, UserManager<AppUser> users) : PageModel
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public Organisation Organisation { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public bool CanWrite { get; private set; }
    public RosterCheck? Check { get; private set; }
    public Guid? UploadId { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(int id, DateOnly? at)
    {
        if (!await LoadAsync(id)) return NotFound();
        var date = at ?? db.Clock.Today;
        var members = await registry.MembersAsync(id, date);
        return File(RosterExcel.Export(members), Xlsx, $"danh-sach-{id}-{date:yyyyMMdd}.xlsx");
    }

    public async Task<IActionResult> OnGetTemplateAsync(int id) =>
        await LoadAsync(id) ? File(RosterExcel.Template(), Xlsx, "mau-danh-sach.xlsx") : NotFound();

    public async Task<IActionResult> OnPostCheckAsync(int id, IFormFile? file)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CanWrite) return Forbid();
        if (file is null || file.Length == 0) ModelState.AddModelError("file", "Chọn tệp .xlsx để nhập.");
        else if (file.Length > 5 * 1024 * 1024) ModelState.AddModelError("file", "Tệp quá 5 MB; hãy chia nhỏ.");
        else if (!file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError("file", "Chỉ nhận tệp Excel .xlsx (theo mẫu tải về).");
        if (!ModelState.IsValid) return Page();
        using var ms = new MemoryStream();
        await file!.CopyToAsync(ms);
        Check = await roster.CheckAsync(new MemoryStream(ms.ToArray()), Organisation, Unit);
        if (Check.Valid.Count > 0)
        {
            // Old drafts of this account are dropped: one pending upload per person is enough.
            var userId = users.GetUserId(User)!;
            await db.RosterUploads.Where(u => u.UserId == userId).ExecuteDeleteAsync();
            var upload = new RosterUpload { Id = Guid.NewGuid(), UserId = userId, OrganisationId = id, FileName = Path.GetFileName(file.FileName), Content = ms.ToArray(), CreatedAt = db.Clock.UtcNow };
            db.RosterUploads.Add(upload);
            await db.SaveChangesAsync();
            UploadId = upload.Id;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(int id, Guid uploadId)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CanWrite) return Forbid();
        var userId = users.GetUserId(User);
        var upload = await db.RosterUploads.FirstOrDefaultAsync(u => u.Id == uploadId && u.UserId == userId && u.OrganisationId == id);
        if (upload is null)
        {
            ModelState.AddModelError("", "Không còn tệp đã kiểm tra (có thể đã nhập rồi). Tải tệp lên lại.");
            return Page();
        }
        // Checked again: the roster may have changed since the preview.
        var check = await roster.CheckAsync(new MemoryStream(upload.Content), Organisation, Unit);
        var added = await roster.ImportAsync(check, Organisation, Unit, registry);
        db.RosterUploads.Remove(upload);
        await db.SaveChangesAsync();
        Message = $"Đã nhập {added} dòng từ {upload.FileName}; bỏ qua {check.AlreadyThere.Count} dòng đã có và {check.Errors.Count} dòng lỗi.";
        return RedirectToPage("/Organisations/Details", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var (org, unit) = await OrganisationRules.FindReadableAsync(db, scope, id);
        if (org is null) return false;
        (Organisation, Unit) = (org, unit!);
        CanWrite = unit!.ValidTo is null && await scope.CanWriteAsync(unit);
        return true;
    }
}
