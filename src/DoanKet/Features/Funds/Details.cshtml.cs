using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Funds;

/// <summary>/quy/{id}: a fund for a unit of its tree and a period: balances, appeals and their targets, the ledger's entries.</summary>
public class DetailsModel(AppDb db, UnitScope scope, FundLedger ledger) : PageModel
{
    public Fund Fund { get; private set; } = null!;
    public Unit FundUnit { get; private set; } = null!;
    public Unit View { get; private set; } = null!;
    public Period Period { get; private set; }
    public List<FundAccount> Accounts { get; private set; } = [];
    public List<Balance> Balances { get; private set; } = [];
    public List<AppealProgress> Appeals { get; private set; } = [];
    public List<MoneyEntry> Entries { get; private set; } = [];
    public HashSet<int> Reversed { get; private set; } = [];
    public Dictionary<int, string> UnitNames { get; private set; } = [];
    public int Total { get; private set; }
    public bool CanWrite { get; private set; }
    public bool CanWriteFund { get; private set; }
    public List<Unit> Children { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodId { get; set; }

    public sealed class AppealForm
    {
        public string? Name { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
        public long? Target { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public AppealForm NewAppeal { get; set; } = new();

    public sealed class FundForm
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public bool Public { get; set; }
        public string? Bank { get; set; }
        public string? AccountNumber { get; set; }
        public string? AccountHolder { get; set; }
    }

    [BindProperty] public FundForm Edit { get; set; } = new();

    public async Task<IActionResult> OnPostEditAsync(int id)
    {
        if (await LoadAsync(id, null) is { } r) return r;
        if (!CanWriteFund) return Forbid();
        var input = new FundInput(Fund.UnitId, Fund.Kind, Edit.Name, Edit.Description, Edit.Public, Edit.Bank, Edit.AccountNumber, Edit.AccountHolder);
        FormErrors.Add(ModelState, FundRules.ValidateFund(input), "Edit.");
        if (!ModelState.IsValid) return Page();
        await FundRules.UpdateFundAsync(db, Fund, input);
        TempData["Message"] = "Đã lưu thông tin quỹ.";
        return Redirect($"/quy/{id}");
    }

    public async Task<IActionResult> OnGetAsync(int id, int? unit) => await LoadAsync(id, unit) ?? Page();

    public async Task<IActionResult> OnPostAppealAsync(int id)
    {
        if (await LoadAsync(id, null) is { } r) return r;
        if (!CanWriteFund) return Forbid();
        var input = new AppealInput(NewAppeal.Name, NewAppeal.StartDate, NewAppeal.EndDate, NewAppeal.Target, NewAppeal.Note);
        FormErrors.Add(ModelState, FundRules.ValidateAppeal(input), "NewAppeal.");
        if (!ModelState.IsValid) return Page();
        await FundRules.CreateAppealAsync(db, Fund, input);
        TempData["Message"] = "Đã tạo đợt vận động.";
        return Redirect($"/quy/{id}");
    }

    /// <summary>Targets of the view unit's children for one appeal (form fields target-{unitId}).</summary>
    public async Task<IActionResult> OnPostTargetsAsync(int id, int? unit, int appealId)
    {
        if (await LoadAsync(id, unit) is { } r) return r;
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId && a.FundId == Fund.Id);
        if (appeal is null) return NotFound();
        var input = new List<TargetInput>();
        foreach (var c in Children)
        {
            var raw = Request.Form[$"target-{c.Id}"].ToString().Replace(".", "", StringComparison.Ordinal).Trim();
            if (raw.Length == 0) continue;
            if (!long.TryParse(raw, out var amount)) { ModelState.AddModelError("", $"Chỉ tiêu của {c.FullName} phải là số tiền (đồng)."); continue; }
            input.Add(new TargetInput(c.Id, amount));
        }
        if (!ModelState.IsValid) return Page();
        var errors = await FundRules.SetTargetsAsync(db, scope, appeal, FundUnit, input);
        if (errors is null) return Forbid();
        if (errors.Count > 0) { FormErrors.Add(ModelState, errors.ToDictionary(e => "", e => e.Value), ""); return Page(); }
        TempData["Message"] = "Đã giao chỉ tiêu cho các đơn vị trực thuộc.";
        return Redirect($"/quy/{id}?unit={View.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, int? unit)
    {
        var (fund, fundUnit) = await FundRules.ReadableAsync(db, scope, id);
        if (fund is null) return NotFound();
        (Fund, FundUnit) = (fund, fundUnit!);
        var view = await FundRules.ViewUnitAsync(db, scope, FundUnit, unit);
        if (view is null) return NotFound();
        View = view;
        if (!FundsApi.TryPeriod(PeriodId, db.Clock.Today, out var p))
        {
            ModelState.AddModelError("", "Kỳ không hợp lệ: dùng 2025, 2025Q3, 2025S1, 202507 hoặc 2025-01-01..2025-03-31.");
            p = Period.Year(db.Clock.Today.Year);
        }
        Period = p;
        CanWrite = await scope.CanWriteAsync(View) && View.ValidTo is null;
        CanWriteFund = await scope.CanWriteAsync(FundUnit) && FundUnit.ValidTo is null;
        if (Request.Method == "GET") Edit = new FundForm { Name = fund.Name, Description = fund.Description, Public = fund.Public };
        Accounts = await db.FundAccounts.AsNoTracking().Where(a => a.FundId == id).OrderBy(a => a.Id).ToListAsync();
        Balances = await ledger.BalancesAsync(id, View, p.From, p.To);
        Appeals = await FundQueries.AppealsAsync(db, id, View);
        Children = [.. (await db.Units.AsNoTracking().Where(u => u.ParentId == View.Id && u.ValidTo == null).ToListAsync()).OrderBy(u => FundQueries.NaturalKey(u.Name))];
        var q = db.MoneyEntries.AsNoTracking().Where(e => e.FundId == id && e.Date >= p.From && e.Date <= p.To).Under(db, View);
        if (Text.Fold(Q) is { Length: > 0 } folded)
        {
            var text = Q!.Trim();
            // Beneficiaries are searched by name only by those who see their names (else the search would reveal them).
            q = q.Where(e => e.DonorFolded!.Contains(folded) || CanWrite && e.BeneficiaryName!.Contains(text) || e.Reference == text || e.ReceiptNumber == text);
        }
        Total = await q.CountAsync();
        Entries = await q.OrderByDescending(e => e.Seq).Take(100).ToListAsync();
        var ids = Entries.Select(e => e.Id).ToList();
        Reversed = [.. await db.MoneyEntries.Where(e => e.ReversesId != null && ids.Contains(e.ReversesId.Value)).Select(e => e.ReversesId!.Value).ToListAsync()];
        var unitIds = Entries.Select(e => e.UnitId).Concat(Entries.Where(e => e.ToUnitId != null).Select(e => e.ToUnitId!.Value)).Distinct().ToList();
        UnitNames = await RecordRules.UnitNamesAsync(db, unitIds);
        return null;
    }

    /// <summary>Who and what, in one cell of the ledger list; beneficiaries' names only for those who write here.</summary>
    public string Describe(MoneyEntry e) => e.Kind switch
    {
        EntryKind.Contribution => $"{e.DonorName} — {MoneyEntry.ChannelLabel(e.Channel ?? Channel.Cash)}{(e.InKindDescription is { } d ? ": " + d : "")}",
        EntryKind.Allocation => "Phân bổ cho " + UnitNames.GetValueOrDefault(e.ToUnitId ?? 0, "?"),
        _ => $"{MoneyEntry.PurposeLabel(e.Purpose ?? Purpose.Support)}: {(e.BeneficiaryName is null ? "danh sách" : CanWrite ? e.BeneficiaryName : FundRules.ShortName(e.BeneficiaryName))}"
            + (e.Gifts != 0 ? $", {Fmt.Number(e.Gifts)} phần quà" : "") + (e.Households > 1 ? $", {Fmt.Number(e.Households)} hộ" : "") + (e.People > 1 ? $", {Fmt.Number(e.People)} người" : ""),
    };
}
