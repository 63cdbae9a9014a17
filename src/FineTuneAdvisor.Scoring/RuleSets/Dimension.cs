using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>Which score a rule's weight counts towards (written <c>case</c>, <c>team</c>).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Dimension>))]
public enum Dimension
{
    /// <summary>How strong the case for fine-tuning is: the behaviour gap, format, domain, efficiency, what prompting achieved.</summary>
    Case,

    /// <summary>How ready the team is to do it: data, rights, fairness, budget, expertise, upkeep, evaluation.</summary>
    Team,
}
