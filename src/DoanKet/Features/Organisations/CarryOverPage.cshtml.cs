using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

public class CarryOverPageModel(AppDb db, UnitScope scope, CarryOver carryOver) : PageModel
{
    public Unit Unit { get; private set; } = null!;
    public OrganisationKind Kind { get; private set; }
    public List<OrganisationKind> Kinds { get; private set; } = [];
    public CarryOverPlan? Plan { get; private set; }
    public bool CanWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, OrganisationKind? kind)
    {
        if (!await LoadAsync(id, kind)) return NotFound();
        Plan = await carryOver.RunAsync(Unit, new CarryOverInput(Kind, [], Apply: false));
        foreach (var (k, v) in Plan.Errors) foreach (var m in v) ModelState.AddModelError("", m);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, OrganisationKind? kind, List<int> leavers)
    {
        if (!await LoadAsync(id, kind)) return NotFound();
        if (!CanWrite) return Forbid();
        Plan = await carryOver.RunAsync(Unit, new CarryOverInput(Kind, leavers, Apply: true));
        if (Plan.Errors.Count == 0)
        {
            TempData["Message"] = $"Đã kế thừa {Plan.Carried} người vào {Plan.Organisation}.";
            return Redirect($"/don-vi/{id}");
        }
        foreach (var (_, v) in Plan.Errors) foreach (var m in v) ModelState.AddModelError("", m);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, OrganisationKind? kind)
    {
        var unit = await UnitsApi.FindReadableAsync(id, db, scope);
        if (unit is null) return false;
        Unit = unit;
        CanWrite = await scope.CanWriteAsync(unit);
        var sources = await db.UnitLineages.Where(e => e.ToUnitId == id).Select(e => e.FromUnitId).ToListAsync();
        Kinds = await db.Organisations.Where(o => sources.Contains(o.UnitId)).Select(o => o.Kind).Distinct().OrderBy(k => k).ToListAsync();
        Kind = kind ?? Kinds.FirstOrDefault();
        return true;
    }
}
