using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.Evaluation;

public static class Comparisons
{
    /// <summary>Compares two stored assessments as they were scored (each with its own rule-set version).</summary>
    public static AssessmentComparison Compare(
        IReadOnlyDictionary<string, string> answersBefore, AssessmentResult before,
        IReadOnlyDictionary<string, string> answersAfter, AssessmentResult after)
    {
        ArgumentNullException.ThrowIfNull(answersBefore);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(answersAfter);
        ArgumentNullException.ThrowIfNull(after);

        var changed = ChangedAnswers(answersBefore, answersAfter);
        var afterCriteria = after.Criteria.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var criteria = before.Criteria
            .Where(c => afterCriteria.ContainsKey(c.Id))
            .Select(c => new CriterionDelta(c.Id, c.Title, c.Score, afterCriteria[c.Id].Score))
            .ToList();

        var firedBefore = before.FiredRules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var firedAfter = after.FiredRules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        return new AssessmentComparison
        {
            VerdictBefore = before.Verdict,
            VerdictAfter = after.Verdict,
            ScoreBefore = before.ReadinessScore,
            ScoreAfter = after.ReadinessScore,
            ChangedAnswers = changed,
            Criteria = criteria,
            RulesStarted = [.. after.FiredRules.Where(r => !firedBefore.Contains(r.Id))],
            RulesStopped = [.. before.FiredRules.Where(r => !firedAfter.Contains(r.Id))],
        };
    }

    /// <summary>The answers that differ, in questionnaire order.</summary>
    public static IReadOnlyList<AnswerChange> ChangedAnswers(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return [.. QuestionCatalogue.Questions
            .Select(q => new AnswerChange(q.Id, before.GetValueOrDefault(q.Id), after.GetValueOrDefault(q.Id)))
            .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))];
    }
}
