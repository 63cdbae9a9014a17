using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

public class MessageTemplateTests
{
    private static string Render(string text, params (string Id, string Value)[] answers) =>
        MessageTemplate.Render(text, TestAnswers.DefaultRules, new AnswerSet(answers.Select(a => new KeyValuePair<string, string>(a.Id, a.Value))));

    [Fact]
    public void Render_ShortfallToProductionFor2500Examples_Gives7500()
    {
        Assert.Equal("7,500", Render("{shortfall:production_examples:example_count}", ("example_count", "2500")));
    }

    [Theory]
    [InlineData("production_examples", "0", "10,000")]
    [InlineData("production_examples", "1000", "9,000")]
    [InlineData("production_examples", "1234", "8,800")]
    [InlineData("production_examples", "9950", "50")]
    [InlineData("production_examples", "9999", "1")]
    [InlineData("production_examples", "10000", "0")]
    [InlineData("production_examples", "250000", "0")]
    [InlineData("pilot_examples", "200", "800")]
    [InlineData("pilot_examples", "999", "1")]
    [InlineData("pilot_examples", "1", "1,000")]
    public void Render_Shortfall_IsRoundedUpAndNeverNegative(string parameter, string examples, string expected)
    {
        Assert.Equal(expected, Render($"{{shortfall:{parameter}:example_count}}", ("example_count", examples)));
    }

    [Fact]
    public void Render_ShortfallWithoutAnAnswer_CountsTheAnswerAsZero()
    {
        Assert.Equal("10,000", Render("{shortfall:production_examples:example_count}"));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.2, 1)]
    [InlineData(99, 99)]
    [InlineData(99.5, 100)]
    [InlineData(100, 100)]
    [InlineData(101, 110)]
    [InlineData(123, 130)]
    [InlineData(7500, 7500)]
    [InlineData(7501, 7600)]
    [InlineData(8766, 8800)]
    [InlineData(9001, 9100)]
    [InlineData(9999, 10000)]
    [InlineData(10001, 11000)]
    [InlineData(999_999, 1_000_000)]
    [InlineData(12_345_678, 13_000_000)]
    public void RoundUp_Value_RoundsUpToTwoSignificantFigures(double value, double expected)
    {
        Assert.Equal(expected, MessageTemplate.RoundUp(value));
    }

    [Fact]
    public void RoundUp_ManyValues_NeverRoundsDownAndKeepsAtMostTwoSignificantFigures()
    {
        for (var value = 0; value <= 200_000; value += 7)
        {
            var rounded = MessageTemplate.RoundUp(value);
            Assert.True(rounded >= value, $"{value} -> {rounded}");
            Assert.True(rounded < 100 || rounded <= value * 1.1 + 1, $"{value} -> {rounded} overshoots");
            var digits = rounded.ToString("0", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0');
            Assert.True(digits.Length <= 2 || rounded < 100, $"{value} -> {rounded} has more than two significant figures");
        }
    }

    [Theory]
    [InlineData("{answer:example_count}", "example_count", "12000", "12,000")]
    [InlineData("{answer:domain}", "domain", "specialized", "specialised")]
    [InlineData("{answer:change_frequency}", "change_frequency", "realtime", "continuously")]
    [InlineData("{answer:data_rights}", "data_rights", "unclear", "not sure yet")]
    [InlineData("{answer:has_eval_set}", "has_eval_set", "true", "yes")]
    [InlineData("{answer:data_sensitivity}", "data_sensitivity", "regulated", "regulated")]
    public void Render_AnswerPlaceholder_PrintsNumbersWithSeparatorsAndChoiceLabelsInLowerCase(string text, string id, string value, string expected)
    {
        Assert.Equal(expected, Render(text, (id, value)));
    }

    [Fact]
    public void Render_AnswerPlaceholderWithoutAnAnswer_SaysNotAnswered()
    {
        Assert.Equal("Only (not answered) examples", Render("Only {answer:example_count} examples"));
    }

    [Theory]
    [InlineData("{pilot_examples}", "1,000")]
    [InlineData("{production_examples}", "10,000")]
    [InlineData("{retrieval_change_frequency}", "daily")]
    [InlineData("{fine_tune_min_score}", "75")]
    public void Render_ParameterPlaceholder_PrintsTheParameter(string text, string expected)
    {
        Assert.Equal(expected, Render(text));
    }

    [Fact]
    public void Render_SeveralPlaceholders_ReplacesEachInPlace()
    {
        var text = Render(
            "Collect about {shortfall:production_examples:example_count} more curated examples to reach {production_examples}; you have {answer:example_count} of {answer:data_quality} quality.",
            ("example_count", "2500"), ("data_quality", "curated"));

        Assert.Equal("Collect about 7,500 more curated examples to reach 10,000; you have 2,500 of curated quality.", text);
    }

    [Fact]
    public void Render_TextWithoutPlaceholders_IsReturnedUnchanged()
    {
        const string text = "No placeholders here.";

        Assert.Same(text, MessageTemplate.Render(text, TestAnswers.DefaultRules, AnswerSet.Empty));
    }

    [Fact]
    public void Render_TunedParameter_UsesTheRuleSetsValue()
    {
        var root = RuleSetJson.Default();
        root["parameters"]!["production_examples"] = 5000;
        var tuned = RuleSetLoader.LoadOrThrow(root.ToJsonString());
        var answers = new AnswerSet([new("example_count", "2500")]);

        Assert.Equal("2,500 more to 5,000", MessageTemplate.Render("{shortfall:production_examples:example_count} more to {production_examples}", tuned, answers));
    }

    [Theory]
    [InlineData("pilot_examples")]
    [InlineData("retrieval_change_frequency")]
    [InlineData("answer:domain")]
    [InlineData("answer:example_count")]
    [InlineData("answer:has_eval_set")]
    [InlineData("shortfall:production_examples:example_count")]
    [InlineData("shortfall:pilot_examples:example_count")]
    public void Check_ValidPlaceholder_HasNoProblem(string placeholder)
    {
        Assert.Null(MessageTemplate.Check(placeholder, TestAnswers.DefaultRules.Parameters));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData("Pilot_Examples")]
    [InlineData("answer")]
    [InlineData("answer:nope")]
    [InlineData("answer:use_case_summary")]
    [InlineData("answer:domain:extra")]
    [InlineData("shortfall:production_examples")]
    [InlineData("shortfall:nope:example_count")]
    [InlineData("shortfall:retrieval_change_frequency:example_count")]
    [InlineData("shortfall:production_examples:domain")]
    [InlineData("shortfall:production_examples:example_count:extra")]
    public void Check_InvalidPlaceholder_NamesIt(string placeholder)
    {
        var problem = MessageTemplate.Check(placeholder, TestAnswers.DefaultRules.Parameters);

        Assert.NotNull(problem);
        Assert.StartsWith($"Unknown placeholder '{{{placeholder}}}'.", problem, StringComparison.Ordinal);
    }
}
