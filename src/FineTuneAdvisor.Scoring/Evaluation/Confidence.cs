using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>How firm the verdict is, and why: each unsure answer, and a threshold close to an answer.</summary>
public sealed record Confidence
{
    public required ConfidenceLevel Level { get; init; }

    public required IReadOnlyList<string> Reasons
    {
        get;
        init => field = new EquatableList<string>(value);
    }
}
