using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Features.Accounts;
using DoanKet.Features.Audit;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Units;

public class DetailsModel(AppDb db, UnitScope scope, UnitLineageQueries lineage) : PageModel
{
    public sealed class DetailsInput
    {
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public int? Households { get; set; }
        public string? Note { get; set; }
        public long Version { get; set; }
    }

    [BindProperty] public DetailsInput Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public Unit Unit { get; private set; } = null!;
    public Unit? Parent { get; private set; }
    public List<Unit> Ancestors { get; private set; } = [];
    public List<Unit> Children { get; private set; } = [];
    public List<Organisation> Organisations { get; private set; } = [];
    public List<UnitHistoryItem> History { get; private set; } = [];
    public List<WeightedUnit> Successors { get; private set; } = [];
    public List<AccountDto>? Accounts { get; private set; }
    public List<AuditEntry> Audit { get; private set; } = [];
    public bool CanWrite { get; private set; }
    public bool CanAdminister { get; private set; }
    public string? DeleteBlocker { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new DetailsInput { Address = Unit.Address, Phone = Unit.Phone, Email = Unit.Email, Households = Unit.Households, Note = Unit.Note, Version = Unit.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CanWrite) return Forbid();
        var input = new UnitDetailsInput(Input.Address, Input.Phone, Input.Email, Input.Households, Input.Note, Input.Version);
        foreach (var (field, messages) in UnitDetails.Validate(input))
            foreach (var m in messages) ModelState.AddModelError($"Input.{field}", m);
        if (!ModelState.IsValid) return Page();
        var unit = await db.Units.FirstAsync(u => u.Id == id);
        UnitDetails.Apply(db, unit, input);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", UnitDetails.ConflictMessage);
            return Page();
        }
        Message = "Đã lưu thông tin đơn vị.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CanAdminister) return Forbid();
        if (DeleteBlocker is not null)
        {
            ModelState.AddModelError("", DeleteBlocker);
            return Page();
        }
        var unit = await db.Units.FirstAsync(u => u.Id == id);
        db.Units.Remove(unit);
        await db.SaveChangesAsync();
        Message = $"Đã xóa {unit.FullName}. Có thể khôi phục trong mục “Đã xóa”.";
        return Redirect("/don-vi/thung-rac");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var unit = await UnitsApi.FindReadableAsync(id, db, scope);
        if (unit is null) return false;
        Unit = unit;
        var ancestorIds = unit.Path.Trim('/').Split('/').Select(int.Parse).Where(a => a != id).ToList();
        Ancestors = await db.Units.AsNoTracking().Where(u => ancestorIds.Contains(u.Id)).OrderBy(u => u.Level).ToListAsync();
        Parent = Ancestors.LastOrDefault();
        var at = unit.ValidTo?.AddDays(-1) ?? db.Clock.Today;
        Children = await db.Units.AsNoTracking().Where(u => u.ParentId == id).ValidOn(at)
            .OrderBy(u => u.Kind).ThenBy(u => u.Name.Length).ThenBy(u => u.Name).ToListAsync();
        Organisations = await db.Organisations.AsNoTracking().Where(o => o.UnitId == id)
            .OrderBy(o => o.ValidTo != null).ThenBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync();
        History = await UnitHistory.LoadAsync(db, id);
        if (unit.ValidTo is not null) Successors = await lineage.SuccessorsAsync(id, db.Clock.Today);
        CanWrite = unit.ValidTo is null && await scope.CanWriteAsync(unit);
        CanAdminister = await scope.CanAdministerAsync(unit);
        if (CanAdminister)
        {
            Accounts = await Features.Accounts.Accounts.InScope(db, unit, onlyThisUnit: true);
            DeleteBlocker = await UnitDetails.DeleteBlockerAsync(db, unit);
        }
        Audit = await AuditTrail.ForAsync(db, nameof(Domain.Units.Unit), id);
        return true;
    }
}
