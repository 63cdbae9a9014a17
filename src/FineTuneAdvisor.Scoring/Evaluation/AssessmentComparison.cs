namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>What moved between two assessments: the answers, the verdict and score, each criterion, the rules.</summary>
public sealed record AssessmentComparison
{
    public required Verdict VerdictBefore { get; init; }
    public required Verdict VerdictAfter { get; init; }
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
