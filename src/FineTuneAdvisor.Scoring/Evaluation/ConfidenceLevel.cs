using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>How firm the verdict is (written <c>high</c>, <c>medium</c>, <c>low</c>).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ConfidenceLevel>))]
public enum ConfidenceLevel
{
    /// <summary>Nothing the team is unsure of, and no threshold close by, could change the verdict.</summary>
    High,

    /// <summary>One unsure answer, or one nearby threshold, could change it.</summary>
    Medium,

    /// <summary>Two or more could.</summary>
    Low,
}
