using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// Where fine-tuning stands in a verdict (written <c>none</c>, <c>blocked</c>, <c>pilot</c>, <c>production</c>).
/// <c>rag_and_fine_tune</c> says with it whether its fine-tuning half is a pilot or a production fine-tune, and a
/// <c>rag</c> verdict whether fine-tuning waits on a blocker (staged) or is not needed at all.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<FineTuneStage>))]
public enum FineTuneStage
{
    /// <summary>Fine-tuning is not part of the advice: <c>prompt_engineering</c>, or <c>rag</c> alone.</summary>
    None,

    /// <summary>Fine-tuning would be worth it, but a blocker must be removed first: <c>not_ready</c>, or <c>rag</c> now.</summary>
    Blocked,

    /// <summary>Fine-tune as a pilot first: <c>pilot</c>, or the fine-tuning half of <c>rag_and_fine_tune</c>.</summary>
    Pilot,

    /// <summary>Fine-tune for production: <c>fine_tune</c>, or the fine-tuning half of <c>rag_and_fine_tune</c>.</summary>
    Production,
}
