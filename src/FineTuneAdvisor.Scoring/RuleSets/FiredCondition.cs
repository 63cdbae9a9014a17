using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// <c>{"fired": "rule-id"}</c>, in plan steps only: the rule fired, so a blocker's step follows its rule without
/// repeating the rule's condition. Equal by rule id (<see cref="RulePosition"/> is where the rule set holds it).
/// </summary>
public sealed record FiredCondition(string RuleId, int RulePosition) : Condition
{
    internal override bool Holds(Facts facts) => facts.Fired is { } fired && fired[RulePosition];

    public bool Equals(FiredCondition? other) => other is not null && string.Equals(RuleId, other.RuleId, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(RuleId);

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("fired", RuleId);
        writer.WriteEndObject();
    }
}
