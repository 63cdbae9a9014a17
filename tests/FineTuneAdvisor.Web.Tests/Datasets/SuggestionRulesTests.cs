using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Tests.Datasets;

/// <summary>Each rule of docs/scoring.md "Measured data" at its edges.</summary>
public sealed class SuggestionRulesTests
{
    private static DatasetMeasures Measures(
        int examples = 1000, int valid = 1000, int exact = 0, int near = 0, int overLimit = 0,
        double topReply = 0.01, double clustered = 0.01, double pairShare = 0.5,
        Dictionary<string, (int, int)>? pii = null) =>
        new(examples, valid, exact, near, overLimit,
            new VarietyReport(500, 1000, pairShare, true, 0, clustered, 1, valid, topReply, 1, 2),
            pii ?? []);

    [Fact]
    public void ExampleCount_IsValidMinusExactDuplicates()
    {
        var suggestion = SuggestionRules.ExampleCount(Measures(examples: 120, valid: 100, exact: 7, near: 5));

        Assert.Equal("93", suggestion.Value);
        Assert.Equal(93L, suggestion.JsonValue);
    }

    [Theory]
    [InlineData(100, 95, 0, 0, 0, "partially_reviewed")]  // exactly 5% errors: not yet raw
    [InlineData(100, 94, 0, 0, 0, "raw")]                 // 6% errors
    [InlineData(100, 100, 6, 4, 0, "partially_reviewed")] // exactly 10% duplicates
    [InlineData(100, 100, 6, 5, 0, "raw")]                // 11% duplicates
    [InlineData(100, 100, 1, 0, 0, "curated")]            // 1% duplicates is still curated
    [InlineData(100, 100, 1, 1, 0, "partially_reviewed")] // 2% duplicates
    [InlineData(100, 99, 0, 0, 0, "partially_reviewed")]  // any format error
    [InlineData(100, 100, 0, 0, 1, "partially_reviewed")] // one example over the token limit
    [InlineData(100, 100, 0, 0, 0, "curated")]
    [InlineData(3, 0, 0, 0, 0, "raw")]                    // nothing valid
    public void Quality_AtItsEdges(int examples, int valid, int exact, int near, int overLimit, string expected)
    {
        Assert.Equal(expected, SuggestionRules.Quality(Measures(examples, valid, exact, near, overLimit))!.Value);
    }

    [Fact]
    public void Quality_NothingRead_SuggestsNothing()
    {
        Assert.Null(SuggestionRules.Quality(Measures(examples: 0, valid: 0)));
    }

    [Theory]
    [InlineData(0.20, 0.01, 0.5, "narrow")]
    [InlineData(0.199, 0.01, 0.5, "moderate")]
    [InlineData(0.01, 0.30, 0.5, "narrow")]
    [InlineData(0.01, 0.299, 0.5, "moderate")]
    [InlineData(0.01, 0.01, 0.149, "narrow")]
    [InlineData(0.01, 0.01, 0.15, "moderate")]
    [InlineData(0.019, 0.049, 0.35, "broad")]
    [InlineData(0.02, 0.049, 0.35, "moderate")]
    [InlineData(0.019, 0.05, 0.35, "moderate")]
    [InlineData(0.019, 0.049, 0.349, "moderate")]
    public void Variety_AtItsEdges(double topReply, double clustered, double pairShare, string expected)
    {
        Assert.Equal(expected, SuggestionRules.Variety(Measures(topReply: topReply, clustered: clustered, pairShare: pairShare))!.Value);
    }

    [Theory]
    [InlineData(20, 0, true)]
    [InlineData(20, 1, false)]  // 19 distinct examples are too few to judge variety
    public void Variety_NeedsTwentyDistinctExamples(int valid, int exact, bool suggested)
    {
        Assert.Equal(suggested, SuggestionRules.Variety(Measures(examples: valid, valid: valid, exact: exact)) is not null);
    }

    [Theory]
    [InlineData("payment_card", 1, 1, "regulated", "Payment card numbers: 1 found, 1 distinct.")]
    [InlineData("us_ssn", 1, 1, "regulated", "US social security numbers: 1 found, 1 distinct.")]
    [InlineData("email", 40, 2, "internal", "E-mail addresses: 40 found, 2 distinct.")]   // two addresses repeated: likely the company's own
    [InlineData("email", 3, 3, "personal", "E-mail addresses: 3 found, 3 distinct.")]
    [InlineData("ip_address", 5, 3, "personal", "IP addresses: 5 found, 3 distinct.")]
    public void Sensitivity_AtItsEdges(string kind, int count, int distinct, string expected, string evidence)
    {
        var suggestion = SuggestionRules.Sensitivity(Measures(pii: new() { [kind] = (count, distinct) }));

        Assert.Equal(expected, suggestion.Value);
        Assert.Equal([evidence], suggestion.Evidence);
    }

    [Fact]
    public void Sensitivity_DistinctValuesAddUpAcrossKinds()
    {
        var suggestion = SuggestionRules.Sensitivity(Measures(pii: new() { ["email"] = (2, 2), ["phone"] = (1, 1) }));

        Assert.Equal("personal", suggestion.Value);
    }

    [Fact]
    public void Sensitivity_NothingFound_SuggestsInternalNeverPublic()
    {
        var suggestion = SuggestionRules.Sensitivity(Measures());

        Assert.Equal("internal", suggestion.Value);
        Assert.Contains("No e-mail addresses", Assert.Single(suggestion.Evidence));
    }

    [Fact]
    public void Suggest_EveryValue_IsAValidAnswerToItsQuestion()
    {
        var suggestions = SuggestionRules.Suggest(Measures());

        Assert.Equal(["example_count", "data_quality", "data_variety", "data_sensitivity"], suggestions.Select(s => s.QuestionId));
        foreach (var suggestion in suggestions)
        {
            var question = QuestionCatalogue.Questions.Single(q => q.Id == suggestion.QuestionId);
            Assert.Null(AnswerCheck.Problem(question, suggestion.Value));
            Assert.NotEmpty(suggestion.Evidence);
            Assert.False(string.IsNullOrWhiteSpace(suggestion.Rule));
        }
    }
}
