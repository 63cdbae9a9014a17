using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>
/// A resume link. Opening it (GET) changes nothing, so link previews are harmless; continuing (POST) binds
/// this browser to the draft. Unknown or expired links are the ordinary 404.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.SharedLinks)]
public sealed class ResumeModel(DraftStore drafts) : PageModel
{
    public string StepTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindByTokenAsync(token, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        StepTitle = QuestionnaireSteps.Resolve(draft.CurrentStep)?.Title ?? "Review";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindByTokenAsync(token, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        drafts.Adopt(HttpContext, token);
        return RedirectToPage("Index", new { step = draft.CurrentStep });
    }
}
