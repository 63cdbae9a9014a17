using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>A rule that fired, as the result explains it: its message rendered with the answers.</summary>
public sealed record FiredRule
{
    public required string Id { get; init; }
    public required string Criterion { get; init; }
    public required RuleEffect Effect { get; init; }
    public required double Weight { get; init; }
    public required double Contribution { get; init; }
    public required string Message { get; init; }
    public required string Citation { get; init; }

    /// <summary>Null when the rule points the verdict nowhere beyond its weight (written as <c>"signal": null</c>).</summary>
    public RuleSignal? Signal { get; init; }
}
