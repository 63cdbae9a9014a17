namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>One plan step as its JSON says it; group, verdicts and stages stay text until validated.</summary>
internal sealed record StepDto
{
    public required string Id { get; init; }
    public required string Group { get; init; }
    public required IReadOnlyList<string> Verdicts { get; init; }
    public IReadOnlyList<string>? Stages { get; init; }
    public string? Resolves { get; init; }
    public ConditionDto? When { get; init; }
    public required string Text { get; init; }
    public required string Citation { get; init; }
}
