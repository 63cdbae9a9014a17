using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// <c>{"measure": "effective_examples", "atLeast": {"param": "pilot_examples"}}</c>: a comparison of a measure with a
/// number, a parameter or another measure (<c>atLeast</c>, <c>atMost</c> or <c>between</c>).
/// </summary>
public sealed record MeasureCondition(Measure Measure, Comparison Comparison, IReadOnlyList<Quantity> Operands) : Condition
{
    public IReadOnlyList<Quantity> Operands { get; } = new EquatableList<Quantity>(Operands);

    internal override bool Holds(Facts facts)
    {
        var value = facts.Measure(Measure);
        if (double.IsNaN(value))
        {
            return false;
        }

        return Comparison switch
        {
            Comparison.AtLeast => value >= Operands[0].ValueIn(facts),
            Comparison.AtMost => value <= Operands[0].ValueIn(facts),
            _ => value >= Operands[0].ValueIn(facts) && value <= Operands[1].ValueIn(facts),
        };
    }

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("measure", Measure.JsonName());
        writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(Comparison.ToString()));
        if (Comparison == Comparison.Between)
        {
            writer.WriteStartArray();
            foreach (var operand in Operands)
            {
                operand.Write(writer);
            }

            writer.WriteEndArray();
        }
        else
        {
            Operands[0].Write(writer);
        }

        writer.WriteEndObject();
    }
}
