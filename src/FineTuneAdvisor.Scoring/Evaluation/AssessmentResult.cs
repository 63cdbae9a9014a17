namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// The whole explanation of a verdict. Stored with each assessment as computed, so its page never changes
/// when rules change later.
/// </summary>
public sealed record AssessmentResult
{
    public required string Verdict { get; init; }
    public required string VerdictReason { get; init; }
    public required int ReadinessScore { get; init; }
    public required IReadOnlyList<CriterionResult> Criteria { get; init; }
    public required IReadOnlyList<FiredRule> FiredRules { get; init; }
    public required IReadOnlyList<string> Risks { get; init; }
    public required IReadOnlyList<string> NextSteps { get; init; }
    public required int RuleSetVersion { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public Verdict VerdictValue => Verdicts.FromCode(Verdict) ?? throw new InvalidOperationException($"Unknown verdict '{Verdict}'.");
}

/// <summary>How one criterion of the article came out: 50 is neutral; each point of net weight moves it 5, within 0–100.</summary>
public sealed record CriterionResult
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Group { get; init; }
    public required int Score { get; init; }
    public required double NetContribution { get; init; }
    public required string Reason { get; init; }
    public required string Citation { get; init; }
}

public sealed record FiredRule
{
    public required string Id { get; init; }
    public required string Criterion { get; init; }
    public required string Effect { get; init; }
    public required double Weight { get; init; }
    public required double Contribution { get; init; }
    public required string Message { get; init; }
    public required string Citation { get; init; }
    public string? Signal { get; init; }
}
