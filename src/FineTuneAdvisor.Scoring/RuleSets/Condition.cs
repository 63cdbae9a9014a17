using System.Globalization;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A structured condition over answers. Rule sets are data: a small interpreter evaluates these records,
/// so nothing an admin types can ever run as code.
/// </summary>
public abstract record Condition
{
    public abstract bool IsMet(AnswerSet answers);
}

public sealed record AllCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool IsMet(AnswerSet answers) => Conditions.All(c => c.IsMet(answers));
}

public sealed record AnyCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool IsMet(AnswerSet answers) => Conditions.Any(c => c.IsMet(answers));
}

public sealed record NotCondition(Condition Inner) : Condition
{
    public override bool IsMet(AnswerSet answers) => !Inner.IsMet(answers);
}

public enum Comparison
{
    Equals,
    OneOf,
    AtLeast,
    AtMost,
    Between,
}

/// <summary>
/// A literal value or a reference to a rule-set parameter, already resolved when the rule set was loaded.
/// <see cref="Rank"/> is what ordered comparisons use: the number itself, or a choice's position in its list.
/// </summary>
public sealed record Operand(string Value, double Rank, string? Parameter = null)
{
    public override string ToString() => Parameter is null ? Value : $"{{param: {Parameter}}} = {Value}";
}

/// <summary>A comparison of one question's answer. A missing answer meets no comparison.</summary>
public sealed record AnswerCondition(Question Question, Comparison Comparison, IReadOnlyList<Operand> Operands) : Condition
{
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
                foreach (var operand in Operands)
                {
                    if (string.Equals(operand.Value, answer, StringComparison.Ordinal))
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
}
