using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Assess;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>
/// "Start a revision" from a shared assessment: says what will happen, then (POST) starts a questionnaire
/// pre-filled with its answers. Whoever starts it owns the revision; the original stays as it is.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.SharedLinks)]
public sealed class ReviseModel(AssessmentService assessments, DraftStore drafts, Links links) : PageModel
{
    public const string FamilyRoute = "/a/{token}/r/{publicId}/revise";

    public StoredAssessment Assessment { get; private set; } = null!;
    public string BackUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, string? publicId, CancellationToken cancellationToken)
    {
        var view = await assessments.FindSharedAsync(token, publicId, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        Assessment = view.Assessment;
        BackUrl = links.Share(token, publicId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? publicId, CancellationToken cancellationToken)
    {
        var view = await assessments.FindSharedAsync(token, publicId, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        await drafts.StartRevisionAsync(HttpContext, view.Assessment.Answers, view.Assessment.PublicId, cancellationToken, view.Assessment.DataEvidence?.ToJson());
        return RedirectToPage("/Assess/Index", new { step = QuestionnaireSteps.First.Id });
    }
}
