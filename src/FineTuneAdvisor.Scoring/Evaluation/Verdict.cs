using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>The six verdicts of the spec. Their snake_case names (<c>rag_and_fine_tune</c>) are the API codes.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Verdict>))]
public enum Verdict
{
    FineTune,
    Pilot,
    Rag,
    RagAndFineTune,
    PromptEngineering,
    NotReady,
}
