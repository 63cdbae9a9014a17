using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// Which way a fired rule points the verdict, beyond its weight (see docs/scoring.md, "Verdict"). Written
/// <c>retrieval</c>, <c>prompting</c>, <c>behavior</c>, <c>pilot_first</c>, <c>feasibility</c>; a rule without one has a null signal.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RuleSignal>))]
public enum RuleSignal
{
    /// <summary>The gap is knowledge or the information moves too fast: retrieval fits.</summary>
    Retrieval,

    /// <summary>The base model with good prompts already does the job.</summary>
    Prompting,

    /// <summary>A behaviour or format need that fine-tuning addresses.</summary>
    Behavior,

    /// <summary>Promising, but something must be proven in a pilot before a production fine-tune.</summary>
    PilotFirst,

    /// <summary>
    /// A gap in what it takes to run a fine-tune (expertise, budget, upkeep, a hosting path the team can support): a
    /// pilot first, never a production fine-tune (Disadvantages: Resource Intensive, Maintenance Needs).
    /// </summary>
    Feasibility,
}
