using System.Globalization;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// Reads one operand of a comparison for its question: a literal of the question's type (a choice value, a whole
/// number within range, true or false) or <c>{"param": name}</c>. Shared by the validator (which gets the problems)
/// and the compiler (which only ever reads validated operands).
/// </summary>
internal static class OperandReader
{
    public static Operand? Read(Question question, JsonElement element, IReadOnlyDictionary<string, RuleParameter> parameters, string path, List<RuleSetProblem> problems)
    {
        string? parameter = null;
        string raw;
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (ReadParameterName(element, path, problems) is not { } name)
            {
                return null;
            }

            if (!parameters.TryGetValue(name, out var value))
            {
                problems.Add(new($"{path}.param", $"Unknown parameter '{name}'."));
                return null;
            }

            if (question.Type == QuestionType.Number && (!value.IsNumber || value.Number != Math.Floor(value.Number)))
            {
                problems.Add(new($"{path}.param", $"Parameter '{name}' ({value.Value}) must be a whole number to compare with '{question.Id}'."));
                return null;
            }

            parameter = name;
            raw = value.Value;
        }
        else
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String when question.Type == QuestionType.Choice:
                    raw = element.GetString()!;
                    break;
                case JsonValueKind.Number when question.Type == QuestionType.Number && element.TryGetInt64(out var whole):
                    raw = whole.ToString(CultureInfo.InvariantCulture);
                    break;
                case JsonValueKind.True or JsonValueKind.False when question.Type == QuestionType.Boolean:
                    raw = element.GetBoolean() ? "true" : "false";
                    break;
                default:
                    problems.Add(new(path, $"'{question.Id}' takes {Describe(question)}."));
                    return null;
            }
        }

        var rank = AnswerCondition.RankOf(question, raw);
        var valid = question.Type switch
        {
            QuestionType.Number => rank is { } n && n >= question.Minimum && n <= question.Maximum,
            _ => rank is not null,
        };
        if (!valid)
        {
            var source = parameter is null ? "" : $" (from parameter '{parameter}')";
            problems.Add(new(path, $"'{raw}'{source} is out of range for '{question.Id}', which takes {Describe(question)}."));
            return null;
        }

        return new Operand(raw, rank!.Value, parameter);
    }

    /// <summary>What a question takes, for problem messages.</summary>
    public static string Describe(Question question) => question.Type switch
    {
        QuestionType.Number => $"a whole number from {question.Minimum} to {question.Maximum}",
        QuestionType.Boolean => "true or false",
        _ => "one of " + string.Join(", ", question.Choices.Select(c => c.Value)),
    };

    /// <summary>A parameter reference is exactly <c>{"param": "name"}</c>.</summary>
    private static string? ReadParameterName(JsonElement element, string path, List<RuleSetProblem> problems)
    {
        foreach (var property in element.EnumerateObject().Where(p => p.Name != "param"))
        {
            problems.Add(new($"{path}.{property.Name}", "Unknown property. Expected one of: param."));
        }

        if (!element.TryGetProperty("param", out var name))
        {
            problems.Add(new($"{path}.param", "Required."));
            return null;
        }

        if (name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
        {
            problems.Add(new($"{path}.param", "Must be a non-empty string."));
            return null;
        }

        return name.GetString();
    }
}
