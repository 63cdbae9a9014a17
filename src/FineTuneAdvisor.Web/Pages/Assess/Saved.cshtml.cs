using FineTuneAdvisor.Web.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>Shows the private resume link of the visitor's own draft (read from their cookie, never stored).</summary>
public sealed class SavedModel(DraftStore drafts, IOptions<DraftOptions> options, Links links) : PageModel
{
    public string ResumeUrl { get; private set; } = "";
    public int LifetimeDays => options.Value.LifetimeDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var token = DraftStore.TokenOf(HttpContext);
        if (token is null || await drafts.FindByTokenAsync(token, cancellationToken) is null)
        {
            return RedirectToPage("Index");
        }

        ResumeUrl = links.ResumeUrl(token);
        return Page();
    }
}
