using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>What to do, for this verdict: what must be removed or settled first, then how to follow the advice.</summary>
public sealed record Plan
{
    public required IReadOnlyList<PlanStep> RemoveFirst
    {
        get;
        init => field = new EquatableList<PlanStep>(value);
    }

    public required IReadOnlyList<PlanStep> Then
    {
        get;
        init => field = new EquatableList<PlanStep>(value);
    }
}
