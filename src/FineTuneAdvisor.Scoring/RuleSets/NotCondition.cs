using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary><c>{"not": c}</c>: the inner condition does not hold.</summary>
public sealed record NotCondition(Condition Inner) : Condition
{
    internal override bool Holds(Facts facts) => !Inner.Holds(facts);

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("not");
        Inner.Write(writer);
        writer.WriteEndObject();
    }
}
