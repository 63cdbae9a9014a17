using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.Evaluation;

public sealed record AnswerChange(string QuestionId, string? Before, string? After);

public sealed record CriterionDelta(string Id, string Title, int Before, int After)
{
    public int Delta => After - Before;
}

/// <summary>What moved between two assessments: the answers, the verdict and score, each criterion, the rules.</summary>
public sealed record AssessmentComparison
{
    public required string VerdictBefore { get; init; }
    public required string VerdictAfter { get; init; }
    public required int ScoreBefore { get; init; }
    public required int ScoreAfter { get; init; }
    public int ScoreDelta => ScoreAfter - ScoreBefore;
    public required IReadOnlyList<AnswerChange> ChangedAnswers { get; init; }
    public required IReadOnlyList<CriterionDelta> Criteria { get; init; }

    /// <summary>Rules that fire in the second assessment but not the first, as the second reports them.</summary>
    public required IReadOnlyList<FiredRule> RulesStarted { get; init; }

    /// <summary>Rules that fired in the first assessment but no longer do, as the first reported them.</summary>
    public required IReadOnlyList<FiredRule> RulesStopped { get; init; }
}

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
