namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>One rule as its JSON says it. Effect, signal and dimension stay text here: only their exact snake_case names are accepted.</summary>
internal sealed record RuleDto
{
    public required string Id { get; init; }
    public required string Criterion { get; init; }
    public string? Dimension { get; init; }
    public required ConditionDto When { get; init; }
    public required string Effect { get; init; }
    public required double Weight { get; init; }
    public RampDto? Ramp { get; init; }
    public string? Signal { get; init; }
    public required string Message { get; init; }

    /// <summary>Schema 1 only; schema 2 refuses it (steps live in the rule set's <c>steps</c>).</summary>
    public string? NextStep { get; init; }

    public string? Risk { get; init; }
    public required string Citation { get; init; }

    /// <summary>Settable, not init-only: generated code sets every init-only member, absent or not, which would lose the default.</summary>
    public bool Enabled { get; set; } = true;
}
