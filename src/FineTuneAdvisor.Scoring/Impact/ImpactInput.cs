using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.Impact;

/// <summary>One stored assessment to re-score: its public id and date (to list it), and its answers.</summary>
public sealed record ImpactInput(string PublicId, DateTime CreatedAt, AnswerSet Answers);
