using DoanKet.Data;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Petitions;

/// <summary>/y-kien/co-quan: the bodies the account's unit forwards petitions to (its own and those above it).</summary>
public class AgenciesModel(AppDb db, UnitScope scope, PetitionFlow flow) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Contact { get; set; }
    public List<(Agency Agency, string UnitName)> Rows { get; private set; } = [];
    public Unit? Home { get; private set; }
    public bool CanAdd { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var home = await scope.HomeAsync();
        if (home is null) return Forbid();
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, home.Id);
        if (fail is { Status: 403 }) return Forbid();
        fail ??= AgencyRules.Validate(new AgencyInput(home.Id, Name, Contact));
        if (fail is not null)
        {
            ModelState.AddModelError("", fail.Message);
            await LoadAsync();
            return Page();
        }
        await AgencyRules.CreateAsync(db, unit!, new AgencyInput(home.Id, Name, Contact));
        TempData["Message"] = "Đã thêm cơ quan.";
        return Redirect("/y-kien/co-quan");
    }

    private async Task LoadAsync()
    {
        Home = await scope.HomeAsync();
        if (Home is null) return;
        CanAdd = Home.ValidTo is null && await scope.CanWriteAsync(Home);
        var agencies = await flow.AgenciesFor(Home).OrderBy(a => a.Name).ToListAsync();
        var names = await RecordRules.UnitNamesAsync(db, agencies.Select(a => a.UnitId));
        Rows = [.. agencies.Select(a => (a, names.GetValueOrDefault(a.UnitId, "")))];
    }
}
