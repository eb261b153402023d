using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Funds;

/// <summary>/quy/{id}/ghi?loai=thu|chi|phan-bo: writes one contribution, disbursement or allocation to the fund's ledger.</summary>
public class EntryFormModel(AppDb db, UnitScope scope, FundLedger ledger) : PageModel
{
    public Fund Fund { get; private set; } = null!;
    public Unit FundUnit { get; private set; } = null!;
    public List<Unit> Units { get; private set; } = [];
    public List<Unit> Below { get; private set; } = [];
    public List<Unit> Groups { get; private set; } = [];
    public List<Appeal> Appeals { get; private set; } = [];

    public sealed class FormInput
    {
        public EntryKind Kind { get; set; }
        public int UnitId { get; set; }
        public DateOnly? Date { get; set; }
        public long? Amount { get; set; }
        public int? AppealId { get; set; }
        public Channel? Channel { get; set; }
        public DonorType? DonorType { get; set; }
        public string? DonorName { get; set; }
        public string? ReceiptNumber { get; set; }
        public string? Reference { get; set; }
        public string? DonorAccount { get; set; }
        public string? InKindDescription { get; set; }
        public int? Quantity { get; set; }
        public string? Earmark { get; set; }
        public int? ToUnitId { get; set; }
        public Purpose? Purpose { get; set; }
        public string? BeneficiaryName { get; set; }
        public int? BeneficiaryGroupId { get; set; }
        public BeneficiaryCategory? Category { get; set; }
        public int? Households { get; set; }
        public int? People { get; set; }
        public int? Gifts { get; set; }
        public int? Houses { get; set; }
        public string? Note { get; set; }

        public EntryInput ToInput() => new(Kind, UnitId, Date, Amount, AppealId, Channel, DonorType, DonorName, ReceiptNumber, Reference, DonorAccount,
            InKindDescription, Quantity, Earmark, ToUnitId, Purpose, BeneficiaryName, BeneficiaryGroupId, Category, Households, People, Gifts, Houses, Note);
    }

    [BindProperty] public FormInput Input { get; set; } = new();

    public static EntryKind KindOf(string? loai) => loai switch { "chi" => EntryKind.Disbursement, "phan-bo" => EntryKind.Allocation, _ => EntryKind.Contribution };

    public string Title => Input.Kind switch
    {
        EntryKind.Contribution => "Ghi thu: đóng góp, ủng hộ",
        EntryKind.Allocation => "Phân bổ cho đơn vị cấp dưới",
        _ => "Ghi chi hỗ trợ",
    };

    public async Task<IActionResult> OnGetAsync(int id, string? loai, int? unit)
    {
        Input.Kind = KindOf(loai);
        Input.Date = db.Clock.Today;
        Input.Channel = Channel.Cash;
        Input.DonorType = DonorType.Individual;
        Input.Purpose = Purpose.Support;
        if (await LoadAsync(id, unit) is { } r) return r;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id, null) is { } r) return r;
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null) { FormErrors.Add(ModelState, fail.Errors!); return Page(); }
        var (errors, entry) = await FundRules.ValidateEntryAsync(db, Fund, FundUnit, unit!, Input.ToInput(), User.Identity?.Name ?? "?");
        FormErrors.Add(ModelState, errors);
        if (!ModelState.IsValid || entry is null) return Page();
        await ledger.AppendAsync(Fund.Id, [entry]);
        TempData["Message"] = entry.Kind == EntryKind.Contribution ? "Đã ghi khoản thu vào sổ quỹ. In biên nhận cho người ủng hộ nếu cần." : "Đã ghi vào sổ quỹ.";
        return Redirect($"/quy/but-toan/{entry.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, int? unit)
    {
        var (fund, fundUnit) = await FundRules.ReadableAsync(db, scope, id);
        if (fund is null) return NotFound();
        (Fund, FundUnit) = (fund, fundUnit!);
        if (!scope.IsWriter) return Forbid();
        var around = unit is int uid ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == uid) : null;
        Units = [.. (await RecordRules.WritableChoicesAsync(db, scope, around, u => UnitScope.Covers(FundUnit, u)))
            .Where(u => Input.Kind != EntryKind.Allocation || u.Level != UnitLevel.ResidentialGroup)];
        if (Units.Count == 0) return Forbid();
        if (Input.UnitId == 0) Input.UnitId = Units.FirstOrDefault(u => u.Id == around?.Id)?.Id ?? Units[0].Id;
        var root = Units.FirstOrDefault(u => u.Id == Input.UnitId) ?? Units[0];
        var (lo, hi) = UnitScope.PathRange(root.Path);
        var below = await db.Units.AsNoTracking().Where(u => u.ValidTo == null && u.Id != root.Id && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0)
            .OrderBy(u => u.Path).Take(500).ToListAsync();
        Below = below;
        Groups = [.. below.Where(u => u.Level == UnitLevel.ResidentialGroup)];
        if (root.Level == UnitLevel.ResidentialGroup) Groups.Insert(0, root);
        Appeals = await db.Appeals.AsNoTracking().Where(a => a.FundId == id).OrderByDescending(a => a.StartDate).ToListAsync();
        return null;
    }
}
