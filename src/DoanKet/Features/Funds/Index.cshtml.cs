using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Funds;

/// <summary>/quy: the funds the account sees (its units' and those above it), and a form to open a fund.</summary>
public class IndexModel(AppDb db, UnitScope scope) : PageModel
{
    /// <summary>Balance is null for a fund of a unit above the account's: its whole total is not the account's to see.</summary>
    public sealed record Row(Fund Fund, string UnitName, long? Balance);

    public List<Row> Funds { get; private set; } = [];
    public List<Unit> Writable { get; private set; } = [];

    public sealed class FormInput
    {
        public int UnitId { get; set; }
        public FundKind Kind { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public bool Public { get; set; } = true;
        public string? Bank { get; set; }
        public string? AccountNumber { get; set; }
        public string? AccountHolder { get; set; }
        public FundInput ToInput() => new(UnitId, Kind, Name, Description, Public, Bank, AccountNumber, AccountHolder);
    }

    [BindProperty] public FormInput Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null) FormErrors.Add(ModelState, fail.Errors!);
        else
        {
            FormErrors.Add(ModelState, FundRules.ValidateFund(Input.ToInput()));
            if (ModelState.IsValid)
            {
                var fund = await FundRules.CreateFundAsync(db, unit!, Input.ToInput());
                TempData["Message"] = "Đã mở quỹ.";
                return Redirect($"/quy/{fund.Id}");
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var funds = await (await FundRules.VisibleAsync(db, scope)).AsNoTracking().OrderBy(f => f.UnitId).ThenBy(f => f.Name).ToListAsync();
        var ids = funds.Select(f => f.UnitId).Distinct().ToList();
        var names = await RecordRules.UnitNamesAsync(db, ids);
        var readable = (await (await scope.ReadableAsync(db.Units.IgnoreQueryFilters())).Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync()).ToHashSet();
        var own = funds.Where(f => readable.Contains(f.UnitId)).ToList();
        var sums = await FundQueries.InOutAsync(db, [.. own.Select(f => f.Id)]);
        Funds = [.. funds.Select(f => new Row(f, names.GetValueOrDefault(f.UnitId, "?"),
            readable.Contains(f.UnitId) ? sums.GetValueOrDefault(f.Id).In - sums.GetValueOrDefault(f.Id).Out : null))];
        Writable = await RecordRules.WritableChoicesAsync(db, scope, null, u => u.Level != UnitLevel.ResidentialGroup);
        if (Input.UnitId == 0) Input.UnitId = Writable.FirstOrDefault()?.Id ?? 0;
    }
}
