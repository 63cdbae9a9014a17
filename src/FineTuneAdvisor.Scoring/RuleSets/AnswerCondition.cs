using System.Globalization;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>A comparison of one question's answer. A missing answer meets no comparison.</summary>
public sealed record AnswerCondition(Question Question, Comparison Comparison, IReadOnlyList<Operand> Operands) : Condition
{
    public IReadOnlyList<Operand> Operands { get; } = new EquatableList<Operand>(Operands);

    public override bool IsMet(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (!answers.TryGetValue(Question.Id, out var answer))
        {
            return false;
        }

        switch (Comparison)
        {
            case Comparison.Equals:
            case Comparison.OneOf:
                for (var i = 0; i < Operands.Count; i++)
                {
                    if (string.Equals(Operands[i].Value, answer, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            default:
                var rank = RankOf(Question, answer);
                if (rank is null)
                {
                    return false;
                }

                return Comparison switch
                {
                    Comparison.AtLeast => rank >= Operands[0].Rank,
                    Comparison.AtMost => rank <= Operands[0].Rank,
                    _ => rank >= Operands[0].Rank && rank <= Operands[1].Rank,
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
