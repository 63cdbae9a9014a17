namespace FineTuneAdvisor.Scoring.Impact;

/// <summary>What publishing a draft would do to the assessments re-scored: changed verdicts, and mean shifts.</summary>
public sealed record RuleImpactReport(
    int Assessed,
    IReadOnlyList<VerdictTransition> Transitions,
    double MeanScoreShift,
    IReadOnlyList<CriterionShift> CriterionShifts,
    IReadOnlyList<ImpactChange> Changes)
{
    public int Changed => Changes.Count;
}
