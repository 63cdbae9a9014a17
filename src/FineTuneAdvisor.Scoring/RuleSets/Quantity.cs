using System.Globalization;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A number a measure is compared with or ramps between: a literal, a parameter (its value resolved when the rule set
/// was loaded) or another measure (known only when evaluating). Like <see cref="Operand"/>, two quantities are equal
/// when they are written the same: a parameter whatever its value.
/// </summary>
public sealed record Quantity(double Number, string? Parameter = null, Measure? Measure = null)
{
    internal double ValueIn(Facts facts) => Measure is { } measure ? facts.Measure(measure) : Number;

    public bool Equals(Quantity? other) =>
        other is not null && (Measure is not null
            ? Measure == other.Measure
            : Parameter is not null
                ? string.Equals(Parameter, other.Parameter, StringComparison.Ordinal)
                : other.Parameter is null && other.Measure is null && Number.Equals(other.Number));

    public override int GetHashCode() => Measure is { } m ? m.GetHashCode() : Parameter is not null ? StringComparer.Ordinal.GetHashCode(Parameter) : Number.GetHashCode();

    public override string ToString() => Measure is { } m ? m.ToString() : Parameter is null ? Number.ToString(CultureInfo.InvariantCulture) : $"{{param: {Parameter}}} = {Number.ToString(CultureInfo.InvariantCulture)}";

    internal void Write(Utf8JsonWriter writer)
    {
        if (Measure is { } measure)
        {
            writer.WriteStartObject();
            writer.WriteString("measure", Json.JsonEnumNames.JsonName(measure));
            writer.WriteEndObject();
        }
        else if (Parameter is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("param", Parameter);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNumberValue(Number);
        }
    }
}
