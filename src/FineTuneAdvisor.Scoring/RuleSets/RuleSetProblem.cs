namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>One thing wrong with a rule set, at the JSON path where it was found.</summary>
public sealed record RuleSetProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
