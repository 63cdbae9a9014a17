namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>How one criterion's score moved between two assessments.</summary>
public sealed record CriterionDelta(string Id, string Title, int Before, int After)
{
    public int Delta => After - Before;
}
