using System.Text.Json;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// Reads a number a measure is compared with or a ramp runs between: a finite number of at least 0,
/// <c>{"param": name}</c> (a number parameter) or <c>{"measure": name}</c>. Shared by the validator and the compiler.
/// </summary>
internal static class QuantityReader
{
    public static Quantity? Read(JsonElement element, IReadOnlyDictionary<string, RuleParameter> parameters, string path, List<RuleSetProblem> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetDouble(out var number) && double.IsFinite(number) && number >= 0:
                return new Quantity(number);
            case JsonValueKind.Object:
                var properties = element.EnumerateObject().ToList();
                if (properties is [{ Name: "param", Value.ValueKind: JsonValueKind.String } param])
                {
                    var name = param.Value.GetString()!;
                    if (!parameters.TryGetValue(name, out var value))
                    {
                        problems.Add(new($"{path}.param", $"Unknown parameter '{name}'."));
                        return null;
                    }

                    if (!value.IsNumber || value.Number < 0)
                    {
                        problems.Add(new($"{path}.param", $"Parameter '{name}' ({value.Value}) must be a number of at least 0."));
                        return null;
                    }

                    return new Quantity(value.Number, Parameter: name);
                }

                if (properties is [{ Name: "measure", Value.ValueKind: JsonValueKind.String } measure])
                {
                    if (JsonEnumNames.TryParse<Measure>(measure.Value.GetString(), out var known))
                    {
                        return new Quantity(double.NaN, Measure: known);
                    }

                    problems.Add(new($"{path}.measure", $"Unknown measure '{measure.Value.GetString()}'. Known: {string.Join(", ", JsonEnumNames.Of<Measure>())}."));
                    return null;
                }

                break;
        }

        problems.Add(new(path, "Must be a number of at least 0, {\"param\": name} or {\"measure\": name}."));
        return null;
    }
}
