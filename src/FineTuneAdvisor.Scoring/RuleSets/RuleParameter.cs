namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>A named threshold. Numbers keep their value in <see cref="Number"/>; choice thresholds keep the choice value.</summary>
public sealed record RuleParameter(string Name, string Value, double Number, bool IsNumber);
