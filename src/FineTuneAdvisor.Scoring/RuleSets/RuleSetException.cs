namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>Thrown by <see cref="RuleSetLoader.LoadOrThrow"/> with every problem of the rule set.</summary>
public sealed class RuleSetException(IReadOnlyList<RuleSetProblem> problems)
    : Exception("The rule set is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<RuleSetProblem> Problems { get; } = problems;
}
