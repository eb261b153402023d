using System.ComponentModel.DataAnnotations;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKet.Features.Accounts;

public class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Nhập thư điện tử.")]
        [EmailAddress(ErrorMessage = "Thư điện tử không hợp lệ.")]
        [StringLength(200, ErrorMessage = "Thư điện tử dài tối đa 200 ký tự.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Nhập mật khẩu.")]
        [StringLength(200, ErrorMessage = "Mật khẩu dài tối đa 200 ký tự.")]
        public string Password { get; set; } = "";
    }

    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError("", result.IsLockedOut
            ? "Tài khoản đang tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau 15 phút."
            : "Thư điện tử hoặc mật khẩu không đúng.");
        return Page();
    }
}
