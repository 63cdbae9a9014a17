using FineTuneAdvisor.Scoring.Evaluation;

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
            "against" => result.FiredRules.Where(r => r.Effect == "oppose" && r.Contribution < 0).OrderByDescending(r => r.Weight),
            "blockers" => result.FiredRules.Where(r => r.Effect == "blocker"),
            _ => result.FiredRules.Where(r => r.Contribution == 0 && r.Effect != "blocker"),
        };
    }

    public static string VerdictHeadline(string code) => Verdicts.FromCode(code) is { } verdict ? Verdicts.Of(verdict).Headline : code;

    public static string CriterionTitle(string id) => Scoring.RuleSets.Criteria.Find(id)?.Title ?? id;

    public static string Date(DateTime utc) => utc.ToString("d MMMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
