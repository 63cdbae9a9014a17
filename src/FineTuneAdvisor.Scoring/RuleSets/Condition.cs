using System.Text;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A structured condition over answers, measures and (in plan steps) fired rules. Rule sets are data: a small
/// interpreter evaluates these records, so nothing an admin types can ever run as code. Conditions compare by value.
/// </summary>
public abstract record Condition
{
    /// <summary>
    /// Whether the condition holds for these answers alone. Answers to questions that do not apply count as
    /// unanswered; measures and fired rules are unknown here, so comparisons on them do not hold.
    /// </summary>
    public bool IsMet(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Holds(Facts.Of(answers, procedure: null));
    }

    internal abstract bool Holds(Facts facts);

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
