using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Impact;

/// <summary>
/// What publishing a draft would do to recent assessments: each is scored with the published rules and with the
/// draft, and the two results compared. Pure: the caller loads the assessments; nothing stored changes.
/// </summary>
public static class RuleImpact
{
    public static RuleImpactReport Compute(IReadOnlyList<ImpactInput> assessments, RuleSet published, RuleSet draft)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(draft);
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

        // An empty preview shifts nothing; dividing by one keeps the means at zero rather than NaN.
        var count = Math.Max(1, assessments.Count);
        return new RuleImpactReport(
            assessments.Count,
            [.. changes.GroupBy(c => (c.From, c.To)).Select(g => new VerdictTransition(g.Key.From, g.Key.To, g.Count()))
                .OrderByDescending(t => t.Count).ThenBy(t => t.From.Code(), StringComparer.Ordinal).ThenBy(t => t.To.Code(), StringComparer.Ordinal)],
            scoreTotal / count,
            [.. Criteria.All.Select((c, i) => new CriterionShift(c.Id, c.Title, criterionTotals[i] / count))],
            changes);
    }
}
