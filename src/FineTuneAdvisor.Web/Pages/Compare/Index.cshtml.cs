using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
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

    /// <summary>
    /// Bound from the query without a prefix: <c>/compare?a=…&amp;b=…</c> is an address share pages and timelines
    /// already hand out, so its field names (and ModelState keys) stay <c>a</c> and <c>b</c>.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "")]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        /// <summary>The first (before) assessment's share link or token.</summary>
        [FromQuery(Name = "a")]
        public string? A { get; set; }

        /// <summary>The second (after) assessment's share link or token.</summary>
        [FromQuery(Name = "b")]
        public string? B { get; set; }
    }

    public StoredAssessment? Before { get; private set; }
    public StoredAssessment? After { get; private set; }
    public AssessmentComparison? Comparison { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.A) && string.IsNullOrWhiteSpace(Input.B))
        {
            return;
        }

        Before = await FindAsync(Input.A, "a", cancellationToken);
        After = await FindAsync(Input.B, "b", cancellationToken);
        if (Before is not null && After is not null)
        {
            Comparison = Comparisons.Compare(Before.Answers, Before.Result, After.Answers, After.Result);
        }
    }

    private async Task<StoredAssessment?> FindAsync(string? link, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            ModelState.AddModelError(field, "Paste the link of the assessment to compare.");
            return null;
        }

        var found = await ShareReference.FindAsync(assessments, link, cancellationToken);
        if (found is null)
        {
            ModelState.AddModelError(field, NotFoundMessage);
        }

        return found;
    }
}
