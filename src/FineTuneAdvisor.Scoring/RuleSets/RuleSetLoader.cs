using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>One thing wrong with a rule set, at the JSON path where it was found.</summary>
public sealed record RuleSetProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

public sealed class RuleSetException(IReadOnlyList<RuleSetProblem> problems)
    : Exception("The rule set is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<RuleSetProblem> Problems { get; } = problems;
}

/// <summary>The outcome of loading: a rule set, or every problem found. Never both.</summary>
public sealed record RuleSetLoadResult(RuleSet? RuleSet, IReadOnlyList<RuleSetProblem> Problems)
{
    public bool IsValid => RuleSet is not null;
}

/// <summary>
/// Reads a rule-set JSON document strictly: unknown properties, unknown question ids, values a question
/// cannot take, duplicate rule ids, disordered thresholds and bad placeholders are all refused, and every
/// problem is reported at once with its JSON path. Done once when a rule set is published or started, never per request.
/// </summary>
public static partial class RuleSetLoader
{
    public const int SchemaVersion = 1;
    public const int MaxMessageLength = 500;

    private static readonly string[] Operators = ["equals", "oneOf", "atLeast", "atMost", "between"];
    private static readonly string[] RuleProperties = ["id", "criterion", "when", "effect", "weight", "signal", "message", "nextStep", "risk", "citation", "enabled"];

    public static RuleSet LoadDefault()
    {
        using var stream = typeof(RuleSetLoader).Assembly.GetManifestResourceStream("FineTuneAdvisor.Scoring.default-rule-set.json")
            ?? throw new InvalidOperationException("The default rule set is not embedded.");
        using var reader = new StreamReader(stream);
        return LoadOrThrow(reader.ReadToEnd());
    }

    public static RuleSet LoadOrThrow(string json)
    {
        var result = Load(json);
        return result.RuleSet ?? throw new RuleSetException(result.Problems);
    }

    public static RuleSetLoadResult Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            return new(null, [new("$", $"Not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            var reader = new Reader();
            try
            {
                var ruleSet = reader.Read(document.RootElement, json);
                return reader.Problems.Count == 0 && ruleSet is not null ? new(ruleSet, []) : new(null, reader.Problems);
            }
            catch (InvalidOperationException)
            {
                // JSON can escape half a surrogate pair, which no .NET string can hold.
                return new(null, [.. reader.Problems, new("$", "A string holds a lone surrogate escape such as \\ud800; no rule set text may.")]);
            }
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_-]{1,63}$")]
    private static partial Regex IdPattern();

    private sealed class Reader
    {
        public List<RuleSetProblem> Problems { get; } = [];

        private Dictionary<string, RuleParameter> _parameters = new(StringComparer.Ordinal);

        private void Problem(string path, string message) => Problems.Add(new(path, message));

        public RuleSet? Read(JsonElement root, string json)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("$", "The rule set must be a JSON object.");
                return null;
            }

            RejectUnknown(root, "$", ["schemaVersion", "version", "name", "parameters", "rules"]);

            var schema = RequiredInt(root, "$", "schemaVersion");
            if (schema is not null && schema != SchemaVersion)
            {
                Problem("$.schemaVersion", $"Schema version {schema} is not supported; this build reads version {SchemaVersion}.");
            }

            var version = RequiredInt(root, "$", "version");
            if (version is < 1)
            {
                Problem("$.version", "The version must be 1 or more.");
            }

            var name = RequiredString(root, "$", "name", 200);
            _parameters = ReadParameters(root);
            var rules = ReadRules(root);

            if (Problems.Count > 0)
            {
                return null;
            }

            return new RuleSet
            {
                Version = version!.Value,
                Name = name!,
                Rules = rules,
                Parameters = _parameters.ToFrozenDictionary(StringComparer.Ordinal),
                Json = json,
            };
        }

        private Dictionary<string, RuleParameter> ReadParameters(JsonElement root)
        {
            var parameters = new Dictionary<string, RuleParameter>(StringComparer.Ordinal);
            if (!root.TryGetProperty("parameters", out var element) || element.ValueKind != JsonValueKind.Object)
            {
                Problem("$.parameters", "An object of named thresholds is required.");
                return parameters;
            }

            foreach (var property in element.EnumerateObject())
            {
                var path = $"$.parameters.{property.Name}";
                if (!IdPattern().IsMatch(property.Name))
                {
                    Problem(path, "Parameter names are lower-case letters, digits, '_' or '-'.");
                    continue;
                }

                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Number when property.Value.TryGetDouble(out var number) && double.IsFinite(number):
                        parameters[property.Name] = new(property.Name, number.ToString(CultureInfo.InvariantCulture), number, true);
                        break;
                    case JsonValueKind.String:
                        parameters[property.Name] = new(property.Name, property.Value.GetString()!, double.NaN, false);
                        break;
                    default:
                        Problem(path, "A parameter is a finite number or a string.");
                        break;
                }
            }

            CheckRequiredNumber(parameters, RequiredParameters.PilotExamples, 1, 100_000_000);
            CheckRequiredNumber(parameters, RequiredParameters.ProductionExamples, 1, 100_000_000);
            CheckRequiredNumber(parameters, RequiredParameters.PilotMinScore, 1, 100);
            CheckRequiredNumber(parameters, RequiredParameters.FineTuneMinScore, 0, 100);
            CheckOrdered(parameters, RequiredParameters.PilotExamples, RequiredParameters.ProductionExamples, "rows for a pilot", "rows for production");
            CheckOrdered(parameters, RequiredParameters.PilotMinScore, RequiredParameters.FineTuneMinScore, "score for a pilot", "score for fine-tuning");

            var change = QuestionCatalogue.Find("change_frequency")!;
            if (!parameters.TryGetValue(RequiredParameters.RetrievalChangeFrequency, out var frequency))
            {
                Problem($"$.parameters.{RequiredParameters.RetrievalChangeFrequency}", "Required: the change frequency from which retrieval is preferred, e.g. \"daily\".");
            }
            else if (frequency.IsNumber || change.IndexOf(frequency.Value) < 0)
            {
                Problem($"$.parameters.{RequiredParameters.RetrievalChangeFrequency}",
                    $"Must be one of {string.Join(", ", change.Choices.Select(c => c.Value))}.");
            }

            return parameters;
        }

        private void CheckRequiredNumber(Dictionary<string, RuleParameter> parameters, string name, double min, double max)
        {
            var path = $"$.parameters.{name}";
            if (!parameters.TryGetValue(name, out var parameter))
            {
                Problem(path, "Required.");
            }
            else if (!parameter.IsNumber || parameter.Number < min || parameter.Number > max)
            {
                Problem(path, $"Must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}.");
            }
        }

        private void CheckOrdered(Dictionary<string, RuleParameter> parameters, string lower, string higher, string lowerName, string higherName)
        {
            if (parameters.TryGetValue(lower, out var low) && parameters.TryGetValue(higher, out var high)
                && low.IsNumber && high.IsNumber && low.Number >= high.Number)
            {
                Problem($"$.parameters.{lower}", $"The {lowerName} ({low.Value}) must be below the {higherName} ({high.Value}).");
            }
        }

        private List<Rule> ReadRules(JsonElement root)
        {
            var rules = new List<Rule>();
            if (!root.TryGetProperty("rules", out var element) || element.ValueKind != JsonValueKind.Array)
            {
                Problem("$.rules", "An array of rules is required.");
                return rules;
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var path = $"$.rules[{index}]";
                var rule = ReadRule(item, path);
                if (rule is not null)
                {
                    if (seen.TryGetValue(rule.Id, out var first))
                    {
                        Problem($"{path}.id", $"Duplicate rule id '{rule.Id}' (first used at $.rules[{first}]).");
                    }
                    else
                    {
                        seen[rule.Id] = index;
                    }

                    rules.Add(rule);
                }

                index++;
            }

            if (index == 0)
            {
                Problem("$.rules", "A rule set needs at least one rule.");
            }

            return rules;
        }

        private Rule? ReadRule(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Problem(path, "A rule must be an object.");
                return null;
            }

            var before = Problems.Count;
            RejectUnknown(element, path, RuleProperties);

            var id = RequiredString(element, path, "id", 64);
            if (id is not null && !IdPattern().IsMatch(id))
            {
                Problem($"{path}.id", "Rule ids are 2–64 lower-case letters, digits, '_' or '-', starting with a letter.");
            }

            var criterion = RequiredString(element, path, "criterion", 64);
            if (criterion is not null && Criteria.Find(criterion) is null)
            {
                Problem($"{path}.criterion", $"Unknown criterion '{criterion}'. Known: {string.Join(", ", Criteria.All.Select(c => c.Id))}.");
            }

            var effect = RequiredEnum<RuleEffect>(element, path, "effect", required: true);
            var signal = RequiredEnum<RuleSignal>(element, path, "signal", required: false) ?? RuleSignal.None;

            double? weight = null;
            if (!element.TryGetProperty("weight", out var weightElement))
            {
                Problem($"{path}.weight", "Required.");
            }
            else if (weightElement.ValueKind != JsonValueKind.Number || !weightElement.TryGetDouble(out var w) || !double.IsFinite(w))
            {
                Problem($"{path}.weight", "Must be a number.");
            }
            else if (w < RuleSet.MinWeight || w > RuleSet.MaxWeight)
            {
                Problem($"{path}.weight", $"Must be from {RuleSet.MinWeight} to {RuleSet.MaxWeight} (was {w.ToString(CultureInfo.InvariantCulture)}).");
            }
            else
            {
                weight = w;
            }

            var message = RequiredString(element, path, "message", MaxMessageLength);
            var nextStep = OptionalString(element, path, "nextStep", MaxMessageLength);
            var risk = OptionalString(element, path, "risk", MaxMessageLength);
            var citation = RequiredString(element, path, "citation", 120);
            CheckPlaceholders(message, $"{path}.message");
            CheckPlaceholders(nextStep, $"{path}.nextStep");
            CheckPlaceholders(risk, $"{path}.risk");

            var enabled = true;
            if (element.TryGetProperty("enabled", out var enabledElement))
            {
                if (enabledElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    enabled = enabledElement.GetBoolean();
                }
                else
                {
                    Problem($"{path}.enabled", "Must be true or false.");
                }
            }

            Condition? when = null;
            if (!element.TryGetProperty("when", out var whenElement))
            {
                Problem($"{path}.when", "Required: the condition under which the rule fires.");
            }
            else
            {
                when = ReadCondition(whenElement, $"{path}.when", depth: 0);
            }

            if (Problems.Count > before)
            {
                return null;
            }

            return new Rule
            {
                Id = id!,
                Criterion = criterion!,
                When = when!,
                Effect = effect!.Value,
                Weight = weight!.Value,
                Signal = signal,
                Message = message!,
                NextStep = nextStep,
                Risk = risk,
                Citation = citation!,
                Enabled = enabled,
            };
        }

        private Condition? ReadCondition(JsonElement element, string path, int depth)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Problem(path, "A condition must be an object.");
                return null;
            }

            if (depth > 8)
            {
                Problem(path, "Conditions nest at most 8 deep.");
                return null;
            }

            if (element.TryGetProperty("all", out var all))
            {
                RejectUnknown(element, path, ["all"]);
                var parts = ReadConditionList(all, $"{path}.all", depth);
                return parts is null ? null : new AllCondition(parts);
            }

            if (element.TryGetProperty("any", out var any))
            {
                RejectUnknown(element, path, ["any"]);
                var parts = ReadConditionList(any, $"{path}.any", depth);
                return parts is null ? null : new AnyCondition(parts);
            }

            if (element.TryGetProperty("not", out var not))
            {
                RejectUnknown(element, path, ["not"]);
                var inner = ReadCondition(not, $"{path}.not", depth + 1);
                return inner is null ? null : new NotCondition(inner);
            }

            return ReadComparison(element, path);
        }

        private List<Condition>? ReadConditionList(JsonElement element, string path, int depth)
        {
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
            {
                Problem(path, "Must be a non-empty array of conditions.");
                return null;
            }

            var parts = new List<Condition>();
            var failed = false;
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var part = ReadCondition(item, $"{path}[{index++}]", depth + 1);
                if (part is null)
                {
                    failed = true;
                }
                else
                {
                    parts.Add(part);
                }
            }

            return failed ? null : parts;
        }

        private AnswerCondition? ReadComparison(JsonElement element, string path)
        {
            RejectUnknown(element, path, ["question", .. Operators]);
            var questionId = RequiredString(element, path, "question", 64);
            if (questionId is null)
            {
                Problem(path, "A condition has \"all\", \"any\", \"not\", or a \"question\" with one of: " + string.Join(", ", Operators) + ".");
                return null;
            }

            var question = QuestionCatalogue.Find(questionId);
            if (question is null)
            {
                Problem($"{path}.question", $"Unknown question id '{questionId}'.");
                return null;
            }

            var present = Operators.Where(o => element.TryGetProperty(o, out _)).ToList();
            if (present.Count != 1)
            {
                Problem(path, $"Give exactly one of: {string.Join(", ", Operators)}.");
                return null;
            }

            var op = present[0];
            var value = element.GetProperty(op);
            var opPath = $"{path}.{op}";
            if (question.Type == QuestionType.Text)
            {
                Problem($"{path}.question", $"'{questionId}' is free text; rules cannot depend on it.");
                return null;
            }

            var comparison = op switch
            {
                "equals" => Comparison.Equals,
                "oneOf" => Comparison.OneOf,
                "atLeast" => Comparison.AtLeast,
                "atMost" => Comparison.AtMost,
                _ => Comparison.Between,
            };

            List<Operand?> operands;
            switch (comparison)
            {
                case Comparison.OneOf:
                case Comparison.Between:
                    if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
                        || (comparison == Comparison.Between && value.GetArrayLength() != 2))
                    {
                        Problem(opPath, comparison == Comparison.Between ? "Must be an array of two values: [low, high]." : "Must be a non-empty array of values.");
                        return null;
                    }

                    operands = [.. value.EnumerateArray().Select((v, i) => ReadOperand(question, v, $"{opPath}[{i}]"))];
                    break;
                default:
                    operands = [ReadOperand(question, value, opPath)];
                    break;
            }

            if (operands.Any(o => o is null))
            {
                return null;
            }

            if (comparison == Comparison.Between && operands[0]!.Rank > operands[1]!.Rank)
            {
                Problem(opPath, $"The low end ({operands[0]!.Value}) is above the high end ({operands[1]!.Value}).");
                return null;
            }

            return new AnswerCondition(question, comparison, [.. operands.Select(o => o!)]);
        }

        private Operand? ReadOperand(Question question, JsonElement element, string path)
        {
            string? parameter = null;
            string raw;
            if (element.ValueKind == JsonValueKind.Object)
            {
                RejectUnknown(element, path, ["param"]);
                var name = RequiredString(element, path, "param", 64);
                if (name is null)
                {
                    return null;
                }

                if (!_parameters.TryGetValue(name, out var value))
                {
                    Problem($"{path}.param", $"Unknown parameter '{name}'.");
                    return null;
                }

                if (question.Type == QuestionType.Number && (!value.IsNumber || value.Number != Math.Floor(value.Number)))
                {
                    Problem($"{path}.param", $"Parameter '{name}' ({value.Value}) must be a whole number to compare with '{question.Id}'.");
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
                        Problem(path, $"'{question.Id}' takes {Describe(question)}.");
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
                Problem(path, $"'{raw}'{source} is out of range for '{question.Id}', which takes {Describe(question)}.");
                return null;
            }

            return new Operand(raw, rank!.Value, parameter);
        }

        private static string Describe(Question question) => question.Type switch
        {
            QuestionType.Number => $"a whole number from {question.Minimum} to {question.Maximum}",
            QuestionType.Boolean => "true or false",
            _ => "one of " + string.Join(", ", question.Choices.Select(c => c.Value)),
        };

        private void CheckPlaceholders(string? text, string path)
        {
            if (text is null)
            {
                return;
            }

            foreach (var placeholder in MessageTemplate.PlaceholdersIn(text))
            {
                var problem = MessageTemplate.Check(placeholder, _parameters);
                if (problem is not null)
                {
                    Problem(path, problem);
                }
            }
        }

        private void RejectUnknown(JsonElement element, string path, string[] known)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    Problem($"{path}.{property.Name}", $"Unknown property. Expected one of: {string.Join(", ", known)}.");
                }
            }
        }

        private int? RequiredInt(JsonElement element, string path, string name)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            {
                return number;
            }

            Problem($"{path}.{name}", "Required: a whole number.");
            return null;
        }

        private string? RequiredString(JsonElement element, string path, string name, int maxLength)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                Problem($"{path}.{name}", "Required.");
                return null;
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                Problem($"{path}.{name}", "Must be a non-empty string.");
                return null;
            }

            if (text.Length > maxLength)
            {
                Problem($"{path}.{name}", $"At most {maxLength} characters (was {text.Length}).");
                return null;
            }

            return text;
        }

        private string? OptionalString(JsonElement element, string path, string name, int maxLength) =>
            element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? RequiredString(element, path, name, maxLength)
                : null;

        private TEnum? RequiredEnum<TEnum>(JsonElement element, string path, string name, bool required)
            where TEnum : struct, Enum
        {
            if (!element.TryGetProperty(name, out var value))
            {
                if (required)
                {
                    Problem($"{path}.{name}", "Required.");
                }

                return null;
            }

            var names = Enum.GetNames<TEnum>().Where(n => n != "None").Select(JsonNames.ToSnakeCase).ToList();
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (text is not null && names.Contains(text))
            {
                return Enum.Parse<TEnum>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
            }

            Problem($"{path}.{name}", $"Must be one of: {string.Join(", ", names)}.");
            return null;
        }
    }
}

/// <summary>The snake_case names rule sets and results use for enum values.</summary>
public static class JsonNames
{
    public static string ToSnakeCase(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
