using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

/// <summary>
/// The texts of a rule set (name, messages, next steps, risks, citations) are plain text people read on result pages
/// and in exports, and weights are numbers that count: what an import or an editor would store otherwise is refused.
/// </summary>
public class RuleSetLoaderTextTests
{
    [Theory]
    [InlineData("message", "A message with a NUL\u0000", "U+0000")]
    [InlineData("message", "Reads \u202Ebackwards", "U+202E")]
    [InlineData("message", "\u200B\u200B", "non-empty")]
    [InlineData("risk", "Risk\u0007", "U+0007")]
    [InlineData("citation", "\uFEFF", "non-empty")]
    public void Load_RuleTextWithAForbiddenCharacter_IsRefusedAtItsPath(string field, string text, string fragment)
    {
        var root = RuleSetJson.Default();
        var rule = RuleSetJson.RuleOf(root, "domain-general");
        rule[field] = text;

        var result = RuleSetLoader.Load(root.ToJsonString());

        var path = $"$.rules[{RuleSetJson.IndexOf(root, "domain-general")}].{field}";
        Assert.True(result.Problems.Any(p => p.Path == path && p.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected {path}: ...{fragment}... among:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
    }

    /// <summary>Schema 2 keeps next steps in the top-level "steps" array: their text is checked the same way.</summary>
    [Fact]
    public void Load_StepTextWithAnIsolate_IsRefusedAtItsPath()
    {
        var root = RuleSetJson.Default();
        root["steps"]![0]!["text"] = "Collect \u2066more\u2069 data";

        var result = RuleSetLoader.Load(root.ToJsonString());

        Assert.Contains(result.Problems, p => p.Path == "$.steps[0].text" && p.Message.Contains("U+2066", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NameWithABidirectionalOverride_IsRefused()
    {
        var root = RuleSetJson.Default();
        root["name"] = "Default \u202Eslur";

        var result = RuleSetLoader.Load(root.ToJsonString());

        Assert.Contains(result.Problems, p => p.Path == "$.name" && p.Message.Contains("U+202E", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1e-400")]
    [InlineData("0.001")]
    [InlineData("4e-3")]
    public void Load_WeightThatRoundsToZero_IsRefused(string weight)
    {
        var root = RuleSetJson.Default();
        var index = RuleSetJson.IndexOf(root, "domain-general");
        // Written as raw JSON: a JsonNode would already have turned 1e-400 into 0.
        RuleSetJson.RuleOf(root, "domain-general")["weight"] = "PLACEHOLDER";
        var json = root.ToJsonString().Replace("\"weight\":\"PLACEHOLDER\"", $"\"weight\":{weight}", StringComparison.Ordinal);

        var result = RuleSetLoader.Load(json);

        Assert.Contains(result.Problems, p => p.Path == $"$.rules[{index}].weight" && p.Message.Contains("rounds to 0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("0e10")]
    [InlineData("0.01")]
    [InlineData("2.5")]
    public void Load_WeightZeroOrAtLeastAHundredth_IsAccepted(string weight)
    {
        var root = RuleSetJson.Default();
        RuleSetJson.RuleOf(root, "domain-general")["weight"] = "PLACEHOLDER";
        var json = root.ToJsonString().Replace("\"weight\":\"PLACEHOLDER\"", $"\"weight\":{weight}", StringComparison.Ordinal);

        var result = RuleSetLoader.Load(json);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
    }

    [Fact]
    public void WeightCheck_TypedAsTextThatUnderflows_RoundsToZero()
    {
        Assert.True(WeightCheck.RoundsToZero("1e-400", 0));
        Assert.True(WeightCheck.RoundsToZero("0.004", 0.004));
        Assert.False(WeightCheck.RoundsToZero("0", 0));
        Assert.False(WeightCheck.RoundsToZero("-0.0e5", 0));
        Assert.False(WeightCheck.RoundsToZero("0.005", 0.005));
        Assert.False(WeightCheck.RoundsToZero(null, 0));
    }
}
