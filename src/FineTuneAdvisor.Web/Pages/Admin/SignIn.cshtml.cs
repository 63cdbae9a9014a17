using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Admin;

public sealed class SignInInput
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}

/// <summary>
/// The admin sign-in form. Every failure renders the same page (nothing typed is echoed), whether the email is
/// unknown, the password wrong or the account locked; POSTs are rate limited per client address.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.AdminSignIn)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SignInModel(AdminSignIn signIn, IOptions<AdminOptions> options) : PageModel
{
    public const string DefaultReturnUrl = "/admin";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    /// <summary>Where to go after signing in; kept only when it is a local path.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    public bool SignedOut { get; private set; }

    public int MaxFailures => options.Value.MaxFailedSignIns;

    public int LockoutMinutes => options.Value.LockoutMinutes;

    public void OnGet(bool signedOut = false)
    {
        SignedOut = signedOut;
        ReturnUrl = LocalOrNull(ReturnUrl);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = LocalOrNull(ReturnUrl);
        var email = Input.Email.Trim();
        var password = Input.Password;
        Input = new SignInInput();
        if (email.Length == 0 || password.Length == 0 || !await signIn.SignInAsync(email, password))
        {
            Failed = true;
            return Page();
        }

        return LocalRedirect(ReturnUrl ?? DefaultReturnUrl);
    }

    private string? LocalOrNull(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : null;
}
