using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// The whole explanation of a verdict. Stored with each assessment as computed (as JSON, enums as their snake_case
/// codes), so its page never changes when rules change later. Results compare by value, lists item by item.
/// </summary>
public sealed record AssessmentResult
{
    public required Verdict Verdict { get; init; }
    public required string VerdictReason { get; init; }
    public required int ReadinessScore { get; init; }

    public required IReadOnlyList<CriterionResult> Criteria
    {
        get;
        init => field = new EquatableList<CriterionResult>(value);
    }

    public required IReadOnlyList<FiredRule> FiredRules
    {
        get;
        init => field = new EquatableList<FiredRule>(value);
    }

    public required IReadOnlyList<string> Risks
    {
        get;
        init => field = new EquatableList<string>(value);
    }

    public required IReadOnlyList<string> NextSteps
    {
        get;
        init => field = new EquatableList<string>(value);
    }

    public required int RuleSetVersion { get; init; }
}
