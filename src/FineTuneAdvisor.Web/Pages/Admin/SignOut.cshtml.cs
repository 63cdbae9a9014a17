using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin;

/// <summary>POST only (a GET is 405): ends the session on the server too, by changing the account's security stamp.</summary>
[PostOnly]
public sealed class SignOutModel(AdminSignIn signIn) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(User);
        StatusMessage = "You have signed out.";
        return RedirectToPage("/Admin/SignIn");
    }
}
