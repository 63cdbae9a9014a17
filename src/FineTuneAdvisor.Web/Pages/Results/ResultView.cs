using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>A timeline and how its entries link: to a family member's page, and to a comparison of two members.</summary>
public sealed record TimelineView(
    IReadOnlyList<Assessments.TimelineEntry> Entries,
    string ShownPublicId,
    Func<string, string>? UrlOf,
    Func<string, string, string>? CompareUrl);

/// <summary>The pilot threshold (the case score worth fine-tuning at all) and the production one (the readiness it needs).</summary>
public sealed record ScoreMarks(int Pilot, int Production);

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

    /// <summary>
    /// The name a chart row shows: neutral, so that on every row a higher score favours fine-tuning. The article's
    /// titles name the problem for the "when not to" criteria ("Rapidly changing information"), which read backwards
    /// beside a high score. Ids stay the contract; only this label changes.
    /// </summary>
    public static string CriterionName(string id) => id switch
    {
        "specialized_domain" => "Domain specialisation",
        "custom_format" => "Format and behaviour needs",
        "privacy_security_fairness" => "Privacy and fairness gains",
        "efficiency" => "Prompt efficiency gains",
        "sufficient_data" => "Data quality and coverage",
        "limited_data" => "Data volume",
        "rapidly_changing_information" => "Information stability",
        "ethical_compliance_risk" => "Rights and compliance",
        "cost" => "Budget",
        "expertise" => "ML expertise",
        "maintenance" => "Maintenance capacity",
        "overfitting" => "Generalisation",
        "open_source" => "Hosting and control",
        "continuous_iteration" => "Evaluation and iteration",
        _ => CriterionTitle(id),
    };

    /// <summary>The criteria that moved furthest from neutral first; ties keep the article's order.</summary>
    public static IReadOnlyList<CriterionResult> ByImpact(IEnumerable<CriterionResult> criteria) =>
        [.. criteria.Select((c, i) => (c, i)).OrderByDescending(x => Math.Abs(x.c.Score - 50)).ThenBy(x => x.i).Select(x => x.c)];

    /// <summary>
    /// The reasons shown as one list: every rule that moved the score, the weightiest first. Blockers the verdict card
    /// already lists are left out; weight-0 notes stay in "How this was scored".
    /// </summary>
    public static IReadOnlyList<FiredRule> Reasons(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var blockersInCard = BlockersInCard(result).Count > 0;
        return [.. result.FiredRules
            .Where(r => r.Contribution != 0 && !(blockersInCard && r.Effect == RuleEffect.Blocker))
            .OrderByDescending(r => Math.Abs(r.Contribution))];
    }

    /// <summary>The blockers that decide the verdict, each shown on its own line in the verdict card.</summary>
    public static IReadOnlyList<Blocker> BlockersInCard(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result is { FineTuneStage: FineTuneStage.Blocked, Blockers: { Count: > 0 } blockers } ? blockers : [];
    }

    /// <summary>
    /// The verdict's "why" without the blockers it runs together into one paragraph, so the card can list them one
    /// per line: "Blocked: A. B. C." reads "Fine-tuning waits until each of these is resolved:". Null when the reason
    /// does not end with them (a result stored before blockers were listed), so it is shown whole.
    /// </summary>
    public static string? ReasonBeforeBlockers(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var blockers = BlockersInCard(result);
        var joined = string.Join(" ", blockers.Select(b => b.Message));
        if (blockers.Count == 0 || !result.VerdictReason.EndsWith(joined, StringComparison.Ordinal))
        {
            return null;
        }

        var before = result.VerdictReason[..^joined.Length].TrimEnd();
        return before == "Blocked:" ? "Fine-tuning waits until each of these is resolved:" : before;
    }

    /// <summary>Thresholds marked on the score bar, from the rules the result was scored with (null when those are not at hand).</summary>
    public static ScoreMarks? Marks(AssessmentResult result, RuleSet current)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(current);
        return current.Version == result.RuleSetVersion && current.Procedure is { } procedure
            ? new ScoreMarks((int)Math.Round(procedure.CaseMinScore), (int)Math.Round(procedure.FineTuneMinScore))
            : null;
    }

    public static string Date(DateTime utc) => utc.ToString("d MMMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
