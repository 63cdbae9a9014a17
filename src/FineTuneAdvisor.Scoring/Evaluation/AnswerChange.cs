namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>One answer that differs between two assessments (null where a side has no answer).</summary>
public sealed record AnswerChange(string QuestionId, string? Before, string? After);
