using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>Which part of the article a criterion comes from. Written <c>when_to_fine_tune</c>, and so on.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<CriterionGroup>))]
public enum CriterionGroup
{
    WhenToFineTune,
    WhenNotToFineTune,
    OtherConsiderations,
}
