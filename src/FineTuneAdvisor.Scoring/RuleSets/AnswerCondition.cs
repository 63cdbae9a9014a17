using System.Globalization;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A comparison of one question's answer. An unanswered question, or one that does not apply, meets no comparison;
/// ordered comparisons never meet a <c>not_sure</c> answer (rules that mean it name it with <c>equals</c> or <c>oneOf</c>).
/// </summary>
public sealed record AnswerCondition(Question Question, Comparison Comparison, IReadOnlyList<Operand> Operands) : Condition
{
    public IReadOnlyList<Operand> Operands { get; } = new EquatableList<Operand>(Operands);

    /// <summary>The position of the question's <c>not_sure</c> choice, or -1: ordered comparisons skip it.</summary>
    private readonly double _unranked = Question.Choices.Select((c, i) => c.Unranked ? i : -1).FirstOrDefault(i => i >= 0, -1);

    internal override bool Holds(Facts facts)
    {
        var value = facts[Question.Position];
        if (double.IsNaN(value))
        {
            return false;
        }

        switch (Comparison)
        {
            case Comparison.Equals:
            case Comparison.OneOf:
                for (var i = 0; i < Operands.Count; i++)
                {
                    if (Operands[i].Rank == value)
                    {
                        return true;
                    }
                }

                return false;
            default:
                if (value == _unranked)
                {
                    return false;
                }

                return Comparison switch
                {
                    Comparison.AtLeast => value >= Operands[0].Rank,
                    Comparison.AtMost => value <= Operands[0].Rank,
                    _ => value >= Operands[0].Rank && value <= Operands[1].Rank,
                };
        }
    }

    /// <summary>Numbers rank by value, choices by their position in the question's list.</summary>
    public static double? RankOf(Question question, string value)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type switch
        {
            QuestionType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null,
            QuestionType.Choice or QuestionType.Boolean => question.IndexOf(value) is var i and >= 0 ? i : null,
            _ => null,
        };
    }

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("question", Question.Id);
        writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(Comparison.ToString()));
        if (Comparison is Comparison.OneOf or Comparison.Between)
        {
            writer.WriteStartArray();
            foreach (var operand in Operands)
            {
                WriteOperand(writer, operand);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteOperand(writer, Operands[0]);
        }

        writer.WriteEndObject();
    }

    private void WriteOperand(Utf8JsonWriter writer, Operand operand)
    {
        if (operand.Parameter is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("param", operand.Parameter);
            writer.WriteEndObject();
            return;
        }

        switch (Question.Type)
        {
            case QuestionType.Number:
                writer.WriteNumberValue(long.Parse(operand.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                break;
            case QuestionType.Boolean:
                writer.WriteBooleanValue(operand.Value == "true");
                break;
            default:
                writer.WriteStringValue(operand.Value);
                break;
        }
    }
}
