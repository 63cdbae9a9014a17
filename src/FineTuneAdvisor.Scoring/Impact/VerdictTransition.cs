using FineTuneAdvisor.Scoring.Evaluation;

namespace FineTuneAdvisor.Scoring.Impact;

/// <summary>How many assessments would move from one verdict to another.</summary>
public sealed record VerdictTransition(Verdict From, Verdict To, int Count);
