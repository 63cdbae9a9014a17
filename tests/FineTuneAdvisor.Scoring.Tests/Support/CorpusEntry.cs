using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.Tests.Support;

/// <summary>One corpus answer set and its result under the default rules.</summary>
public sealed record CorpusEntry(AnswerSet Answers, AssessmentResult Result, CorpusSource Source);
