using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Indicators;

/// <summary>
/// Where a figure comes from (/so-lieu/nguon?indicator=&amp;unit=&amp;period=&amp;mode=): the figure, how it
/// is computed, and the records behind it, each linked to its page. The unit must be readable.
/// </summary>
public class SourcesModel(AppDb db, UnitScope scope, Figures figures) : PageModel
{
    public const int Take = 500;

    public Unit Unit { get; private set; } = null!;
    public Indicator Indicator { get; private set; } = null!;
    public Period Period { get; private set; }
    public FigureMode Mode { get; private set; }
    public Figure? Figure { get; private set; }
    public string Rule { get; private set; } = "";
    public List<SourceRow> Rows { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? indicator, string? unit, string? period, string? mode)
    {
        var home = await scope.HomeAsync();
        if (home is null) return NotFound();
        var unitId = home.Id;
        if (!string.IsNullOrWhiteSpace(unit) && !int.TryParse(unit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out unitId))
            return NotFound();
        var found = await UnitsApi.FindReadableAsync(unitId, db, scope);
        if (found is null) return NotFound();
        Unit = found;

        var catalogue = await figures.CatalogueAsync();
        var byCode = catalogue.ToDictionary(i => i.Code);
        if (string.IsNullOrWhiteSpace(indicator) || !byCode.TryGetValue(indicator.Trim(), out var chosen)) return NotFound();
        Indicator = chosen;

        if (!FigureText.TryPeriod(period, FigureText.QuarterOf(db.Clock.Today), out var p, out var periodError)) Errors.Add(periodError!);
        Period = p;
        if (!FigureText.TryMode(mode, out var m)) Errors.Add(FigureText.ModeError);
        if (m == FigureMode.Now && Unit.ValidTo is not null)
        {
            Errors.Add(FigureText.NowNeedsCurrentUnit);
            m = FigureMode.Then;
        }
        Mode = m;
        if (Errors.Count > 0) return Page();

        var kinds = await db.ActivityKinds.AsNoTracking().ToDictionaryAsync(k => k.Code);
        Rule = FigureText.Rule(Indicator, byCode, kinds);
        Figure = (await figures.ComputeAsync(Unit, Period, Mode, [Indicator]))[0];
        Rows = await SourceRecords.LoadAsync(db, await figures.SourcesAsync(Indicator, Unit, Period, Mode, Take));
        return Page();
    }
}
