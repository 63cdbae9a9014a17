namespace FineTuneAdvisor.Scoring.Impact;

/// <summary>The mean change of one criterion's score over the assessments re-scored.</summary>
public sealed record CriterionShift(string Id, string Title, double MeanShift);
