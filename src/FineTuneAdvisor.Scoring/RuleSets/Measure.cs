using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A number the engine derives from several answers, which rules compare and ramp on like an answer (written
/// <c>effective_examples</c>, <c>production_target</c>). The list is code, documented in docs/scoring.md; the
/// factors they use are rule-set parameters.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Measure>))]
public enum Measure
{
    /// <summary><c>example_count</c> × the quality factor of <c>data_quality</c>: the rows counted as high-quality examples.</summary>
    EffectiveExamples,

    /// <summary><c>production_examples</c> × (1 + the bonuses for a specialised domain and a strict format).</summary>
    ProductionTarget,
}
