using System.Globalization;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// Placeholders allowed in rule messages, risks and plan steps, so that advice can carry numbers:
/// <c>{pilot_examples}</c> a parameter's value; <c>{answer:example_count}</c> an answer; <c>{measure:effective_examples}</c>
/// a measure; <c>{shortfall:production_target:effective_examples}</c> how far a numeric answer or measure falls short of
/// a parameter or measure, rounded up to two significant figures ("about 7,500 more"). Anything else is refused when
/// the rule set loads.
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
        bool IsTarget(string name) => JsonEnumNames.TryParse<Measure>(name, out _) || (parameters.TryGetValue(name, out var p) && p.IsNumber);
        bool IsAmount(string name) => JsonEnumNames.TryParse<Measure>(name, out _) || QuestionCatalogue.Find(name) is { Type: QuestionType.Number };
        switch (parts)
        {
            case [var name] when parameters.ContainsKey(name):
                return null;
            case ["answer", var id] when QuestionCatalogue.Find(id) is { Type: not QuestionType.Text }:
                return null;
            case ["measure", var name] when JsonEnumNames.TryParse<Measure>(name, out _):
                return null;
            case ["shortfall", var target, var amount] when IsTarget(target) && IsAmount(amount):
                return null;
            default:
                return $"Unknown placeholder '{{{placeholder}}}'. Use {{parameter}}, {{answer:question_id}}, {{measure:name}} or " +
                       "{shortfall:parameter_or_measure:numeric_question_or_measure}.";
        }
    }

    /// <summary>Renders a text with these answers (measures computed from them when the text needs one).</summary>
    public static string Render(string text, RuleSet ruleSet, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(answers);
        return Render(text, ruleSet, answers, facts: null);
    }

    internal static string Render(string text, RuleSet ruleSet, AnswerSet answers, Facts? facts)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        double Amount(string name)
        {
            if (JsonEnumNames.TryParse<Measure>(name, out var measure))
            {
                facts ??= Facts.Of(answers, ruleSet.Procedure);
                var value = facts.Measure(measure);
                return double.IsNaN(value) ? 0 : value;
            }

            return ruleSet.Parameters.TryGetValue(name, out var parameter) ? parameter.Number : answers.NumberOf(name) ?? 0;
        }

        // A scan rather than a regex replace: every message of every result passes through here.
        var rendered = new System.Text.StringBuilder(text.Length + 16);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf('{', at);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 1);
            var nested = close < 0 ? -1 : text.IndexOf('{', open + 1, close - open - 1);
            if (open < 0 || close < 0)
            {
                rendered.Append(text, at, text.Length - at);
                break;
            }

            if (nested >= 0)
            {
                rendered.Append(text, at, nested - at);
                at = nested;
                continue;
            }

            rendered.Append(text, at, open - at);
            var parts = text.Substring(open + 1, close - open - 1).Split(':');
            rendered.Append(parts switch
            {
                [var name] when ruleSet.Parameters.TryGetValue(name, out var parameter) => FormatParameter(parameter),
                ["answer", var id] => FormatAnswer(id, answers),
                ["measure", var name] => FormatNumber(Amount(name)),
                ["shortfall", var target, var amount] => FormatNumber(RoundUp(Math.Max(0, Amount(target) - Amount(amount)))),
                _ => text.Substring(open, close - open + 1),
            });
            at = close + 1;
        }

        return rendered.ToString();
    }

    private static string FormatParameter(RuleParameter parameter) =>
        !parameter.IsNumber ? parameter.Value
        : parameter.Number == Math.Floor(parameter.Number) ? FormatNumber(parameter.Number)
        : parameter.Number.ToString("#,0.##", CultureInfo.InvariantCulture);

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

    /// <summary>Whole numbers with separators; a fraction (an effective count of raw rows) is rounded to the nearest one.</summary>
    private static string FormatNumber(double value) => Math.Round(value, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.InvariantCulture);

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
