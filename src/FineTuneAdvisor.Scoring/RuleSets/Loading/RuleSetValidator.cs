using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// Everything about a bound rule set that its shape cannot say: ids and names well formed and unique, known
/// criteria, questions and parameters, operands a question can take, weights and texts within range, placeholders
/// that render, required thresholds present and in order. Every problem is collected with its JSON path.
/// </summary>
internal sealed partial class RuleSetValidator
{
    public const int MaxConditionDepth = 8;
    private const int MaxNameLength = 200;
    private const int MaxIdLength = 64;
    private const int MaxCitationLength = 120;

    private readonly List<RuleSetProblem> _problems;
    private readonly Dictionary<string, RuleParameter> _parameters = new(StringComparer.Ordinal);

    private RuleSetValidator(List<RuleSetProblem> problems) => _problems = problems;

    /// <summary>Adds every problem of <paramref name="document"/> to <paramref name="problems"/> (which may hold the binder's).</summary>
    public static void Validate(RuleSetDto document, List<RuleSetProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(problems);
        new RuleSetValidator(problems).Check(document);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_-]{1,63}$")]
    internal static partial Regex IdPattern();

    private void Problem(string path, string message) => _problems.Add(new(path, message));

    private void Check(RuleSetDto document)
    {
        if (document.SchemaVersion != RuleSetLoader.SchemaVersion)
        {
            Problem("$.schemaVersion", $"Schema version {document.SchemaVersion} is not supported; this build reads version {RuleSetLoader.SchemaVersion}.");
        }

        if (document.Version < 1)
        {
            Problem("$.version", "The version must be 1 or more.");
        }

        Text(document.Name, "$.name", MaxNameLength);
        CheckParameters(document.Parameters);
        CheckRules(document.Rules);
    }

    private void CheckParameters(IReadOnlyDictionary<string, JsonElement> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var path = $"$.parameters.{name}";
            if (!IdPattern().IsMatch(name))
            {
                Problem(path, "Parameter names are lower-case letters, digits, '_' or '-'.");
            }
            else if (ParameterReader.Read(name, value) is { } parameter)
            {
                _parameters[name] = parameter;
            }
            else
            {
                Problem(path, "A parameter is a finite number or a string.");
            }
        }

        RequiredNumber(RequiredParameters.PilotExamples, 1, 100_000_000);
        RequiredNumber(RequiredParameters.ProductionExamples, 1, 100_000_000);
        RequiredNumber(RequiredParameters.PilotMinScore, 1, 100);
        RequiredNumber(RequiredParameters.FineTuneMinScore, 0, 100);
        var numbers = _parameters.Values.Where(p => p.IsNumber).ToDictionary(p => p.Name, p => p.Number, StringComparer.Ordinal);
        foreach (var (parameter, message) in RequiredParameters.OrderProblems(numbers))
        {
            Problem($"$.parameters.{parameter}", message);
        }

        var change = QuestionCatalogue.Find("change_frequency")!;
        var frequencyPath = $"$.parameters.{RequiredParameters.RetrievalChangeFrequency}";
        if (!_parameters.TryGetValue(RequiredParameters.RetrievalChangeFrequency, out var frequency))
        {
            Problem(frequencyPath, "Required: the change frequency from which retrieval is preferred, e.g. \"daily\".");
        }
        else if (frequency.IsNumber || change.IndexOf(frequency.Value) < 0)
        {
            Problem(frequencyPath, $"Must be one of {string.Join(", ", change.Choices.Select(c => c.Value))}.");
        }
    }

    private void RequiredNumber(string name, double min, double max)
    {
        var path = $"$.parameters.{name}";
        if (!_parameters.TryGetValue(name, out var parameter))
        {
            Problem(path, "Required.");
        }
        else if (!parameter.IsNumber || parameter.Number < min || parameter.Number > max)
        {
            Problem(path, $"Must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}.");
        }
    }

    private void CheckRules(IReadOnlyList<RuleDto?> rules)
    {
        if (rules.Count == 0)
        {
            Problem("$.rules", "A rule set needs at least one rule.");
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"$.rules[{i}]";
            if (rules[i] is not { } rule)
            {
                // Null in the JSON, or set aside by the binder after naming what was wrong with it.
                if (!_problems.Exists(p => p.Path == path || p.Path.StartsWith(path + ".", StringComparison.Ordinal) || p.Path.StartsWith(path + "[", StringComparison.Ordinal)))
                {
                    Problem(path, "A rule must be an object.");
                }

                continue;
            }

            if (!seen.TryAdd(rule.Id, i))
            {
                Problem($"{path}.id", $"Duplicate rule id '{rule.Id}' (first used at $.rules[{seen[rule.Id]}]).");
            }

            CheckRule(rule, path);
        }
    }

    private void CheckRule(RuleDto rule, string path)
    {
        if (Text(rule.Id, $"{path}.id", MaxIdLength) is { } id && !IdPattern().IsMatch(id))
        {
            Problem($"{path}.id", "Rule ids are 2–64 lower-case letters, digits, '_' or '-', starting with a letter.");
        }

        if (Text(rule.Criterion, $"{path}.criterion", MaxIdLength) is { } criterion && Criteria.Find(criterion) is null)
        {
            Problem($"{path}.criterion", $"Unknown criterion '{criterion}'. Known: {string.Join(", ", Criteria.All.Select(c => c.Id))}.");
        }

        if (!JsonEnumNames.TryParse<RuleEffect>(rule.Effect, out _))
        {
            Problem($"{path}.effect", $"Must be one of: {string.Join(", ", JsonEnumNames.Of<RuleEffect>())}.");
        }

        if (rule.Signal is not null && !JsonEnumNames.TryParse<RuleSignal>(rule.Signal, out _))
        {
            Problem($"{path}.signal", $"Must be one of: {string.Join(", ", JsonEnumNames.Of<RuleSignal>())}.");
        }

        if (!double.IsFinite(rule.Weight))
        {
            Problem($"{path}.weight", "Must be a number.");
        }
        else if (rule.Weight is < RuleSet.MinWeight or > RuleSet.MaxWeight)
        {
            Problem($"{path}.weight", $"Must be from {RuleSet.MinWeight} to {RuleSet.MaxWeight} (was {rule.Weight.ToString(CultureInfo.InvariantCulture)}).");
        }
        else if (WeightCheck.RoundsToZero(null, rule.Weight))
        {
            Problem($"{path}.weight", WeightCheck.Message(rule.Weight.ToString(CultureInfo.InvariantCulture)));
        }

        Message(rule.Message, $"{path}.message");
        Message(rule.NextStep, $"{path}.nextStep");
        Message(rule.Risk, $"{path}.risk");
        Text(rule.Citation, $"{path}.citation", MaxCitationLength);
        CheckCondition(rule.When, $"{path}.when", depth: 0);
    }

    /// <summary>A non-blank text within its length, or null after naming the problem.</summary>
    private string? Text(string text, string path, int maxLength)
    {
        if (PlainText.IsBlank(text))
        {
            Problem(path, "Must be a non-empty string (invisible characters alone do not count).");
            return null;
        }

        if (text.Length > maxLength)
        {
            Problem(path, $"At most {maxLength} characters (was {text.Length}).");
            return null;
        }

        if (PlainText.Problem(text) is { } problem)
        {
            Problem(path, problem);
            return null;
        }

        return text;
    }

    /// <summary>A message, next step or risk: plain text whose placeholders all render (see <see cref="MessageTemplate"/>).</summary>
    private void Message(string? text, string path)
    {
        if (text is null || Text(text, path, RuleSetLoader.MaxMessageLength) is null)
        {
            return;
        }

        foreach (var placeholder in MessageTemplate.PlaceholdersIn(text))
        {
            if (MessageTemplate.Check(placeholder, _parameters) is { } problem)
            {
                Problem(path, problem);
            }
        }
    }

    private void CheckCondition(ConditionDto? condition, string path, int depth)
    {
        if (condition is null)
        {
            Problem(path, "A condition must be an object.");
            return;
        }

        if (depth > MaxConditionDepth)
        {
            Problem(path, $"Conditions nest at most {MaxConditionDepth} deep.");
            return;
        }

        var present = condition.Present().ToList();
        var group = present.FirstOrDefault(name => name is "all" or "any" or "not");
        if (group is not null)
        {
            foreach (var other in present.Where(name => name != group))
            {
                Problem($"{path}.{other}", $"Not allowed beside \"{group}\": a condition is one of all, any, not, or a question with one operator.");
            }

            if (condition.Not is { } inner && group == "not")
            {
                CheckCondition(inner, $"{path}.not", depth + 1);
            }
            else
            {
                CheckParts(group == "all" ? condition.All! : condition.Any!, $"{path}.{group}", depth);
            }

            return;
        }

        CheckComparison(condition, path);
    }

    private void CheckParts(IReadOnlyList<ConditionDto> parts, string path, int depth)
    {
        if (parts.Count == 0)
        {
            Problem(path, "Must be a non-empty array of conditions.");
            return;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            CheckCondition(parts[i], $"{path}[{i}]", depth + 1);
        }
    }

    private void CheckComparison(ConditionDto condition, string path)
    {
        var operators = string.Join(", ", ConditionDto.OperatorNames);
        if (condition.Question is null || string.IsNullOrWhiteSpace(condition.Question))
        {
            Problem($"{path}.question", condition.Question is null ? "Required." : "Must be a non-empty string.");
            Problem(path, $"A condition has \"all\", \"any\", \"not\", or a \"question\" with one of: {operators}.");
            return;
        }

        var question = QuestionCatalogue.Find(condition.Question);
        if (question is null)
        {
            Problem($"{path}.question", $"Unknown question id '{condition.Question}'.");
            return;
        }

        var present = condition.Operators();
        if (present.Count != 1)
        {
            Problem(path, $"Give exactly one of: {operators}.");
            return;
        }

        if (question.Type == QuestionType.Text)
        {
            Problem($"{path}.question", $"'{question.Id}' is free text; rules cannot depend on it.");
            return;
        }

        var op = present[0];
        var opPath = $"{path}.{op.Name}";
        if (op.Comparison == Comparison.Between && op.Values.Count != 2)
        {
            Problem(opPath, "Must be an array of two values: [low, high].");
            return;
        }

        if (op.Comparison == Comparison.OneOf && op.Values.Count == 0)
        {
            Problem(opPath, "Must be a non-empty array of values.");
            return;
        }

        var operands = op.Values.Select((value, i) => OperandReader.Read(question, value, _parameters, op.IsList ? $"{opPath}[{i}]" : opPath, _problems)).ToList();
        if (op.Comparison == Comparison.Between && operands is [{ } low, { } high] && low.Rank > high.Rank)
        {
            Problem(opPath, $"The low end ({low.Value}) is above the high end ({high.Value}).");
        }
    }
}
