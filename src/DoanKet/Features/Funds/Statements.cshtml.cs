using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Funds;

/// <summary>/quy/{id}/sao-ke: bank statements of a fund, and reconciliation of their lines with its contributions.</summary>
[RequestSizeLimit(BankStatements.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = BankStatements.MaxBytes + 64 * 1024)]
public class StatementsModel(AppDb db, UnitScope scope, BankStatements statements) : PageModel
{
    public const int Shown = 200;
    public Fund Fund { get; private set; } = null!;
    public List<BankStatement> Files { get; private set; } = [];
    public List<BankLine> Unmatched { get; private set; } = [];
    public int UnmatchedCount { get; private set; }
    public int MatchedCount { get; private set; }
    public ImportResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file, string? layout)
    {
        if (await LoadAsync(id) is { } r) return r;
        if (file is null || file.Length == 0) { ModelState.AddModelError("", "Chọn tệp sao kê (CSV hoặc XLSX)."); return Page(); }
        if (file.Length > BankStatements.MaxBytes) { ModelState.AddModelError("", "Tệp lớn hơn 20 MB: tách thành nhiều tệp theo khoảng ngày."); return Page(); }
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms);
        Result = await statements.ImportAsync(Fund, file.FileName, ms.ToArray(), layout ?? "", User.Identity?.Name ?? "?");
        foreach (var e in Result.Errors) ModelState.AddModelError("", e);
        if (Result.Errors.Count > 0) return Page();
        TempData["Message"] = Result.AlreadyOn is { } on
            ? $"Tệp này đã được nhập lúc {on}: không thêm dòng nào."
            : $"Đã nhập {Result.Lines:N0} dòng ({Result.NewLines:N0} dòng mới, {Result.Lines - Result.NewLines:N0} dòng đã có từ sao kê trước); tự động khớp {Result.Matched:N0} dòng.";
        return Redirect($"/quy/{id}/sao-ke");
    }

    public async Task<IActionResult> OnPostAutoAsync(int id)
    {
        if (await LoadAsync(id) is { } r) return r;
        TempData["Message"] = $"Đã tự động khớp thêm {await statements.AutoMatchAsync(id):N0} dòng.";
        return Redirect($"/quy/{id}/sao-ke");
    }

    public async Task<IActionResult> OnPostMatchAsync(int id, int lineId, int? seq)
    {
        if (await LoadAsync(id) is { } r) return r;
        var line = await db.BankLines.FirstOrDefaultAsync(l => l.Id == lineId && l.FundId == id);
        if (line is null) return NotFound();
        var error = seq is int s ? await statements.MatchAsync(line, s) : "Nhập số bút toán của khoản thu cần khớp.";
        if (error is not null) { ModelState.AddModelError("", error); return Page(); }
        TempData["Message"] = "Đã khớp dòng sao kê với khoản thu.";
        return Redirect($"/quy/{id}/sao-ke");
    }

    public async Task<IActionResult> OnPostRecordAsync(int id, int lineId)
    {
        if (await LoadAsync(id) is { } r) return r;
        var line = await db.BankLines.FirstOrDefaultAsync(l => l.Id == lineId && l.FundId == id);
        if (line is null) return NotFound();
        var (entry, error) = await statements.RecordAsync(line, Fund, User.Identity?.Name ?? "?");
        if (entry is null) { ModelState.AddModelError("", error!); return Page(); }
        TempData["Message"] = $"Đã ghi khoản thu số {entry.Seq} từ dòng sao kê.";
        return Redirect($"/quy/{id}/sao-ke");
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var (fund, fundUnit) = await FundRules.ReadableAsync(db, scope, id);
        if (fund is null) return NotFound();
        // Statements hold donors' full account numbers: only those who keep the fund's books see them.
        if (!await scope.CanWriteAsync(fundUnit!) || fundUnit!.ValidTo is not null) return Forbid();
        Fund = fund;
        Files = await db.BankStatements.AsNoTracking().Where(s => s.FundId == id).OrderByDescending(s => s.Id).Take(50).ToListAsync();
        var open = db.BankLines.AsNoTracking().Where(l => l.FundId == id && l.EntryId == null);
        UnmatchedCount = await open.CountAsync();
        MatchedCount = await db.BankLines.CountAsync(l => l.FundId == id && l.EntryId != null);
        Unmatched = await open.OrderBy(l => l.Date).ThenBy(l => l.Id).Take(Shown).ToListAsync();
        return null;
    }
}
