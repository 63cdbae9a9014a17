using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

/// <summary>Refusals a review asked for: each would otherwise load a rule set that breaks a documented property.</summary>
public sealed class RuleSetLoaderStrictnessTests
{
    private static string DefaultJson() => RuleSetLoader.DefaultJson();

    /// <summary>A score spread of 0 would divide by zero; a case bar of 0 or 100 would make step 1 of the procedure meaningless.</summary>
    [Theory]
    [InlineData("score_spread", "0")]
    [InlineData("criterion_spread", "-1")]
    [InlineData("case_min_score", "100")]
    [InlineData("fine_tune_min_score", "0")]
    public void Load_ProcedureParameterOutOfRange_IsRefused(string name, string value)
    {
        var json = System.Text.RegularExpressions.Regex.Replace(DefaultJson(), $@"""{name}"":\s*[0-9.]+", $"\"{name}\": {value}");

        var result = RuleSetLoader.Load(json);

        Assert.Contains(result.Problems, p => p.Path == $"$.parameters.{name}");
    }

    [Fact]
    public void Load_FractionalThresholdForAWholeNumberQuestion_IsRefused()
    {
        var root = RuleSetJson.Default();
        RuleSetJson.RuleOf(root, "domain-specialized")["when"] = System.Text.Json.Nodes.JsonNode.Parse("""{"question": "example_count", "atLeast": 1000.5}""");

        var result = RuleSetLoader.Load(root.ToJsonString());

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Message.Contains("takes a whole number", StringComparison.Ordinal));
    }

    /// <summary>Measures are not whole numbers (raw rows count for a tenth), so a fractional threshold on one is fine.</summary>
    [Fact]
    public void Load_FractionalThresholdForAMeasure_IsAccepted()
    {
        var root = RuleSetJson.Default();
        RuleSetJson.RuleOf(root, "domain-specialized")["when"] = System.Text.Json.Nodes.JsonNode.Parse("""{"measure": "effective_examples", "atLeast": 1000.5}""");

        Assert.True(RuleSetLoader.Load(root.ToJsonString()).IsValid);
    }

    /// <summary>A repeated property would silently keep only one of two values (and the editor's JSON model refuses it).</summary>
    [Fact]
    public void Load_DuplicatePropertyName_IsRefused()
    {
        var json = DefaultJson().Replace("\"case_min_score\": 60", "\"case_min_score\": 60, \"case_min_score\": 70", StringComparison.Ordinal);

        var result = RuleSetLoader.Load(json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Path == "$" && p.Message.Contains("case_min_score", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_LoneSurrogateInAString_IsAProblemNotAnException()
    {
        var json = DefaultJson().Replace("\"name\": \"Defaults", "\"name\": \"\\ud800Defaults", StringComparison.Ordinal);

        var result = RuleSetLoader.Load(json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Message.Contains("surrogate", StringComparison.Ordinal));
    }
}
