using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>How a verdict reads to a product manager: a headline they can repeat in a meeting, and what it means.</summary>
public sealed record VerdictText(Verdict Verdict, string Headline, string Meaning)
{
    /// <summary>The API code, e.g. <c>fine_tune</c>.</summary>
    public string Code => Verdict.JsonName();
}
