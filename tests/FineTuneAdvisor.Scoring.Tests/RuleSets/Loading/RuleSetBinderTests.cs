using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.RuleSets.Loading;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets.Loading;

/// <summary>
/// Shape problems (unknown or misshapen members, missing required ones): System.Text.Json stops at the first, the
/// binder names every one at its path and lets the validator check the rest. Never an exception.
/// </summary>
public sealed class RuleSetBinderTests
{
    [Fact]
    public void Bind_ValidDefault_BindsEveryRuleWithoutProblems()
    {
        var problems = new List<RuleSetProblem>();

        var document = RuleSetBinder.Bind(RuleSetLoader.LoadDefault().Json, problems);

        Assert.Empty(problems);
        Assert.Equal(64, document!.Rules.Count);
        Assert.DoesNotContain(null, document.Rules);
        Assert.Equal(45, document.Steps!.Count);
        Assert.DoesNotContain(null, document.Steps);
    }

    /// <summary>A misshapen condition sets its rule aside; the rules around it are bound and checked as usual.</summary>
    [Fact]
    public void Bind_MisshapenCondition_SetsOnlyThatRuleAsideAndKeepsChecking()
    {
        var root = RuleSetJson.Default();
        root["rules"]![3]!["when"] = JsonNode.Parse("""{"question": 5, "equals": "x"}""");
        root["rules"]![5]!["weight"] = 30;
        var problems = new List<RuleSetProblem>();

        var document = RuleSetBinder.Bind(root.ToJsonString(), problems);

        Assert.Equal([new("$.rules[3].when.question", "Must be a non-empty string.")], problems);
        Assert.Null(document!.Rules[3]);
        Assert.Equal(30, document.Rules[5]!.Weight);
        Assert.Contains(RuleSetLoader.Load(root.ToJsonString()).Problems, p => p.Path == "$.rules[5].weight");
    }

    [Fact]
    public void Load_SeveralShapeProblemsInRules_NamesEachOnceAndChecksTheRest()
    {
        var root = RuleSetJson.Default();
        root["rules"]![0]!["enabled"] = "yes";
        root["rules"]![0]!["weight"] = 30;
        root["rules"]![1]!["signal"] = 2;
        root["rules"]![2]!.AsObject().Remove("citation");
        root["rules"]![2]!["criterion"] = false;
        root["rules"]![4] = 5;
        root["rules"]![5] = null;
        root["rules"]![6]!["nul"] = null;
        root["rules"]![6]!["we.ird"] = 1;

        var problems = RuleSetLoader.Load(root.ToJsonString()).Problems;

        Assert.Equal(
            [
                "$.rules[0].enabled: Must be true or false.",
                "$.rules[1].signal: Must be a non-empty string.",
                "$.rules[2].criterion: Must be a non-empty string.",
                "$.rules[2].citation: Required: a non-empty string.",
                "$.rules[4]: A rule must be an object.",
                "$.rules[6].nul: Unknown property. Expected one of: id, criterion, dimension, when, effect, weight, ramp, signal, message, nextStep, risk, citation, enabled.",
                "$.rules[6]['we.ird']: Unknown property. Expected one of: id, criterion, dimension, when, effect, weight, ramp, signal, message, nextStep, risk, citation, enabled.",
            ],
            problems.Take(7).Select(p => p.ToString()));
        Assert.Contains(problems, p => p.ToString() == "$.rules[0].weight: Must be from 0 to 25 (was 30).");
        Assert.Contains(problems, p => p.ToString() == "$.rules[5]: A rule must be an object.");
        Assert.Equal(problems.Count, problems.Select(p => p.Path).Distinct().Count());
    }

    /// <summary>A top-level member that cannot be bound leaves nothing to validate, but every shape problem is still named.</summary>
    [Fact]
    public void Load_TopLevelAndRuleMembersMisshapen_NamesEveryShapeProblem()
    {
        var root = RuleSetJson.Default();
        root["version"] = "3";
        root["name"] = 5;
        root["rules"]![0]!["colour"] = "red";

        var problems = RuleSetLoader.Load(root.ToJsonString()).Problems;

        Assert.Equal(
            [
                "$.version: Must be a whole number.",
                "$.name: Must be a non-empty string.",
                "$.rules[0].colour: Unknown property. Expected one of: id, criterion, dimension, when, effect, weight, ramp, signal, message, nextStep, risk, citation, enabled.",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Load_RequiredTopLevelMembersMissing_NamesEachAndWhatItMustBe()
    {
        var root = RuleSetJson.Default();
        root.Remove("schemaVersion");
        root.Remove("rules");
        root.Remove("parameters");

        var problems = RuleSetLoader.Load(root.ToJsonString()).Problems;

        Assert.Equal(
            ["$.schemaVersion: Required: a whole number.", "$.parameters: Required: an object of named thresholds.", "$.rules: Required: an array of rules."],
            problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("rules", "{}", "An array of rules is required.")]
    [InlineData("parameters", "[]", "An object of named thresholds is required.")]
    [InlineData("schemaVersion", "1.5", "Must be a whole number.")]
    [InlineData("name", "null", "Must be a non-empty string.")]
    public void Load_TopLevelMemberOfTheWrongType_IsNamed(string member, string value, string message)
    {
        var root = RuleSetJson.Default();
        root[member] = JsonNode.Parse(value);

        var problem = Assert.Single(RuleSetLoader.Load(root.ToJsonString()).Problems);

        Assert.Equal(($"$.{member}", message), (problem.Path, problem.Message));
    }

    [Theory]
    [InlineData("Support")]
    [InlineData("SUPPORT")]
    [InlineData("support, oppose")]
    [InlineData("0")]
    public void Load_EffectNotExactlyAName_IsRefused(string effect)
    {
        var root = RuleSetJson.Default();
        root["rules"]![0]!["effect"] = effect;

        var problem = Assert.Single(RuleSetLoader.Load(root.ToJsonString()).Problems);

        Assert.Equal(("$.rules[0].effect", "Must be one of: support, oppose, blocker."), (problem.Path, problem.Message));
    }

    /// <summary>Optional texts, the signal, the dimension and the ramp may be null: the same as leaving them out.</summary>
    [Fact]
    public void Load_NullSignalNextStepRiskDimensionAndRamp_MeanNone()
    {
        var root = RuleSetJson.Default();
        var rule = RuleSetJson.RuleOf(root, "data-toward-production");
        rule["signal"] = null;
        rule["nextStep"] = null;
        rule["risk"] = null;
        rule["dimension"] = null;
        rule["ramp"] = null;

        var loaded = RuleSetLoader.LoadOrThrow(root.ToJsonString()).Rules.Single(r => r.Id == "data-toward-production");

        Assert.Equal((null, null, null, null, Dimension.Team), (loaded.Signal, loaded.NextStep, loaded.Risk, loaded.Ramp, loaded.Dimension));
    }

    /// <summary>A misshapen step is named and set aside like a rule; the other steps are checked as usual.</summary>
    [Fact]
    public void Load_MisshapenSteps_NameEachAndCheckTheRest()
    {
        var root = RuleSetJson.Default();
        RuleSetJson.Steps(root)[0]!["verdicts"] = "pilot";
        RuleSetJson.Steps(root)[1] = 5;
        RuleSetJson.Steps(root)[2]!["colour"] = "red";
        RuleSetJson.Steps(root)[3]!["group"] = "first";

        var problems = RuleSetLoader.Load(root.ToJsonString()).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains("$.steps[0].verdicts: Must be an array of names.", problems);
        Assert.Contains("$.steps[1]: A step must be an object.", problems);
        Assert.Contains("$.steps[2].colour: Unknown property. Expected one of: id, group, verdicts, stages, resolves, when, text, citation.", problems);
        Assert.Contains("$.steps[3].group: Must be one of: remove_first, then.", problems);
        Assert.Equal(problems.Count, problems.Distinct().Count());
    }

    [Fact]
    public void Load_ManyUnknownProperties_StopsAfterTheLimitWithoutThrowing()
    {
        var root = JsonNode.Parse(RuleSetJson.With(rules: RuleSetJson.Rule("only", "support", 1)))!.AsObject();
        for (var i = 0; i < RuleSetBinder.MaxShapeProblems + 10; i++)
        {
            root[$"extra{i}"] = i;
        }

        var problems = RuleSetLoader.Load(root.ToJsonString()).Problems;

        Assert.Equal(RuleSetBinder.MaxShapeProblems + 1, problems.Count);
        Assert.Equal(("$", $"More than {RuleSetBinder.MaxShapeProblems} problems of shape; fix these first."), (problems[^1].Path, problems[^1].Message));
    }

    [Theory]
    [InlineData("\"name\": \"Defaults", "\"name\": \"\\udc00Defaults", "$.name", "A string holds a lone surrogate escape")]
    [InlineData("\"pilot_examples\":", "\"\\ud800\": 1, \"pilot_examples\":", "$.parameters", "A property name holds a lone surrogate escape")]
    public void Load_LoneSurrogate_IsAProblemAtItsPath(string find, string replace, string path, string message)
    {
        var json = RuleSetLoader.LoadDefault().Json;
        Assert.Contains(find, json, StringComparison.Ordinal);

        var problem = Assert.Single(RuleSetLoader.Load(json.Replace(find, replace, StringComparison.Ordinal)).Problems);

        Assert.Equal(path, problem.Path);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Not an escape but the character itself, in the .NET string: it cannot even be read as UTF-8.</summary>
    [Fact]
    public void Load_LoneSurrogateCharacterInTheText_IsNotValidJson()
    {
        var json = RuleSetLoader.LoadDefault().Json.Replace("\"name\": \"Defaults", "\"name\": \"\ud800Defaults", StringComparison.Ordinal);
        Assert.Contains('\ud800', json);

        var problem = Assert.Single(RuleSetLoader.Load(json).Problems);

        Assert.Equal(("$", "Not valid JSON: the text holds half of a surrogate pair, which is not a character."), (problem.Path, problem.Message));
    }

    [Theory]
    [InlineData(8, null)]
    [InlineData(9, "Conditions nest at most 8 deep.")]
    [InlineData(70, "Not valid JSON: The maximum configured depth of 64 has been exceeded.")]
    public void Load_DeeplyNestedCondition_IsAProblemNotAnException(int depth, string? message)
    {
        var when = JsonNode.Parse("""{"question": "domain", "equals": "general"}""")!;
        for (var i = 0; i < depth; i++)
        {
            when = new JsonObject { ["not"] = when };
        }

        var root = RuleSetJson.Default();
        root["rules"]![0]!["when"] = when;

        var problems = RuleSetLoader.Load(root.ToJsonString()).Problems;

        if (message is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.StartsWith(message, Assert.Single(problems).Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every value of a small rule set that uses each kind of condition, replaced in turn by every kind of JSON value,
    /// and every property removed in turn: each variant loads or is refused with problems at paths, never throws.
    /// </summary>
    [Fact]
    public void Load_AnyValueReplacedOrRemoved_LoadsOrNamesProblemsAndNeverThrows()
    {
        var source = RuleSetJson.WithSteps(RuleSetJson.DefaultParameters,
        [
            RuleSetJson.Rule("first", "support", 2, "pilot_first", risk: "A risk of {shortfall:production_target:effective_examples}.", dimension: "team",
                ramp: """{"measure": "effective_examples", "from": {"param": "pilot_examples"}, "to": {"measure": "production_target"}}""",
                when: """{"all": [{"measure": "effective_examples", "atLeast": {"param": "pilot_examples"}}, {"not": {"question": "domain", "oneOf": ["general", "business"]}}]}"""),
            RuleSetJson.Rule("second", "blocker", 1, enabled: false,
                when: """{"any": [{"question": "change_frequency", "between": ["weekly", "realtime"]}, {"question": "has_eval_set", "equals": false}]}"""),
        ],
        [RuleSetJson.Step("after", "then", ["pilot", "rag_and_fine_tune"], stages: ["pilot"], resolves: "data_quality", when: """{"fired": "first"}""")]);
        JsonNode[] replacements = [JsonValue.Create(1), JsonValue.Create(1.5), JsonValue.Create("x"), JsonValue.Create(true), new JsonArray(), new JsonObject()];
        var variants = new List<(string What, string Json)>();
        // Parameters are alike: the first stands for them all (the others would only repeat its variants).
        foreach (var path in Paths(JsonNode.Parse(source)!).Where(p => p is not ["parameters", string name, ..] || name == "pilot_examples"))
        {
            foreach (var replacement in replacements.Append(null))
            {
                var root = JsonNode.Parse(source)!;
                Replace(root, path, replacement?.DeepClone(), remove: false);
                variants.Add(($"{path} = {replacement?.ToJsonString() ?? "null"}", root.ToJsonString()));
            }

            var without = JsonNode.Parse(source)!;
            Replace(without, path, null, remove: true);
            variants.Add(($"{path} removed", without.ToJsonString()));
        }

        Assert.True(variants.Count > 300, $"{variants.Count} variants");
        Assert.All(variants, v =>
        {
            var result = RuleSetLoader.Load(v.Json);
            Assert.True(result.IsValid != (result.Problems.Count > 0), v.What);
            Assert.All(result.Problems, p => Assert.True(p.Path.StartsWith('$') && p.Message.Length > 0, $"{v.What}: {p}"));
        });
    }

    /// <summary>Every path below the root, as (parent path segments) lists: property names and array indexes.</summary>
    private static IEnumerable<object[]> Paths(JsonNode node, object[]? prefix = null)
    {
        prefix ??= [];
        IEnumerable<(object Key, JsonNode? Child)> children = node switch
        {
            JsonObject obj => obj.Select(p => ((object)p.Key, p.Value)),
            JsonArray array => array.Select((child, i) => ((object)i, child)),
            _ => [],
        };
        foreach (var (key, child) in children.ToList())
        {
            object[] path = [.. prefix, key];
            yield return path;
            if (child is not null)
            {
                foreach (var deeper in Paths(child, path))
                {
                    yield return deeper;
                }
            }
        }
    }

    private static void Replace(JsonNode root, object[] path, JsonNode? value, bool remove)
    {
        var parent = root;
        foreach (var key in path[..^1])
        {
            parent = key is string name ? parent[name]! : parent[(int)key]!;
        }

        switch (path[^1], parent)
        {
            case (string name, JsonObject obj) when remove:
                obj.Remove(name);
                break;
            case (string name, JsonObject obj):
                obj[name] = value;
                break;
            case (int index, JsonArray array) when remove:
                array.RemoveAt(index);
                break;
            case (int index, JsonArray array):
                array[index] = value;
                break;
        }
    }
}
