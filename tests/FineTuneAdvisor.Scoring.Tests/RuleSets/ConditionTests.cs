using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

/// <summary>Conditions compare by value and print as the compact JSON they were loaded from.</summary>
public sealed class ConditionTests
{
    [Fact]
    public void Equals_SameJsonLoadedTwice_EveryConditionIsEqualWithTheSameHash()
    {
        var first = RuleSetLoader.LoadDefault();
        var second = RuleSetLoader.LoadOrThrow(first.Json);

        Assert.All(first.Rules.Zip(second.Rules), pair =>
        {
            Assert.NotSame(pair.First.When, pair.Second.When);
            Assert.Equal(pair.First.When, pair.Second.When);
            Assert.Equal(pair.First.When.GetHashCode(), pair.Second.When.GetHashCode());
        });
    }

    [Theory]
    [InlineData("""{"question": "domain", "equals": "general"}""", """{"question": "domain", "equals": "business"}""")]
    [InlineData("""{"question": "domain", "oneOf": ["general", "business"]}""", """{"question": "domain", "oneOf": ["business", "general"]}""")]
    [InlineData("""{"question": "example_count", "atLeast": 10}""", """{"question": "example_count", "atMost": 10}""")]
    [InlineData("""{"question": "example_count", "atLeast": {"param": "pilot_examples"}}""", """{"question": "example_count", "atLeast": 1000}""")]
    [InlineData("""{"all": [{"question": "domain", "equals": "general"}]}""", """{"any": [{"question": "domain", "equals": "general"}]}""")]
    [InlineData("""{"not": {"question": "has_eval_set", "equals": true}}""", """{"question": "has_eval_set", "equals": false}""")]
    public void Equals_DifferentConditions_AreNotEqual(string one, string other)
    {
        Assert.NotEqual(When(one), When(other));
    }

    /// <summary>A changed threshold is one change of its parameter, not a change of every condition that reads it.</summary>
    [Fact]
    public void Equals_SameParameterWithAnotherValue_IsEqual()
    {
        var condition = """{"question": "example_count", "atLeast": {"param": "pilot_examples"}}""";
        var lower = RuleSetJson.DefaultParameters.Replace("\"pilot_examples\": 1000", "\"pilot_examples\": 800", StringComparison.Ordinal);

        var before = RuleSetJson.Load(RuleSetJson.With(rules: RuleSetJson.Rule("only", "support", 1, when: condition))).Rules[0].When;
        var after = RuleSetJson.Load(RuleSetJson.With(lower, RuleSetJson.Rule("only", "support", 1, when: condition))).Rules[0].When;

        Assert.Equal(before, after);
    }

    /// <summary>The diff prints conditions this way, as it printed the re-parsed JSON before conditions compared by value.</summary>
    [Fact]
    public void ToString_EveryDefaultCondition_IsItsCompactJson()
    {
        var ruleSet = RuleSetLoader.LoadDefault();
        var rules = JsonNode.Parse(ruleSet.Json)!["rules"]!.AsArray();

        Assert.All(ruleSet.Rules.Select((rule, i) => (rule, i)), r => Assert.Equal(rules[r.i]!["when"]!.ToJsonString(), r.rule.When.ToString()));
    }

    [Fact]
    public void EquatableList_SameItemsInOrder_AreEqual()
    {
        Assert.Equal(new EquatableList<int>([1, 2, 3]), new EquatableList<int>([1, 2, 3]));
        Assert.Equal(new EquatableList<int>([1, 2, 3]).GetHashCode(), new EquatableList<int>([1, 2, 3]).GetHashCode());
        Assert.NotEqual(new EquatableList<int>([1, 2, 3]), new EquatableList<int>([3, 2, 1]));
        Assert.NotEqual(new EquatableList<int>([1, 2]), new EquatableList<int>([1, 2, 3]));
    }

    private static Condition When(string json) => RuleSetJson.Load(RuleSetJson.With(rules: RuleSetJson.Rule("only", "support", 1, when: json))).Rules[0].When;
}
