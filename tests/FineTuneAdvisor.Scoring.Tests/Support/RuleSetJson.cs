using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Tests.Support;

/// <summary>Builds small rule-set documents for focused tests, and editable copies of the default one.</summary>
public static class RuleSetJson
{
    public const string DefaultParameters = """
        {"pilot_examples": 1000, "production_examples": 10000, "retrieval_change_frequency": "daily", "pilot_min_score": 55, "fine_tune_min_score": 75}
        """;

    /// <summary>A rule set around the given rules (each a JSON object).</summary>
    public static string With(string parameters = DefaultParameters, params string[] rules) =>
        $$"""{"schemaVersion": 1, "version": 7, "name": "Test rules", "parameters": {{parameters}}, "rules": [{{string.Join(",", rules)}}]}""";

    /// <summary>A rule that fires when domain is "general" (or on the given condition).</summary>
    public static string Rule(string id, string effect, double weight, string? signal = null, string criterion = "specialized_domain",
        string when = """{"question": "domain", "equals": "general"}""", string? nextStep = null, string? risk = null, bool enabled = true)
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

        if (nextStep is not null)
        {
            rule["nextStep"] = nextStep;
        }

        if (risk is not null)
        {
            rule["risk"] = risk;
        }

        if (!enabled)
        {
            rule["enabled"] = false;
        }

        return rule.ToJsonString();
    }

    public static RuleSet Load(string json) => RuleSetLoader.LoadOrThrow(json);

    /// <summary>An editable copy of the default rule set's JSON (read from the one default loaded for all tests).</summary>
    public static JsonObject Default() => JsonNode.Parse(TestAnswers.DefaultRules.Json)!.AsObject();

    public static JsonArray Rules(JsonObject ruleSet) => ruleSet["rules"]!.AsArray();

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
