namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>The outcome of loading: a rule set, or every problem found. Never both.</summary>
public sealed record RuleSetLoadResult(RuleSet? RuleSet, IReadOnlyList<RuleSetProblem> Problems)
{
    public bool IsValid => RuleSet is not null;
}
