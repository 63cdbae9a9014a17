using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary><c>{"not": c}</c>: the inner condition does not hold.</summary>
public sealed record NotCondition(Condition Inner) : Condition
{
    public override bool IsMet(AnswerSet answers) => !Inner.IsMet(answers);

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("not");
        Inner.Write(writer);
        writer.WriteEndObject();
    }
}
