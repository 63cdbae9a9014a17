using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

/// <summary>Refusals a review asked for: each would otherwise load a rule set that breaks a documented property.</summary>
public sealed class RuleSetLoaderStrictnessTests
{
    private static string DefaultJson()
    {
        using var stream = typeof(RuleSetLoader).Assembly.GetManifestResourceStream("FineTuneAdvisor.Scoring.default-rule-set.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public void Load_PilotMinScoreZero_IsRefusedSoABlockerCanAlwaysStayBelowIt()
    {
        var json = DefaultJson().Replace("\"pilot_min_score\": 55", "\"pilot_min_score\": 0", StringComparison.Ordinal);

        var result = RuleSetLoader.Load(json);

        Assert.Contains(result.Problems, p => p.Path == "$.parameters.pilot_min_score");
    }

    [Theory]
    [InlineData(@"""atLeast"":\s*\{\s*""param"":\s*""production_examples""\s*\}", "\"atLeast\": 1000.5")]
    [InlineData(@"""production_examples"":\s*10000", "\"production_examples\": 10000.5")]
    public void Load_FractionalThresholdForAWholeNumberQuestion_IsRefused(string pattern, string replacement)
    {
        var json = DefaultJson();
        Assert.Matches(pattern, json);

        var result = RuleSetLoader.Load(System.Text.RegularExpressions.Regex.Replace(json, pattern, replacement));

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Message.Contains("whole number", StringComparison.Ordinal) || p.Message.Contains("takes a whole number", StringComparison.Ordinal));
    }

    /// <summary>A repeated property would silently keep only one of two values (and the editor's JSON model refuses it).</summary>
    [Fact]
    public void Load_DuplicatePropertyName_IsRefused()
    {
        var json = DefaultJson().Replace("\"pilot_min_score\": 55", "\"pilot_min_score\": 55, \"pilot_min_score\": 60", StringComparison.Ordinal);

        var result = RuleSetLoader.Load(json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Path == "$" && p.Message.Contains("pilot_min_score", StringComparison.Ordinal));
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
