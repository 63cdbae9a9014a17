namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>One rule of a rule set, as loaded and validated: when its condition holds, it fires.</summary>
public sealed record Rule
{
    public required string Id { get; init; }
    public required string Criterion { get; init; }
    public required Condition When { get; init; }
    public required RuleEffect Effect { get; init; }
    public required double Weight { get; init; }

    /// <summary>Null for a rule that only adds or takes away weight.</summary>
    public RuleSignal? Signal { get; init; }

    public required string Message { get; init; }
    public string? NextStep { get; init; }
    public string? Risk { get; init; }
    public required string Citation { get; init; }
    public bool Enabled { get; init; } = true;

    /// <summary>The signed number of points this rule adds to the readiness score when it fires.</summary>
    public double Contribution => Effect == RuleEffect.Support ? Weight : -Weight;
}
