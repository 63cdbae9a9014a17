using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>
/// "Clear all answers and start over" asks first, on a page of its own so the confirmation works without JavaScript.
/// Cancelling goes back to the step the visitor came from.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.Questionnaire)]
public sealed class ClearModel(DraftStore drafts) : PageModel
{
    public const string ClearedMessage = "All answers were cleared. You are starting a new assessment.";

    /// <summary>The step to return to when the visitor keeps their answers.</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    public int AnsweredCount { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string BackHref => "/assess/" + (From is not null && IndexModel.Steps.Contains(From) ? From : "");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(HttpContext, cancellationToken);
        AnsweredCount = DraftStore.AnswersOf(draft).Count(a => !string.IsNullOrWhiteSpace(a.Value));
        return AnsweredCount == 0 ? RedirectToPage("Index", new { step = IndexModel.Steps[0] }) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await drafts.DeleteAsync(HttpContext, await drafts.FindAsync(HttpContext, cancellationToken), cancellationToken);
        StatusMessage = ClearedMessage;
        return RedirectToPage("Index", new { step = IndexModel.Steps[0] });
    }
}
