using System.Globalization;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// Placeholders allowed in rule messages, next steps and risks, so that advice can carry numbers:
/// <c>{pilot_examples}</c> a parameter's value; <c>{answer:example_count}</c> an answer;
/// <c>{shortfall:production_examples:example_count}</c> how far an answer falls short of a parameter,
/// rounded up to two significant figures ("about 7,500 more"). Anything else is refused when the rule set loads.
/// </summary>
public static partial class MessageTemplate
{
    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>The placeholders in a text, without their braces.</summary>
    public static IEnumerable<string> PlaceholdersIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Placeholder().Matches(text).Select(m => m.Groups[1].Value);
    }

    /// <summary>Null when the placeholder is valid, else the problem.</summary>
    public static string? Check(string placeholder, IReadOnlyDictionary<string, RuleParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        ArgumentNullException.ThrowIfNull(parameters);
        var parts = placeholder.Split(':');
        switch (parts)
        {
            case [var name] when parameters.ContainsKey(name):
                return null;
            case ["answer", var id] when QuestionCatalogue.Find(id) is { Type: not QuestionType.Text }:
                return null;
            case ["shortfall", var name, var id] when parameters.TryGetValue(name, out var p) && p.IsNumber
                                                       && QuestionCatalogue.Find(id) is { Type: QuestionType.Number }:
                return null;
            default:
                return $"Unknown placeholder '{{{placeholder}}}'. Use {{parameter}}, {{answer:question_id}} or {{shortfall:parameter:question_id}} with a numeric question.";
        }
    }

    public static string Render(string text, RuleSet ruleSet, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(answers);
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        return Placeholder().Replace(text, match =>
        {
            var parts = match.Groups[1].Value.Split(':');
            return parts switch
            {
                [var name] => FormatParameter(ruleSet.Parameters[name]),
                ["answer", var id] => FormatAnswer(id, answers),
                ["shortfall", var name, var id] => FormatNumber(RoundUp(Math.Max(0, ruleSet.Number(name) - (answers.NumberOf(id) ?? 0)))),
                _ => match.Value,
            };
        });
    }

    private static string FormatParameter(RuleParameter parameter) =>
        parameter.IsNumber ? FormatNumber(parameter.Number) : parameter.Value;

    private static string FormatAnswer(string id, AnswerSet answers)
    {
        if (!answers.TryGetValue(id, out var value))
        {
            return "(not answered)";
        }

        var question = QuestionCatalogue.Find(id)!;
        return question.Type switch
        {
            // Tolerant on purpose: the engine is total even for answers nobody validated.
            QuestionType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? FormatNumber(n) : value,
            QuestionType.Choice or QuestionType.Boolean => question.LabelOf(value)?.ToLowerInvariant() ?? value,
            _ => value,
        };
    }

    private static string FormatNumber(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Rounds up to two significant figures, so "about" never asks for too little.</summary>
    public static double RoundUp(double value)
    {
        if (value < 100)
        {
            return Math.Ceiling(value);
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)) - 1);
        return Math.Ceiling(value / magnitude) * magnitude;
    }
}
