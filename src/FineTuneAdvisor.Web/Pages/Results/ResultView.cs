using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>A timeline and how its entries link: to a family member's page, and to a comparison of two members.</summary>
public sealed record TimelineView(
    IReadOnlyList<Assessments.TimelineEntry> Entries,
    string ShownPublicId,
    Func<string, string>? UrlOf,
    Func<string, string, string>? CompareUrl);

/// <summary>How a result's fired rules are grouped and named on every page that shows a result.</summary>
public static class ResultView
{
    public static IEnumerable<FiredRule> Rules(AssessmentResult result, string kind)
    {
        ArgumentNullException.ThrowIfNull(result);
        return kind switch
        {
            "for" => result.FiredRules.Where(r => r.Contribution > 0).OrderByDescending(r => r.Weight),
            "against" => result.FiredRules.Where(r => r.Effect == RuleEffect.Oppose && r.Contribution < 0).OrderByDescending(r => r.Weight),
            "blockers" => result.FiredRules.Where(r => r.Effect == RuleEffect.Blocker),
            _ => result.FiredRules.Where(r => r.Contribution == 0 && r.Effect != RuleEffect.Blocker),
        };
    }

    public static string VerdictHeadline(Verdict verdict) => Verdicts.Of(verdict).Headline;

    /// <summary>For verdict codes read from the database (timeline entries); an unknown code is shown as it is.</summary>
    public static string VerdictHeadline(string code) => Verdicts.FromCode(code) is { } verdict ? VerdictHeadline(verdict) : code;

    public static string CriterionTitle(string id) => Criteria.Find(id)?.Title ?? id;

    public static string Date(DateTime utc) => utc.ToString("d MMMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
