namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// One answer change that would change the verdict: the question, its answer now and the answer that would do it
/// (canonical values, as the API takes them), the verdict it would give, and a sentence saying so.
/// </summary>
public sealed record Hinge(string Question, string From, string To, Verdict Verdict, FineTuneStage FineTuneStage, string Text);
