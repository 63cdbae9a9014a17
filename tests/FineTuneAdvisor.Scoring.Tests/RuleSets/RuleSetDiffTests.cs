using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

public sealed class RuleSetDiffTests
{
    [Fact]
    public void Describe_SameRuleSet_HasNoLines()
    {
        var rules = RuleSetLoader.LoadDefault();

        Assert.Empty(RuleSetDiff.Describe(rules, rules));
    }

    [Fact]
    public void Describe_ChangedWeightParameterEnabledMessageAndCondition_OneReadableLineEach()
    {
        var before = RuleSetLoader.LoadDefault();
        var json = RuleSetJson.Default();
        var rule = json["rules"]![0]!;
        var id = rule["id"]!.GetValue<string>();
        var oldWeight = rule["weight"]!.GetValue<double>();
        rule["weight"] = 12;
        rule["enabled"] = false;
        rule["message"] = "New message.";
        rule["effect"] = "blocker";
        json["rules"]![1]!["when"] = JsonNode.Parse("""{"question": "domain", "equals": "general"}""");
        json["parameters"]!["pilot_examples"] = 800;
        var after = RuleSetLoader.LoadOrThrow(json.ToJsonString());

        var lines = RuleSetDiff.Describe(before, after);

        Assert.Contains($"rule {id} weight: {oldWeight} → 12", lines);
        Assert.Contains($"rule {id} enabled: true → false", lines);
        Assert.Contains($"rule {id} effect: support → blocker", lines);
        Assert.Contains(lines, l => l.StartsWith($"rule {id} message: \"", StringComparison.Ordinal) && l.EndsWith("→ \"New message.\"", StringComparison.Ordinal));
        Assert.Contains("parameter pilot_examples: 1000 → 800", lines);
        Assert.Contains(lines, l => l.StartsWith($"rule {json["rules"]![1]!["id"]} condition: ", StringComparison.Ordinal));
        Assert.Equal(6, lines.Count);
    }

    [Fact]
    public void Describe_AddedAndRemovedRules_AreNamed()
    {
        var before = RuleSetLoader.LoadOrThrow(RuleSetJson.With(rules: [RuleSetJson.Rule("old-rule", "support", 3)]));
        var after = RuleSetLoader.LoadOrThrow(RuleSetJson.With(rules: [RuleSetJson.Rule("new-rule", "oppose", 4)]));

        var lines = RuleSetDiff.Describe(before, after);

        Assert.Equal(["rule new-rule added (specialized_domain, oppose, weight 4)", "rule old-rule removed"], lines);
    }

    /// <summary>Conditions are compared as loaded (by value), not by re-reading the JSON; a parameter change is one line.</summary>
    [Fact]
    public void Describe_ParameterReadByConditions_IsOneParameterLineAndConditionsStayTheSame()
    {
        var before = RuleSetLoader.LoadDefault();
        var json = RuleSetJson.Default();
        json["parameters"]!["production_examples"] = 20000;
        json["rules"]![0]!["when"] = JsonNode.Parse("""{"any": [{"question": "domain", "equals": "general"}, {"question": "example_count", "between": [1, {"param": "pilot_examples"}]}]}""");

        var lines = RuleSetDiff.Describe(before, RuleSetLoader.LoadOrThrow(json.ToJsonString()));

        Assert.Equal(
            [
                "parameter production_examples: 10000 → 20000",
                $"rule {json["rules"]![0]!["id"]} condition: {before.Rules[0].When} → "
                    + """{"any":[{"question":"domain","equals":"general"},{"question":"example_count","between":[1,{"param":"pilot_examples"}]}]}""",
            ],
            lines);
    }

    [Fact]
    public void Describe_SignalAddedAndRemoved_NamesNoneForTheMissingSide()
    {
        var before = RuleSetLoader.LoadOrThrow(RuleSetJson.With(rules: [RuleSetJson.Rule("aa", "support", 1), RuleSetJson.Rule("bb", "support", 1, "retrieval")]));
        var after = RuleSetLoader.LoadOrThrow(RuleSetJson.With(rules: [RuleSetJson.Rule("aa", "support", 1, "pilot_first"), RuleSetJson.Rule("bb", "support", 1)]));

        Assert.Equal(["rule aa signal: none → pilot_first", "rule bb signal: retrieval → none"], RuleSetDiff.Describe(before, after));
    }

    [Fact]
    public void Describe_ChangedStepsRampAndDimension_OneReadableLineEach()
    {
        var before = RuleSetLoader.LoadDefault();
        var json = RuleSetJson.Default();
        RuleSetJson.RuleOf(json, "limited-data")["ramp"] = JsonNode.Parse("""{"measure": "effective_examples", "from": 50, "to": {"param": "pilot_examples"}}""");
        RuleSetJson.RuleOf(json, "domain-business")["dimension"] = "team";
        var steps = RuleSetJson.Steps(json);
        var first = steps[0]!["id"]!.GetValue<string>();
        var second = steps[1]!["id"]!.GetValue<string>();
        steps[0]!["text"] = "New text.";
        steps[1]!["verdicts"] = JsonNode.Parse("""["not_ready"]""");
        steps.Add(JsonNode.Parse(RuleSetJson.Step("brand-new", "then", ["pilot", "fine_tune"])));
        var removed = steps[^2]!["id"]!.GetValue<string>();
        steps.RemoveAt(steps.Count - 2);

        var lines = RuleSetDiff.Describe(before, RuleSetLoader.LoadOrThrow(json.ToJsonString()));

        Assert.Equal(
            [
                "rule domain-business dimension: case → team",
                "rule limited-data ramp: effective_examples from min_examples to pilot_examples → effective_examples from 50 to pilot_examples",
                $"step {first} text: \"{before.Steps[0].Text}\" → \"New text.\"",
                $"step {second} verdicts: not_ready, rag → not_ready",
                "step brand-new added (pilot, fine_tune)",
                $"step {removed} removed",
            ],
            lines);
    }
}
