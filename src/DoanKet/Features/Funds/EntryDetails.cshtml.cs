using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Funds;

/// <summary>/quy/but-toan/{id}: one ledger entry, its hash, its reversal; and /bien-nhan, the printable receipt of a contribution.</summary>
public class EntryDetailsModel(AppDb db, UnitScope scope, FundLedger ledger) : PageModel
{
    public MoneyEntry Entry { get; private set; } = null!;
    public Fund Fund { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public Dictionary<int, string> Names { get; private set; } = [];
    public MoneyEntry? ReversedBy { get; private set; }
    public bool CanWrite { get; private set; }
    public BankLine? BankLine { get; private set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostReverseAsync(int id)
    {
        if (await LoadAsync(id) is { } r) return r;
        if (!CanWrite) return Forbid();
        var (reversal, error) = await ledger.ReverseAsync(Entry, Reason, User.Identity?.Name ?? "?", db.Clock.Today);
        if (reversal is null) { ModelState.AddModelError(nameof(Reason), error!); return Page(); }
        TempData["Message"] = "Đã ghi bút toán điều chỉnh. Nếu cần, ghi lại khoản đúng.";
        return Redirect($"/quy/but-toan/{reversal.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var (entry, unit) = await FundsApi.ReadableEntryAsync(db, scope, id);
        if (entry is null) return NotFound();
        (Entry, Unit) = (entry, unit!);
        Fund = await db.Funds.AsNoTracking().FirstAsync(f => f.Id == entry.FundId);
        CanWrite = await scope.CanWriteAsync(Unit) && Unit.ValidTo is null;
        ReversedBy = await db.MoneyEntries.AsNoTracking().FirstOrDefaultAsync(e => e.ReversesId == id);
        BankLine = await db.BankLines.AsNoTracking().FirstOrDefaultAsync(l => l.EntryId == id);
        int[] ids = [entry.UnitId, entry.ToUnitId ?? 0, entry.BeneficiaryGroupId ?? 0];
        Names = await RecordRules.UnitNamesAsync(db, ids);
        return null;
    }
}

public class ReceiptModel(AppDb db, UnitScope scope) : PageModel
{
    public MoneyEntry Entry { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public Fund Fund { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var (entry, unit) = await FundsApi.ReadableEntryAsync(db, scope, id);
        if (entry is null || entry.Kind != EntryKind.Contribution || entry.Amount <= 0) return NotFound();
        (Entry, Unit) = (entry, unit!);
        Fund = await db.Funds.AsNoTracking().FirstAsync(f => f.Id == entry.FundId);
        return Page();
    }
}
