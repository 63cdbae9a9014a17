using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// The whole explanation of a verdict. Stored with each assessment as computed (as JSON, enums as their snake_case
/// codes), so its page never changes when rules change later. Results compare by value, lists item by item.
/// The members after <see cref="RuleSetVersion"/> came with rule-set schema 2: a result stored before has none of
/// them (they read back null and are not written), so it reads and writes back byte for byte.
/// </summary>
public sealed record AssessmentResult
{
    public required Verdict Verdict { get; init; }
    public required string VerdictReason { get; init; }

    /// <summary>0–100: how ready the whole project is to fine-tune, the case and the team together (the contract's number).</summary>
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

    /// <summary>The plan flattened: "Remove first", then "Then" (what results stored before the plan held).</summary>
    public required IReadOnlyList<string> NextSteps
    {
        get;
        init => field = new EquatableList<string>(value);
    }

    public required int RuleSetVersion { get; init; }

    /// <summary>0–100: how strong the case for fine-tuning is (behaviour gap, format, domain, efficiency, prompting).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CaseScore { get; init; }

    /// <summary>0–100: how ready the team is to do it (data, rights, fairness, budget, expertise, upkeep, evaluation).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TeamScore { get; init; }

    /// <summary>Where fine-tuning stands: none, blocked, pilot or production.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FineTuneStage? FineTuneStage { get; init; }

    /// <summary>The blockers that fired (whether or not they decide the verdict), each with its reason.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Blocker>? Blockers
    {
        get;
        init => field = value is null ? null : new EquatableList<Blocker>(value);
    }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Plan? Plan { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Confidence? Confidence { get; init; }

    /// <summary>The single-answer changes that would change the verdict, the most plausible first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Hinge>? Hinges
    {
        get;
        init => field = value is null ? null : new EquatableList<Hinge>(value);
    }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MeasureValues? Measures { get; init; }
}
