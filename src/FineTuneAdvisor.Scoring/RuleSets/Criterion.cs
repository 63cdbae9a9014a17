namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A criterion of the article. Ids are the spec's contract; rules serve exactly one criterion each, and their weight
/// counts towards the criterion's <see cref="Dimension"/> unless the rule says otherwise.
/// </summary>
public sealed record Criterion(string Id, CriterionGroup Group, string Title, string Citation, string NeutralReason, Dimension Dimension);
