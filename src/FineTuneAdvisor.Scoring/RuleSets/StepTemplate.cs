using FineTuneAdvisor.Scoring.Evaluation;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// One step of a plan as the rule set declares it (schema 2), rendered into a result's <see cref="PlanStep"/>: the
/// verdicts (and, optionally, fine-tuning stages) it serves, when it applies, and its text. A step that <see cref="Resolves"/> an unsure answer moves to
/// <see cref="StepGroup.RemoveFirst"/> when that answer decides the verdict.
/// </summary>
public sealed record StepTemplate
{
    public required string Id { get; init; }
    public required StepGroup Group { get; init; }

    public required IReadOnlyList<Verdict> Verdicts
    {
        get;
        init => field = new EquatableList<Verdict>(value);
    }

    /// <summary>Empty: any stage of the listed verdicts.</summary>
    public required IReadOnlyList<FineTuneStage> Stages
    {
        get;
        init => field = new EquatableList<FineTuneStage>(value);
    }

    /// <summary>The question whose unsure answer this step settles, if any.</summary>
    public string? Resolves { get; init; }

    /// <summary>Null: whenever the verdict (and stage) match.</summary>
    public Condition? When { get; init; }

    public required string Text { get; init; }
    public required string Citation { get; init; }

    /// <summary>Whether the step serves this verdict at this stage (what it declares, not its condition).</summary>
    public bool Serves(Verdict verdict, FineTuneStage stage)
    {
        var verdictListed = false;
        for (var i = 0; i < Verdicts.Count; i++)
        {
            verdictListed |= Verdicts[i] == verdict;
        }

        if (!verdictListed)
        {
            return false;
        }

        if (Stages.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < Stages.Count; i++)
        {
            if (Stages[i] == stage)
            {
                return true;
            }
        }

        return false;
    }
}
