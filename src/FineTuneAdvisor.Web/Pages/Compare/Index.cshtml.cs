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
public sealed class IndexModel(AssessmentService assessments, Links links) : PageModel
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

        /// <summary>The second assessment picked from the first one's family (a link through the first one's token); a pasted <see cref="B"/> wins.</summary>
        [FromQuery(Name = "pick")]
        public string? Pick { get; set; }
    }

    /// <summary>One member of the first assessment's family to pick as the second: its link (through the same share token) and how it reads.</summary>
    public sealed record FamilyChoice(string Link, FamilyMember Member, bool IsParent, bool IsRevision);

    /// <summary>The other members of the first assessment's revision family that its link can show, oldest first.</summary>
    public IReadOnlyList<FamilyChoice> FamilyChoices { get; private set; } = [];

    /// <summary>
    /// Rules that started or stopped firing and move a score: a rule of weight 0 changes nothing, so it is no change
    /// (blockers count whatever their weight).
    /// </summary>
    public static IEnumerable<FiredRule> Moving(IEnumerable<FiredRule> rules) =>
        (rules ?? []).Where(r => r.Effect == Scoring.RuleSets.RuleEffect.Blocker || r.Weight != 0);

    public StoredAssessment? Before { get; private set; }
    public StoredAssessment? After { get; private set; }
    public AssessmentComparison? Comparison { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.A) && string.IsNullOrWhiteSpace(Input.B))
        {
            return;
        }

        var first = await FindViewAsync(Input.A, "a", cancellationToken);
        Before = first?.Assessment;
        if (first is not null && ShareReference.Parse(Input.A) is { } reference)
        {
            var parentId = first.Family.FirstOrDefault(m => m.PublicId == first.Assessment.PublicId)?.ParentPublicId;
            FamilyChoices = [.. first.Family
                .Where(m => m.PublicId != first.Assessment.PublicId)
                .Select(m => new FamilyChoice(
                    links.ShareUrl(reference.Token, m.PublicId == first.LinkedPublicId ? null : m.PublicId), m,
                    m.PublicId == parentId,
                    m.ParentPublicId == first.Assessment.PublicId))];
        }

        var second = string.IsNullOrWhiteSpace(Input.B) ? Input.Pick : Input.B;
        if (string.IsNullOrWhiteSpace(second) && FamilyChoices.Count > 0)
        {
            // Nothing chosen yet: the page offers the family to pick from, without an error.
            return;
        }

        After = (await FindViewAsync(second, "b", cancellationToken))?.Assessment;
        if (Before is not null && After is not null)
        {
            Comparison = Comparisons.Compare(Before.Answers, Before.Result, After.Answers, After.Result);
        }
    }

    private async Task<SharedView?> FindViewAsync(string? link, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            ModelState.AddModelError(field, "Paste the link of the assessment to compare.");
            return null;
        }

        var found = await ShareReference.FindViewAsync(assessments, link, cancellationToken);
        if (found is null)
        {
            ModelState.AddModelError(field, NotFoundMessage);
        }

        return found;
    }
}
