using DoanKet.Data;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Accounts;

public class TokensModel(AppDb db, UserManager<AppUser> users) : PageModel
{
    public sealed class TokenInput
    {
        public string? Name { get; set; }
        public int? Days { get; set; } = 90;
    }

    [BindProperty] public TokenInput Input { get; set; } = new();
    public List<AccessToken> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var input = new NewTokenInput(Input.Name, Input.Days);
        foreach (var (field, messages) in Features.Accounts.Accounts.ValidateToken(input))
            foreach (var m in messages) ModelState.AddModelError("Input." + field, m);
        if (ModelState.IsValid) (_, NewSecret) = await Features.Accounts.Accounts.IssueTokenAsync(db, users.GetUserId(User)!, input);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var userId = users.GetUserId(User);
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId);
        if (token is null) return NotFound();
        token.RevokedAt ??= db.Clock.UtcNow;
        await db.SaveChangesAsync();
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var userId = users.GetUserId(User);
        Tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync();
    }
}
