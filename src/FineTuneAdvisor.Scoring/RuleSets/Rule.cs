namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>What a fired rule does to the verdict.</summary>
public enum RuleEffect
{
    /// <summary>Adds its weight to the readiness score.</summary>
    Support,

    /// <summary>Takes its weight off the readiness score.</summary>
    Oppose,

    /// <summary>Takes its weight off and makes the verdict "not ready" whenever fine-tuning is on the table.</summary>
    Blocker,
}

/// <summary>Which way a fired rule points the verdict, beyond its weight (see docs/scoring.md, "Verdict").</summary>
public enum RuleSignal
{
    None,

    /// <summary>The gap is knowledge or the information moves too fast: retrieval fits.</summary>
    Retrieval,

    /// <summary>The base model with good prompts already does the job.</summary>
    Prompting,

    /// <summary>A behaviour or format need that fine-tuning addresses.</summary>
    Behavior,

    /// <summary>Promising, but something must be proven in a pilot before a production fine-tune.</summary>
    PilotFirst,
}

public sealed record Rule
{
    public required string Id { get; init; }
    public required string Criterion { get; init; }
    public required Condition When { get; init; }
    public required RuleEffect Effect { get; init; }
    public required double Weight { get; init; }
    public RuleSignal Signal { get; init; }
    public required string Message { get; init; }
    public string? NextStep { get; init; }
    public string? Risk { get; init; }
    public required string Citation { get; init; }
    public bool Enabled { get; init; } = true;

    /// <summary>The signed number of points this rule adds to the readiness score when it fires.</summary>
    public double Contribution => Effect == RuleEffect.Support ? Weight : -Weight;
}
