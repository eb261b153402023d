using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Funds;

/// <summary>/quy/{id}/nhap: Excel templates, uploads checked in full, imports running in the background with their progress.</summary>
[RequestSizeLimit(BankStatements.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = BankStatements.MaxBytes + 64 * 1024)]
public class ImportModel(AppDb db, UnitScope scope, FundImport import, ImportWorker worker) : PageModel
{
    public Fund Fund { get; private set; } = null!;
    public List<Unit> Units { get; private set; } = [];
    public List<Appeal> Appeals { get; private set; } = [];
    public sealed record BatchRow(string FileName, ImportKind Kind, DateTime StartedAt, string StartedBy, int Rows, int Done, ImportStatus Status, string? Error);
    public List<BatchRow> Batches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnGetTemplateAsync(int id, ImportKind kind)
    {
        if (await LoadAsync(id) is { } r) return r;
        return File(FundImport.Template(kind), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            kind == ImportKind.Contributions ? "mau-danh-sach-ung-ho.xlsx" : "mau-danh-sach-ho-tro.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(int id, ImportKind kind, int unitId, int? appealId, IFormFile? file)
    {
        if (await LoadAsync(id) is { } r) return r;
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, unitId);
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null || !UnitScope.Covers(await FundUnitAsync(), unit!)) { ModelState.AddModelError("", fail?.Title ?? "Chọn đơn vị thuộc quỹ."); return Page(); }
        if (!Enum.IsDefined(kind)) { ModelState.AddModelError("", "Chọn loại danh sách."); return Page(); }
        if (file is null || file.Length == 0) { ModelState.AddModelError("", "Chọn tệp Excel theo mẫu."); return Page(); }
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms);
        var check = await import.StartAsync(Fund, unit!, kind, appealId, file.FileName, ms.ToArray(), User.Identity?.Name ?? "?");
        foreach (var e in check.Errors) ModelState.AddModelError("", e);
        if (check.Batch is null) return Page();
        if (check.Already) TempData["Message"] = $"Tệp này đã được nhập ({Fmt.Time(check.Batch.StartedAt)}): không thêm gì.";
        else
        {
            worker.Enqueue(check.Batch.Id);
            TempData["Message"] = $"Đã kiểm tra {check.Batch.Rows:N0} dòng, đang nhập vào sổ quỹ.";
        }
        return Redirect($"/quy/{id}/nhap");
    }

    private Task<Unit> FundUnitAsync() => db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == Fund.UnitId);

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var (fund, fundUnit) = await FundRules.ReadableAsync(db, scope, id);
        if (fund is null) return NotFound();
        Fund = fund;
        Units = await RecordRules.WritableChoicesAsync(db, scope, null, u => UnitScope.Covers(fundUnit!, u));
        if (Units.Count == 0) return Forbid();
        Appeals = await db.Appeals.AsNoTracking().Where(a => a.FundId == id).OrderByDescending(a => a.StartDate).ToListAsync();
        var unitIds = Units.Select(u => u.Id).ToList();
        // Without the file's bytes: a list of uploads need not read them.
        Batches = await db.ImportBatches.AsNoTracking().Where(b => b.FundId == id && unitIds.Contains(b.UnitId)).OrderByDescending(b => b.Id).Take(20)
            .Select(b => new BatchRow(b.FileName, b.Kind, b.StartedAt, b.StartedBy, b.Rows, b.Done, b.Status, b.Error)).ToListAsync();
        if (Batches.Any(b => b.Status == ImportStatus.Running)) ViewData["Refresh"] = 2;
        return null;
    }
}
