using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary><c>{"all": [c, …]}</c>: every part holds.</summary>
public sealed record AllCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public IReadOnlyList<Condition> Conditions { get; } = new EquatableList<Condition>(Conditions);

    internal override bool Holds(Facts facts)
    {
        // An index loop, not LINQ or foreach: evaluated for every rule of every assessment, and both allocate.
        for (var i = 0; i < Conditions.Count; i++)
        {
            if (!Conditions[i].Holds(facts))
            {
                return false;
            }
        }

        return true;
    }

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
