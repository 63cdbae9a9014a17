namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// The verdict and the scores alone, without the explanation: what <c>RulesEngine.Decide</c> computes quickly,
/// for the hinge search, "what the current rules would say" and properties over many answer sets.
/// </summary>
public sealed record Decision(Verdict Verdict, FineTuneStage FineTuneStage, int ReadinessScore, int CaseScore, int TeamScore);
