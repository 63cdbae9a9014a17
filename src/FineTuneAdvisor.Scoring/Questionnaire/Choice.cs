namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>One allowed value of a choice question, in the order the question lists them.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null);
