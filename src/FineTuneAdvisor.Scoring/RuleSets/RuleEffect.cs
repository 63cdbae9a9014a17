using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>What a fired rule does to the verdict. Written <c>support</c>, <c>oppose</c>, <c>blocker</c>.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RuleEffect>))]
public enum RuleEffect
{
    /// <summary>Adds its weight to the readiness score.</summary>
    Support,

    /// <summary>Takes its weight off the readiness score.</summary>
    Oppose,

    /// <summary>Takes its weight off and makes the verdict "not ready" whenever fine-tuning is on the table.</summary>
    Blocker,
}
