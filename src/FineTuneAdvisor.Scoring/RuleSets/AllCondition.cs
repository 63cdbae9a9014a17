using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary><c>{"all": [c, …]}</c>: every part holds.</summary>
public sealed record AllCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public IReadOnlyList<Condition> Conditions { get; } = new EquatableList<Condition>(Conditions);

    public override bool IsMet(AnswerSet answers) => Conditions.All(c => c.IsMet(answers));

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("all");
        foreach (var condition in Conditions)
        {
            condition.Write(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
