namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A literal value or a reference to a rule-set parameter, already resolved when the rule set was loaded.
/// <see cref="Rank"/> is what ordered comparisons use: the number itself, or a choice's position in its list.
/// Two operands are equal when they are written the same: the same literal, or the same parameter whatever its
/// value (a changed threshold is a change of the parameter, not of every condition that reads it).
/// </summary>
public sealed record Operand(string Value, double Rank, string? Parameter = null)
{
    public bool Equals(Operand? other) =>
        other is not null && (Parameter is null
            ? other.Parameter is null && string.Equals(Value, other.Value, StringComparison.Ordinal)
            : string.Equals(Parameter, other.Parameter, StringComparison.Ordinal));

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Parameter ?? Value);

    public override string ToString() => Parameter is null ? Value : $"{{param: {Parameter}}} = {Value}";
}
