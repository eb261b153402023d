using DoanKet.Data;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKet.Features.Indicators;

/// <summary>
/// The targets of one unit and how far it has come (/so-lieu/chi-tieu/{unitId}): what an upper level
/// reads in a working session with a commune. Readable by the unit's own accounts and the levels above.
/// </summary>
public class TargetsModel(AppDb db, UnitScope scope, Figures figures) : PageModel
{
    public Unit Unit { get; private set; } = null!;
    public List<TargetLine> Lines { get; private set; } = [];
    public List<string> Uncomputed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int unitId)
    {
        var unit = await UnitsApi.FindReadableAsync(unitId, db, scope);
        if (unit is null) return NotFound();
        Unit = unit;
        Lines = await TargetProgress.LoadAsync(db, figures, unit);
        Uncomputed = await TargetProgress.UncomputedAsync(db, unit);
        return Page();
    }
}
