namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>One step of a result's plan: the rule set's step id, its text rendered with the answers, and its source.</summary>
public sealed record PlanStep(string Id, string Text, string Citation);
