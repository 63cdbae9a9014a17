using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Web.Admin;

/// <summary>One stored assessment as the preview reads it.</summary>
public sealed record ImpactInput(string PublicId, DateTime CreatedAt, AnswerSet Answers);

/// <summary>An assessment whose verdict the draft would change.</summary>
public sealed record ImpactChange(string PublicId, DateTime CreatedAt, string From, string To, int ScoreFrom, int ScoreTo);

public sealed record VerdictTransition(string From, string To, int Count);

public sealed record CriterionShift(string Id, string Title, double MeanShift);

public sealed record RuleImpactReport(
    int Assessed,
    IReadOnlyList<VerdictTransition> Transitions,
    double MeanScoreShift,
    IReadOnlyList<CriterionShift> CriterionShifts,
    IReadOnlyList<ImpactChange> Changes)
{
    public int Changed => Changes.Count;
}

/// <summary>
/// What publishing the draft would do to recent assessments: each is scored with the published rules and with the
/// draft (pure and fast), and the two results compared. Stored results are not touched.
/// </summary>
public static class RuleImpact
{
    public static RuleImpactReport Compute(IReadOnlyList<ImpactInput> assessments, RuleSet published, RuleSet draft)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        var changes = new List<ImpactChange>();
        var criterionTotals = new double[Criteria.All.Count];
        double scoreTotal = 0;

        foreach (var assessment in assessments)
        {
            var before = RulesEngine.Evaluate(assessment.Answers, published);
            var after = RulesEngine.Evaluate(assessment.Answers, draft);
            scoreTotal += after.ReadinessScore - before.ReadinessScore;
            for (var i = 0; i < criterionTotals.Length; i++)
            {
                criterionTotals[i] += after.Criteria[i].Score - before.Criteria[i].Score;
            }

            if (before.Verdict != after.Verdict)
            {
                changes.Add(new(assessment.PublicId, assessment.CreatedAt, before.Verdict, after.Verdict, before.ReadinessScore, after.ReadinessScore));
            }
        }

        var count = Math.Max(1, assessments.Count);
        return new RuleImpactReport(
            assessments.Count,
            [.. changes.GroupBy(c => (c.From, c.To)).Select(g => new VerdictTransition(g.Key.From, g.Key.To, g.Count()))
                .OrderByDescending(t => t.Count).ThenBy(t => t.From, StringComparer.Ordinal).ThenBy(t => t.To, StringComparer.Ordinal)],
            scoreTotal / count,
            [.. Criteria.All.Select((c, i) => new CriterionShift(c.Id, c.Title, criterionTotals[i] / count))],
            changes);
    }
}
