namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>The measures as the engine computed them for this result (see RuleSets/Measure.cs).</summary>
public sealed record MeasureValues(double EffectiveExamples, double ProductionTarget);
