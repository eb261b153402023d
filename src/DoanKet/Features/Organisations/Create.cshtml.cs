using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

/// <summary>Creates an organisation of a unit with <see cref="OrganisationRules"/> (the API's rules), then opens it.</summary>
public class CreateModel(AppDb db, UnitScope scope) : PageModel
{
    public sealed class CreateInput
    {
        public OrganisationKind Kind { get; set; } = OrganisationKind.FrontCommittee;
        public string? Name { get; set; }
        public int? ParentId { get; set; }
        public DateOnly? ValidFrom { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public CreateInput Input { get; set; } = new();

    public Unit Unit { get; private set; } = null!;
    public List<Organisation> Existing { get; private set; } = [];
    public List<Organisation> Committees { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, OrganisationKind? kind)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (kind is not null && Enum.IsDefined(kind.Value)) Input.Kind = kind.Value;
        Input.ValidFrom = Unit.ValidFrom;
        if (Input.Kind == OrganisationKind.StandingBoard) Input.ParentId = Committees.FirstOrDefault()?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        var input = new NewOrganisationInput(Unit.Id, Input.Kind, Input.Name, Input.ParentId, Input.ValidFrom, Input.Note);
        foreach (var (field, messages) in await OrganisationRules.ValidateNewAsync(db, input, Unit))
            foreach (var m in messages) ModelState.AddModelError(field == "UnitId" ? "" : "Input." + field, m);
        if (Input.Note?.Length > 1000) ModelState.AddModelError("Input.Note", "Ghi chú dài tối đa 1.000 ký tự.");
        if (!ModelState.IsValid)
        {
            foreach (var entry in ModelState.Values)
            {
                var foreign = entry.Errors.Where(x => x.Exception is not null || x.ErrorMessage.StartsWith("The ", StringComparison.Ordinal)).ToList();
                if (foreign.Count == 0) continue;
                foreach (var f in foreign) entry.Errors.Remove(f);
                entry.Errors.Add($"Giá trị “{entry.AttemptedValue}” không hợp lệ.");
            }
            return Page();
        }
        var org = OrganisationRules.New(input, Unit, db.Clock.UtcNow);
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Đã tạo {org.Name}.";
        return Redirect($"/to-chuc/{org.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var unit = await UnitsApi.FindReadableAsync(id, db, scope);
        if (unit is null) return NotFound();
        if (!await scope.CanWriteAsync(unit)) return Forbid();
        Unit = unit;
        Existing = await db.Organisations.AsNoTracking().Where(o => o.UnitId == id).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync();
        Committees = [.. Existing.Where(o => o.Kind == OrganisationKind.FrontCommittee && o.ValidTo == null)];
        return null;
    }
}
