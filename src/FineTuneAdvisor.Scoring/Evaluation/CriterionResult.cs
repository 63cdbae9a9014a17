using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>How one criterion of the article came out: 50 is neutral; each point of net weight moves it 5, within 0–100.</summary>
public sealed record CriterionResult
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required CriterionGroup Group { get; init; }
    public required int Score { get; init; }
    public required double NetContribution { get; init; }
    public required string Reason { get; init; }
    public required string Citation { get; init; }
}
