using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Admin;

/// <summary>
/// The admin sign-in form. Every failure renders the same page (nothing typed is echoed), whether the email is
/// unknown, the password wrong or the account locked; POSTs are rate limited per client address.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.AdminSignIn)]
public sealed class SignInModel(AdminSignIn signIn, IOptions<AdminOptions> options) : PageModel
{
    public const string DefaultReturnUrl = "/admin";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Where to go after signing in; kept only when it is a local path.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set by the sign-out page ("You have signed out").</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }

    public void OnGet() => ReturnUrl = LocalOrNull(ReturnUrl);

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = LocalOrNull(ReturnUrl);
        var email = Input.Email.Trim();
        var password = Input.Password;
        Input = new InputModel();
        if (email.Length == 0 || password.Length == 0 || !await signIn.SignInAsync(email, password))
        {
            // One message for every failure, so the page never tells which accounts exist.
            ModelState.AddModelError(string.Empty,
                $"The email or password is not right, or the account is locked or disabled. After {options.Value.MaxFailedSignIns} failed attempts an account is locked for {options.Value.LockoutMinutes} minutes.");
            return Page();
        }

        return LocalRedirect(ReturnUrl ?? DefaultReturnUrl);
    }

    private string? LocalOrNull(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : null;
}
