using DoanKet.Data;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Accounts;

[Authorize(Policy = Policies.Admin)]
public class IndexModel(AppDb db, UnitScope scope, UserManager<AppUser> users, RoleManager<IdentityRole> roles) : PageModel
{
    public sealed class NewAccount
    {
        public string? Email { get; set; }
        public string? FullName { get; set; }
        public string? Role { get; set; } = Roles.Officer;
        public int UnitId { get; set; }
    }

    [BindProperty] public NewAccount Input { get; set; } = new();
    [TempData] public string? Message { get; set; }
    public List<AccountDto> Accounts { get; private set; } = [];
    public List<Unit> Units { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var input = new NewAccountInput(Input.Email, Input.FullName, Input.UnitId, Input.Role, null);
        var (errors, unit, role) = await Features.Accounts.Accounts.ValidateNewAsync(input, db, scope);
        foreach (var (field, messages) in errors)
            foreach (var m in messages) ModelState.AddModelError("Input." + field, m);
        if (ModelState.IsValid)
        {
            var password = Passwords.Generate();
            var result = await AccountService.CreateAsync(users, roles, input.Email!, input.FullName!, unit!.Id, role!, password, db.Clock.UtcNow);
            if (result.Succeeded)
            {
                Message = $"Đã tạo tài khoản {input.Email} thuộc {unit.FullName}. Mật khẩu ban đầu: {password} — hãy chuyển cho người dùng qua kênh an toàn.";
                return RedirectToPage();
            }
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var home = (await scope.HomeAsync())!;
        Accounts = await Features.Accounts.Accounts.InScope(db, home);
        Units = await db.Units.AsNoTracking().Under(home.Path).Where(u => u.ValidTo == null).OrderBy(u => u.Path).Take(2000).ToListAsync();
    }
}
