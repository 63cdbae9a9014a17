using FineTuneAdvisor.Scoring.Evaluation;

namespace FineTuneAdvisor.Scoring.Impact;

/// <summary>An assessment whose verdict the draft would change.</summary>
public sealed record ImpactChange(string PublicId, DateTime CreatedAt, Verdict From, Verdict To, int ScoreFrom, int ScoreTo);
