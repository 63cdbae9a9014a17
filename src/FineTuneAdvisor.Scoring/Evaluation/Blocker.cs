namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>A blocker rule that fired: its id and its reason, rendered with the answers.</summary>
public sealed record Blocker(string Id, string Message);
