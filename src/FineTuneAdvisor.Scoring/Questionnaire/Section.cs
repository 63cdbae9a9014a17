namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>A group of questions asked together: one step of the questionnaire.</summary>
public sealed record Section(string Id, string Title, string Intro);
