using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Compare;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Compare;

/// <summary>
/// Two assessments the visitor can see (they hold both links), side by side. A GET form: nothing changes,
/// and the page can be bookmarked. A link that opens nothing gets the same message whatever the reason.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.SharedLinks)]
public sealed class IndexModel(AssessmentService assessments) : PageModel
{
    public const string NotFoundMessage = "No shared assessment at this link. Paste the whole link, as it was shared.";

    [BindProperty(SupportsGet = true, Name = "a")]
    public string? First { get; set; }

    [BindProperty(SupportsGet = true, Name = "b")]
    public string? Second { get; set; }

    public StoredAssessment? Before { get; private set; }
    public StoredAssessment? After { get; private set; }
    public AssessmentComparison? Comparison { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.MarkAsCapability();
        if (string.IsNullOrWhiteSpace(First) && string.IsNullOrWhiteSpace(Second))
        {
            return;
        }

        Before = await FindAsync(First, "a", cancellationToken);
        After = await FindAsync(Second, "b", cancellationToken);
        if (Before is not null && After is not null)
        {
            Comparison = Comparisons.Compare(Before.Answers, Before.Result, After.Answers, After.Result);
        }
    }

    private async Task<StoredAssessment?> FindAsync(string? link, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            Errors[field] = "Paste the link of the assessment to compare.";
            return null;
        }

        var found = await ShareReference.FindAsync(assessments, link, cancellationToken);
        if (found is null)
        {
            Errors[field] = NotFoundMessage;
        }

        return found;
    }
}
