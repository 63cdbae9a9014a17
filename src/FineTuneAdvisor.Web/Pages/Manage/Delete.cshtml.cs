using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Manage;

/// <summary>Asks before deleting (a page of its own, so it works without JavaScript), then deletes.</summary>
[EnableRateLimiting(RateLimitingSetup.SharedLinks)]
public sealed class DeleteModel(OwnerService owners, Links links) : PageModel
{
    public ManagedAssessment Managed { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public string CancelUrl => links.Manage(Token);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var managed = await owners.FindAsync(token, cancellationToken);
        if (managed is null)
        {
            return NotFound();
        }

        Managed = managed;
        Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await owners.DeleteAsync(token, cancellationToken))
        {
            return NotFound();
        }

        OwnerCookie.Forget(HttpContext, token);
        return RedirectToPage("Deleted");
    }
}
