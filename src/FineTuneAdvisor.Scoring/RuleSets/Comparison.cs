namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>How an <see cref="AnswerCondition"/> compares; written as the camelCase operator (<c>oneOf</c>, <c>atLeast</c>…).</summary>
public enum Comparison
{
    Equals,
    OneOf,
    AtLeast,
    AtMost,
    Between,
}
