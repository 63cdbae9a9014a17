using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Tests.Support;

/// <summary>Builds small rule-set documents (schema 2) for focused tests, and editable copies of the default one.</summary>
public static class RuleSetJson
{
    /// <summary>Every parameter schema 2 requires, at the default's values (plus <c>min_examples</c>, which its ramps read).</summary>
    public const string DefaultParameters = """
        {"pilot_examples": 1000, "production_examples": 10000, "min_examples": 100, "retrieval_change_frequency": "daily",
         "case_min_score": 60, "fine_tune_min_score": 75, "score_spread": 25, "criterion_spread": 6, "confidence_margin": 0.2,
         "production_bonus_specialized": 1, "production_bonus_strict_format": 0.5,
         "quality_factor_raw": 0.1, "quality_factor_partially_reviewed": 0.4, "quality_factor_curated": 1, "quality_factor_not_sure": 0.4}
        """;

    /// <summary>A rule set around the given rules (each a JSON object), with the given steps (none by default).</summary>
    public static string With(string parameters = DefaultParameters, params string[] rules) => WithSteps(parameters, rules, []);

    public static string WithSteps(string parameters, IEnumerable<string> rules, IEnumerable<string> steps) =>
        $$"""{"schemaVersion": 2, "version": 7, "name": "Test rules", "parameters": {{parameters}}, "rules": [{{string.Join(",", rules)}}], "steps": [{{string.Join(",", steps)}}]}""";

    /// <summary>A rule that fires when domain is "general" (or on the given condition).</summary>
    public static string Rule(string id, string effect, double weight, string? signal = null, string criterion = "specialized_domain",
        string when = """{"question": "domain", "equals": "general"}""", string? risk = null, bool enabled = true, string? dimension = null, string? ramp = null)
    {
        var rule = new JsonObject
        {
            ["id"] = id,
            ["criterion"] = criterion,
            ["when"] = JsonNode.Parse(when),
            ["effect"] = effect,
            ["weight"] = weight,
            ["message"] = $"Message of {id}.",
            ["citation"] = "When to Fine-Tune #1",
        };
        if (signal is not null)
        {
            rule["signal"] = signal;
        }

        if (risk is not null)
        {
            rule["risk"] = risk;
        }

        if (!enabled)
        {
            rule["enabled"] = false;
        }

        if (dimension is not null)
        {
            rule["dimension"] = dimension;
        }

        if (ramp is not null)
        {
            rule["ramp"] = JsonNode.Parse(ramp);
        }

        return rule.ToJsonString();
    }

    /// <summary>A plan step serving the given verdicts (codes), in the given group, optionally with stages and a condition.</summary>
    public static string Step(string id, string group, string[] verdicts, string? text = null, string[]? stages = null, string? when = null, string? resolves = null)
    {
        var step = new JsonObject
        {
            ["id"] = id,
            ["group"] = group,
            ["verdicts"] = new JsonArray([.. verdicts.Select(v => (JsonNode)JsonValue.Create(v))]),
        };
        if (stages is not null)
        {
            step["stages"] = new JsonArray([.. stages.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        if (resolves is not null)
        {
            step["resolves"] = resolves;
        }

        if (when is not null)
        {
            step["when"] = JsonNode.Parse(when);
        }

        step["text"] = text ?? $"Step {id}.";
        step["citation"] = "Introduction";
        return step.ToJsonString();
    }

    public static RuleSet Load(string json) => RuleSetLoader.LoadOrThrow(json);

    /// <summary>An editable copy of the default rule set's JSON (read from the one default loaded for all tests).</summary>
    public static JsonObject Default() => JsonNode.Parse(TestAnswers.DefaultRules.Json)!.AsObject();

    public static JsonArray Rules(JsonObject ruleSet) => ruleSet["rules"]!.AsArray();

    public static JsonArray Steps(JsonObject ruleSet) => ruleSet["steps"]!.AsArray();

    public static int IndexOf(JsonObject ruleSet, string ruleId)
    {
        var rules = Rules(ruleSet);
        for (var i = 0; i < rules.Count; i++)
        {
            if ((string?)rules[i]!["id"] == ruleId)
            {
                return i;
            }
        }

        throw new ArgumentException($"No rule {ruleId} in the rule set.", nameof(ruleId));
    }

    public static JsonObject RuleOf(JsonObject ruleSet, string ruleId) => Rules(ruleSet)[IndexOf(ruleSet, ruleId)]!.AsObject();
}
