using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>Where a plan step goes (written <c>remove_first</c>, <c>then</c>).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<StepGroup>))]
public enum StepGroup
{
    /// <summary>What must be removed or settled before the advice can be followed: blockers, unsure answers that decide it.</summary>
    RemoveFirst,

    /// <summary>How to follow the advice.</summary>
    Then,
}
