using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>
/// "Start an assessment". With no unfinished answers it goes straight to the first step; with some, it asks whether to
/// continue them or start fresh, instead of silently reopening an old draft.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.Questionnaire)]
public sealed class StartModel(DraftStore drafts) : PageModel
{
    public int AnsweredCount { get; private set; }
    public DateTime LastChanged { get; private set; }
    public string StepTitle { get; private set; } = "";
    public bool SavedForLater { get; private set; }
    public bool IsRevision { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(HttpContext, cancellationToken);
        AnsweredCount = DraftStore.AnswersOf(draft).Count(a => !string.IsNullOrWhiteSpace(a.Value));
        if (draft is null || AnsweredCount == 0)
        {
            return RedirectToPage("Index", new { step = IndexModel.Steps[0] });
        }

        LastChanged = draft.UpdatedAt;
        StepTitle = QuestionnaireSteps.Resolve(draft.CurrentStep)?.Title ?? "Review";
        SavedForLater = draft.SavedForLater;
        IsRevision = draft.ParentPublicId is not null;
        return Page();
    }

    /// <summary>
    /// Starts fresh. A draft saved for later stays reachable at its resume link (this browser only lets go of it);
    /// any other unfinished draft is deleted, since nothing else could reach it.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(HttpContext, cancellationToken);
        if (draft is { SavedForLater: true })
        {
            DraftStore.Forget(HttpContext);
        }
        else
        {
            await drafts.DeleteAsync(HttpContext, draft, cancellationToken);
        }

        return RedirectToPage("Index", new { step = IndexModel.Steps[0] });
    }
}
