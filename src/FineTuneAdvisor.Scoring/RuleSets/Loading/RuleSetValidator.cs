using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// Everything about a bound rule set that its shape cannot say: ids and names well formed and unique, known
/// criteria, questions, measures, rules and parameters, operands a question can take, weights and texts within range,
/// placeholders that render, required thresholds present and in order, steps that can ever appear. Every problem is
/// collected with its JSON path.
/// </summary>
internal sealed partial class RuleSetValidator
{
    public const int MaxConditionDepth = 8;
    private const int MaxNameLength = 200;
    private const int MaxIdLength = 64;
    private const int MaxCitationLength = 120;

    private readonly List<RuleSetProblem> _problems;
    private readonly Dictionary<string, RuleParameter> _parameters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ruleIds = new(StringComparer.Ordinal);
    private int _schema;

    private RuleSetValidator(List<RuleSetProblem> problems) => _problems = problems;

    /// <summary>
    /// Adds every problem of <paramref name="document"/> to <paramref name="problems"/> (which may hold the binder's).
    /// Schema 1 is refused unless <paramref name="allowSchemaOne"/> (reading an old version for the record).
    /// </summary>
    public static void Validate(RuleSetDto document, List<RuleSetProblem> problems, bool allowSchemaOne = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(problems);
        new RuleSetValidator(problems).Check(document, allowSchemaOne);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_-]{1,63}$")]
    internal static partial Regex IdPattern();

    private void Problem(string path, string message) => _problems.Add(new(path, message));

    private bool SchemaTwo => _schema == RuleSetLoader.SchemaVersion;

    private void Check(RuleSetDto document, bool allowSchemaOne)
    {
        if (document.SchemaVersion == 1 && !allowSchemaOne)
        {
            Problem("$.schemaVersion",
                "Schema version 1 rule sets are no longer used: this build runs schema 2, which decides in a different order " +
                "and keeps the plan's steps apart from the rules. Start from the current rules (export them) and re-apply your " +
                "changes there; see docs/operations.md, \"Rule-set schema 2\".");
            return;
        }

        _schema = document.SchemaVersion == 1 ? 1 : RuleSetLoader.SchemaVersion;
        if (document.SchemaVersion is not (1 or RuleSetLoader.SchemaVersion))
        {
            Problem("$.schemaVersion", $"Schema version {document.SchemaVersion} is not supported; this build reads version {RuleSetLoader.SchemaVersion}.");
        }

        if (document.Version < 1)
        {
            Problem("$.version", "The version must be 1 or more.");
        }

        Text(document.Name, "$.name", MaxNameLength);
        CheckParameters(document.Parameters);
        foreach (var rule in document.Rules)
        {
            if (rule is not null)
            {
                _ruleIds.Add(rule.Id);
            }
        }

        CheckRules(document.Rules);
        if (SchemaTwo)
        {
            if (document.Steps is null)
            {
                Problem("$.steps", "Required: an array of plan steps (it may be empty).");
            }
            else
            {
                CheckSteps(document.Steps);
            }
        }
        else if (document.Steps is not null)
        {
            Problem("$.steps", "Schema 1 has no steps: each rule carries its own nextStep.");
        }
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

        foreach (var (name, min, max) in SchemaTwo ? RequiredParameters.Numbers : RequiredParameters.SchemaOneNumbers)
        {
            RequiredNumber(name, min, max);
        }

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
        else if (frequency.IsNumber || change.IndexOf(frequency.Value) < 0 || frequency.Value == Choice.NotSure)
        {
            Problem(frequencyPath, $"Must be one of {string.Join(", ", change.Choices.Where(c => !c.Unranked).Select(c => c.Value))}.");
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
            Problem(path, $"Must be a number from {Number(min)} to {Number(max)}.");
        }
    }

    private static string Number(double value) => value.ToString(value == Math.Floor(value) ? "N0" : "0.###", CultureInfo.InvariantCulture);

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
                NameSetAside(path, "A rule must be an object.");
                continue;
            }

            if (!seen.TryAdd(rule.Id, i))
            {
                Problem($"{path}.id", $"Duplicate rule id '{rule.Id}' (first used at $.rules[{seen[rule.Id]}]).");
            }

            CheckRule(rule, path);
        }
    }

    /// <summary>A null rule or step: null in the JSON, or set aside by the binder after naming what was wrong with it.</summary>
    private void NameSetAside(string path, string message)
    {
        if (!_problems.Exists(p => p.Path == path || p.Path.StartsWith(path + ".", StringComparison.Ordinal) || p.Path.StartsWith(path + "[", StringComparison.Ordinal)))
        {
            Problem(path, message);
        }
    }

    private void CheckRule(RuleDto rule, string path)
    {
        Id(rule.Id, $"{path}.id", "Rule");
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
        Message(rule.Risk, $"{path}.risk");
        Text(rule.Citation, $"{path}.citation", MaxCitationLength);
        CheckCondition(rule.When, $"{path}.when", depth: 0, inStep: false);
        if (SchemaTwo)
        {
            if (rule.NextStep is not null)
            {
                Problem($"{path}.nextStep", "Schema 2 keeps next steps in the top-level \"steps\" array, each with the verdicts it serves.");
            }

            if (rule.Dimension is not null && !JsonEnumNames.TryParse<Dimension>(rule.Dimension, out _))
            {
                Problem($"{path}.dimension", $"Must be one of: {string.Join(", ", JsonEnumNames.Of<Dimension>())}.");
            }

            if (rule.Ramp is { } ramp)
            {
                CheckRamp(ramp, $"{path}.ramp");
            }
        }
        else
        {
            Message(rule.NextStep, $"{path}.nextStep");
            SchemaTwoOnly(rule.Dimension is not null, $"{path}.dimension");
            SchemaTwoOnly(rule.Ramp is not null, $"{path}.ramp");
        }
    }

    private void SchemaTwoOnly(bool present, string path)
    {
        if (present)
        {
            Problem(path, "Schema 2 only.");
        }
    }

    private void CheckRamp(RampDto ramp, string path)
    {
        var measure = MeasureNamed(ramp.Measure, $"{path}.measure");
        var from = QuantityReader.Read(ramp.From, _parameters, $"{path}.from", _problems);
        var to = QuantityReader.Read(ramp.To, _parameters, $"{path}.to", _problems);
        if (from is { Measure: null } && from.Number <= 0)
        {
            Problem($"{path}.from", "A ramp starts above 0: it rises on a log scale.");
        }

        if (from is { Measure: null } && to is { Measure: null } && from.Number >= to.Number)
        {
            Problem(path, $"\"from\" ({Number(from.Number)}) must be below \"to\" ({Number(to.Number)}).");
        }

        if (measure is { } m && (from?.Measure == m || to?.Measure == m))
        {
            Problem(path, $"A ramp on '{m.JsonName()}' cannot run to or from itself.");
        }
    }

    private Measure? MeasureNamed(string name, string path)
    {
        if (JsonEnumNames.TryParse<Measure>(name, out var measure))
        {
            return measure;
        }

        Problem(path, $"Unknown measure '{name}'. Known: {string.Join(", ", JsonEnumNames.Of<Measure>())}.");
        return null;
    }

    private void CheckSteps(IReadOnlyList<StepDto?> steps)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var path = $"$.steps[{i}]";
            if (steps[i] is not { } step)
            {
                NameSetAside(path, "A step must be an object.");
                continue;
            }

            if (!seen.TryAdd(step.Id, i))
            {
                Problem($"{path}.id", $"Duplicate step id '{step.Id}' (first used at $.steps[{seen[step.Id]}]).");
            }

            CheckStep(step, path);
        }
    }

    private void CheckStep(StepDto step, string path)
    {
        Id(step.Id, $"{path}.id", "Step");
        if (!JsonEnumNames.TryParse<StepGroup>(step.Group, out _))
        {
            Problem($"{path}.group", $"Must be one of: {string.Join(", ", JsonEnumNames.Of<StepGroup>())}.");
        }

        var verdicts = Names<Verdict>(step.Verdicts, $"{path}.verdicts", "verdict", required: true);
        var stages = Names<FineTuneStage>(step.Stages ?? [], $"{path}.stages", "stage", required: false);
        for (var i = 0; i < stages.Count; i++)
        {
            if (verdicts.Count > 0 && !verdicts.Any(v => Verdicts.StagesOf(v).Contains(stages[i])))
            {
                Problem($"{path}.stages[{i}]",
                    $"'{stages[i].JsonName()}' never occurs with {string.Join(", ", verdicts.Select(v => v.Code()))}, so the step could never appear.");
            }
        }

        if (step.Resolves is { } resolves && QuestionCatalogue.Find(resolves) is not { } question)
        {
            Problem($"{path}.resolves", $"Unknown question id '{resolves}'.");
        }
        else if (step.Resolves is not null && !QuestionCatalogue.Find(step.Resolves)!.Choices.Any(c => c.Unsure))
        {
            Problem($"{path}.resolves", $"'{step.Resolves}' has no unsure answer to resolve.");
        }

        if (step.When is { } when)
        {
            CheckCondition(when, $"{path}.when", depth: 0, inStep: true);
        }

        Message(step.Text, $"{path}.text");
        Text(step.Citation, $"{path}.citation", MaxCitationLength);
    }

    /// <summary>A non-empty (when required) list of an enum's JSON names without repeats; the ones that parse.</summary>
    private List<TEnum> Names<TEnum>(IReadOnlyList<string> names, string path, string what, bool required)
        where TEnum : struct, Enum
    {
        if (required && names.Count == 0)
        {
            Problem(path, $"Name at least one {what}.");
        }

        var parsed = new List<TEnum>();
        for (var i = 0; i < names.Count; i++)
        {
            if (!JsonEnumNames.TryParse<TEnum>(names[i], out var value))
            {
                Problem($"{path}[{i}]", $"Must be one of: {string.Join(", ", JsonEnumNames.Of<TEnum>())}.");
            }
            else if (parsed.Contains(value))
            {
                Problem($"{path}[{i}]", $"'{names[i]}' is listed twice.");
            }
            else
            {
                parsed.Add(value);
            }
        }

        return parsed;
    }

    private void Id(string id, string path, string what)
    {
        if (Text(id, path, MaxIdLength) is { } text && !IdPattern().IsMatch(text))
        {
            Problem(path, $"{what} ids are 2–64 lower-case letters, digits, '_' or '-', starting with a letter.");
        }
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

    /// <summary>A message, step, risk or (schema 1) next step: plain text whose placeholders all render (see <see cref="MessageTemplate"/>).</summary>
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

    private void CheckCondition(ConditionDto? condition, string path, int depth, bool inStep)
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
                CheckCondition(inner, $"{path}.not", depth + 1, inStep);
            }
            else
            {
                CheckParts(group == "all" ? condition.All! : condition.Any!, $"{path}.{group}", depth, inStep);
            }

            return;
        }

        var subjects = present.Where(name => name is "question" or "measure" or "fired").ToList();
        if (subjects.Count > 1)
        {
            Problem(path, $"A condition compares one thing: give one of question, measure or fired (not {string.Join(" and ", subjects)}).");
        }
        else if (condition.Fired is { } fired)
        {
            CheckFired(condition, fired, path, inStep);
        }
        else if (condition.Measure is { } measure)
        {
            CheckMeasureComparison(condition, measure, path);
        }
        else
        {
            CheckComparison(condition, path);
        }
    }

    private void CheckParts(IReadOnlyList<ConditionDto> parts, string path, int depth, bool inStep)
    {
        if (parts.Count == 0)
        {
            Problem(path, "Must be a non-empty array of conditions.");
            return;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            CheckCondition(parts[i], $"{path}[{i}]", depth + 1, inStep);
        }
    }

    private void CheckFired(ConditionDto condition, string ruleId, string path, bool inStep)
    {
        if (!inStep)
        {
            Problem($"{path}.fired", "Only a plan step's condition can ask whether a rule fired.");
        }
        else if (!_ruleIds.Contains(ruleId))
        {
            Problem($"{path}.fired", $"Unknown rule id '{ruleId}'.");
        }

        if (condition.Operators().Count > 0)
        {
            Problem(path, "\"fired\" takes no operator: {\"fired\": \"rule-id\"}.");
        }
    }

    private void CheckMeasureComparison(ConditionDto condition, string name, string path)
    {
        if (!SchemaTwo)
        {
            Problem($"{path}.measure", "Schema 2 only.");
            return;
        }

        var measure = MeasureNamed(name, $"{path}.measure");
        var present = condition.Operators();
        if (present.Count != 1 || present[0].Comparison is Comparison.Equals or Comparison.OneOf)
        {
            Problem(path, "Give exactly one of: atLeast, atMost, between.");
            return;
        }

        var op = present[0];
        var opPath = $"{path}.{op.Name}";
        if (op.Comparison == Comparison.Between && op.Values.Count != 2)
        {
            Problem(opPath, "Must be an array of two values: [low, high].");
            return;
        }

        var operands = op.Values.Select((value, i) => QuantityReader.Read(value, _parameters, op.IsList ? $"{opPath}[{i}]" : opPath, _problems)).ToList();
        if (measure is { } m && operands.Any(o => o?.Measure == m))
        {
            Problem(opPath, $"'{m.JsonName()}' is compared with itself.");
        }

        if (op.Comparison == Comparison.Between && operands is [{ Measure: null } low, { Measure: null } high] && low.Number > high.Number)
        {
            Problem(opPath, $"The low end ({Number(low.Number)}) is above the high end ({Number(high.Number)}).");
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
        if (op.Comparison is Comparison.AtLeast or Comparison.AtMost or Comparison.Between && operands.Any(o => o?.Value == Choice.NotSure))
        {
            Problem(opPath, $"'{Choice.NotSure}' has no place in the order of '{question.Id}': name it with equals or oneOf.");
        }

        if (op.Comparison == Comparison.Between && operands is [{ } low, { } high] && low.Rank > high.Rank)
        {
            Problem(opPath, $"The low end ({low.Value}) is above the high end ({high.Value}).");
        }
    }
}
