namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// The parameters the procedure and the measures read (schema 2), looked up once when the rule set is compiled.
/// Each is documented in docs/scoring.md, "Parameters".
/// </summary>
public sealed record ProcedureParameters
{
    public required double CaseMinScore { get; init; }
    public required double FineTuneMinScore { get; init; }
    public required double ScoreSpread { get; init; }
    public required double CriterionSpread { get; init; }
    public required double ConfidenceMargin { get; init; }
    public required double ProductionExamples { get; init; }
    public required double ProductionBonusSpecialized { get; init; }
    public required double ProductionBonusStrictFormat { get; init; }
    public required double QualityFactorRaw { get; init; }
    public required double QualityFactorPartiallyReviewed { get; init; }
    public required double QualityFactorCurated { get; init; }
    public required double QualityFactorNotSure { get; init; }
}
