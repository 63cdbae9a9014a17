using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Costs;

/// <summary>The questionnaire's cost answers: typical values for what was not given, the request volume they decide, and the model estimated on.</summary>
public sealed class CostAnswersTests
{
    private const string Mini = "openai:gpt-4o-mini-2024-07-18";
    private static readonly ProviderCatalogue Catalogue = CatalogueLoader.LoadDefault();

    [Theory]
    [InlineData(1, "low")]
    [InlineData(29_999, "low")]
    [InlineData(30_000, "medium")]
    [InlineData(299_999, "medium")]
    [InlineData(300_000, "high")]
    [InlineData(10_000_000_000, "high")]
    public void LevelFor_RequestsAMonth_FollowsTheRequestVolumeBands(long perMonth, string level) =>
        Assert.Equal(level, RequestVolume.LevelFor(perMonth));

    [Fact]
    public void Read_NothingGiven_UsesTheReferencesTypicalValuesAndNamesEach()
    {
        var reading = CostAnswers.Read(new Dictionary<string, string> { ["request_volume"] = "high", ["change_frequency"] = "quarterly" }, Catalogue.Typical);

        var inputs = reading.Inputs;
        Assert.Equal(1_000_000, inputs.RequestsPerMonth);
        Assert.Equal(2_000, inputs.PromptTokens);
        Assert.Equal(100, inputs.PromptTokensAfterFineTuning);
        Assert.Equal(100, inputs.UserTokens);
        Assert.Equal(200, inputs.OutputTokens);
        Assert.Equal(0m, inputs.CachedShare);
        Assert.Equal(1_000, inputs.TrainingExamples);
        Assert.Equal(500, inputs.TokensPerExample);
        Assert.Equal(4, inputs.RetrainsPerYear);
        Assert.Empty(CostLimits.Check(inputs));
        Assert.Contains("Requests a month: 1,000,000, typical of a high request volume (not given).", reading.Assumptions);
        Assert.Contains(reading.Assumptions, a => a.StartsWith("Prompt today: 2,000 tokens", StringComparison.Ordinal));
        Assert.Contains(reading.Assumptions, a => a.StartsWith("Tokens per training example: 500 (not measured", StringComparison.Ordinal));
        Assert.Contains("Retraining: 4 times a year, as the information changes quarterly.", reading.Assumptions);
    }

    [Fact]
    public void Read_AnswersAndAMeasuredSample_AreUsedAsGivenWithoutAssumingThem()
    {
        var answers = new Dictionary<string, string>
        {
            ["requests_per_month"] = "250000", ["prompt_tokens"] = "3000", ["prompt_tokens_after_fine_tuning"] = "150",
            ["output_tokens"] = "not_sure", ["cached_prompt_percent"] = "80", ["example_count"] = "12000",
        };

        var reading = CostAnswers.Read(answers, Catalogue.Typical, new MeasuredSample(400, 730, new DateOnly(2026, 11, 2)));

        Assert.Equal(250_000, reading.Inputs.RequestsPerMonth);
        Assert.Equal(3_000, reading.Inputs.PromptTokens);
        Assert.Equal(150, reading.Inputs.PromptTokensAfterFineTuning);
        Assert.Equal(200, reading.Inputs.OutputTokens);
        Assert.Equal(0.8m, reading.Inputs.CachedShare);
        Assert.Equal(12_000, reading.Inputs.TrainingExamples);
        Assert.Equal(730, reading.Inputs.TokensPerExample);
        Assert.DoesNotContain(reading.Assumptions, a => a.StartsWith("Requests a month", StringComparison.Ordinal) || a.StartsWith("Prompt today", StringComparison.Ordinal));
        Assert.Contains("Answer length: 200 tokens (not given).", reading.Assumptions);
        Assert.Contains("Tokens per training example: 730, measured from your sample of 400 examples on 2 November 2026.", reading.Assumptions);
    }

    [Fact]
    public void Read_OnlyTodaysPrompt_AssumesATwentiethOfItAfterFineTuning() =>
        Assert.Equal(400, CostAnswers.Read(new Dictionary<string, string> { ["prompt_tokens"] = "8000" }, Catalogue.Typical).Inputs.PromptTokensAfterFineTuning);

    [Theory]
    [InlineData("rarely", 1)]
    [InlineData("monthly", 12)]
    [InlineData("weekly", 52)]
    [InlineData("daily", 365)]
    [InlineData("realtime", 365)]
    [InlineData("not_sure", 12)]
    [InlineData(null, 12)]
    public void Retraining_HowOftenTheInformationChanges_IsOneRunPerChangeAtMostDaily(string? frequency, int perYear) =>
        Assert.Equal(perYear, CostAnswers.Retraining(frequency).PerYear);

    [Fact]
    public void Problems_APromptThatGrowsAfterFineTuning_IsNamedBesideTheLaterAnswer()
    {
        var problems = CostAnswers.Problems(new Dictionary<string, string> { ["prompt_tokens"] = "500", ["prompt_tokens_after_fine_tuning"] = "600" });

        var (id, message) = Assert.Single(problems);
        Assert.Equal("prompt_tokens_after_fine_tuning", id);
        Assert.Contains("at most today's 500 tokens", message, StringComparison.Ordinal);
        Assert.Empty(CostAnswers.Problems(new Dictionary<string, string> { ["prompt_tokens"] = "500", ["prompt_tokens_after_fine_tuning"] = "500" }));
    }

    [Fact]
    public void AnyGiven_BlankAnswersOnly_IsFalse_NotSureIsAnAnswer()
    {
        Assert.False(CostAnswers.AnyGiven(new Dictionary<string, string> { ["request_volume"] = "high", ["prompt_tokens"] = " " }));
        Assert.True(CostAnswers.AnyGiven(new Dictionary<string, string> { ["output_tokens"] = "not_sure" }));
        Assert.True(CostAnswers.AnyGiven(new Dictionary<string, string> { ["cost_model"] = "undecided" }));
    }

    /// <summary>OpenAI takes gpt-4o-mini jobs up to 6 January 2027: from the 7th the estimate moves to an alternative, never the closed model.</summary>
    [Theory]
    [InlineData("2026-11-30", true)]
    [InlineData("2027-01-06", true)]
    [InlineData("2027-01-07", false)]
    [InlineData("2027-01-14", false)]
    public void ChooseModel_AcrossOpenAisDates_NeverEstimatesOnAModelThatTakesNoNewJobs(string day, bool keepsIt)
    {
        var today = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        var choice = CostAnswers.ChooseModel(Catalogue, "hosted_api", Mini, today);

        Assert.NotNull(choice.Model);
        Assert.Equal(ModelState.Active, choice.Model!.Status.StateOn(today));
        Assert.Equal(keepsIt, choice.Model.Id == Mini);
        Assert.Equal(keepsIt, choice.Note is null);
        Assert.Equal(keepsIt, choice.Availability.CanTrainToday);
        if (!keepsIt)
        {
            Assert.Equal(choice.Availability.Alternatives[0], choice.Model);
            Assert.Contains("can no longer be fine-tuned", choice.Note, StringComparison.Ordinal);
            Assert.DoesNotContain(choice.Availability.Alternatives, m => m.Provider.Id == "openai");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("undecided")]
    [InlineData("openai:gone-model")]
    public void ChooseModel_NoneOrUnknown_TakesTheFirstModelThatFitsTheHostingAndTakesJobs(string? answer)
    {
        var today = new DateOnly(2026, 11, 30);

        var choice = CostAnswers.ChooseModel(Catalogue, "open_source_self_hosted", answer, today);

        Assert.NotNull(choice.Model);
        Assert.True(HostingAnswers.Fits("open_source_self_hosted", choice.Model!));
        Assert.Equal(ModelState.Active, choice.Model.Status.StateOn(today));
        Assert.NotNull(choice.Note);
    }

    /// <summary>A number of requests decides the request volume: the answer "low" with a million requests a month scores as high.</summary>
    [Fact]
    public void Evaluate_RequestsAMonth_DecidesTheRequestVolumeRules()
    {
        var low = GoldenCaseAnswers().With("prompting_status", "works_but_costly").With("request_volume", "low");

        var asAnswered = TestAnswers.Evaluate(low);
        var withNumber = TestAnswers.Evaluate(low.With("requests_per_month", "1000000"));
        var withSmallNumber = TestAnswers.Evaluate(low.With("request_volume", "high").With("requests_per_month", "900"));

        Assert.Contains(asAnswered.FiredRules, r => r.Id == "costly-at-low-volume");
        Assert.DoesNotContain(withNumber.FiredRules, r => r.Id == "costly-at-low-volume");
        Assert.Contains(withNumber.FiredRules, r => r.Id == "costly-at-volume");
        Assert.Contains(withSmallNumber.FiredRules, r => r.Id == "costly-at-low-volume");
    }

    private static AnswerSet GoldenCaseAnswers() => GoldenCases.GoldenCaseFile.All[0].Answers;
}
