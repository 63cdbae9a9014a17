using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>A saved assessment, read-only, at its share link. Anything that is not a live token is the same 404.</summary>
[EnableRateLimiting(RateLimitingSetup.SharedLinks)]
[OutputCache(PolicyName = ServiceSetup.SharePagesPolicy)]
public sealed class ShowModel(AssessmentService assessments, ActiveRuleSet rules) : PageModel
{
    public StoredAssessment Assessment { get; private set; } = null!;
    public AssessmentResult Result => Assessment.Result;
    public VerdictText Verdict => Verdicts.Of(Result.VerdictValue);
    public string ShareUrl { get; private set; } = "";

    /// <summary>Set when the current rules would give another verdict; the page is evicted from the output cache on publish.</summary>
    public CurrentRulesNote? CurrentRules { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var assessment = await assessments.FindByShareTokenAsync(token, cancellationToken);
        if (assessment is null)
        {
            return NotFound();
        }

        Assessment = assessment;
        CurrentRules = CurrentRulesNote.For(assessment, rules.Current);
        ShareUrl = Api.AssessmentsApi.ShareUrl(Request, token);

        // A capability page: never cached, never indexed, never leaked through Referer.
        Response.MarkAsCapability();
        return Page();
    }

    public IEnumerable<FiredRule> Rules(string kind) => kind switch
    {
        "for" => Result.FiredRules.Where(r => r.Contribution > 0).OrderByDescending(r => r.Weight),
        "against" => Result.FiredRules.Where(r => r.Effect == "oppose" && r.Contribution < 0).OrderByDescending(r => r.Weight),
        "blockers" => Result.FiredRules.Where(r => r.Effect == "blocker"),
        _ => Result.FiredRules.Where(r => r.Contribution == 0 && r.Effect != "blocker"),
    };

    public static string CriterionTitle(string id) => Scoring.RuleSets.Criteria.Find(id)?.Title ?? id;
}
