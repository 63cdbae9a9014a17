using System.Text;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A structured condition over answers. Rule sets are data: a small interpreter evaluates these records,
/// so nothing an admin types can ever run as code. Conditions compare by value.
/// </summary>
public abstract record Condition
{
    public abstract bool IsMet(AnswerSet answers);

    /// <summary>The condition as compact rule-set JSON, e.g. <c>{"question":"domain","equals":"general"}</c>.</summary>
    public sealed override string ToString()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal abstract void Write(Utf8JsonWriter writer);
}
