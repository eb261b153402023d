using DoanKet.Data;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Units;

[Authorize(Policy = Policies.Admin)]
public class TrashModel(AppDb db, UnitScope scope) : PageModel
{
    public List<Unit> Deleted { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var home = (await scope.HomeAsync())!;
        Deleted = await db.Units.IgnoreQueryFilters().AsNoTracking().Under(home.Path).Where(u => u.DeletedAt != null)
            .OrderByDescending(u => u.DeletedAt).Take(500).ToListAsync();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id)
    {
        var unit = await db.Units.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == id && u.DeletedAt != null);
        if (unit is null || !await scope.CanAdministerAsync(unit)) return NotFound();
        unit.DeletedAt = null;
        unit.DeletedBy = null;
        await db.SaveChangesAsync();
        Message = $"Đã khôi phục {unit.FullName}.";
        return RedirectToPage();
    }
}
