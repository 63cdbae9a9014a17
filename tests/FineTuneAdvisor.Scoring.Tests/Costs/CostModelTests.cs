using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Scoring.Tests.Costs;

public sealed class CostModelTests
{
    private static readonly ProviderCatalogue Catalogue = CatalogueLoader.LoadDefault();
    private static readonly CatalogueModel Mini = Catalogue.Find("openai:gpt-4o-mini-2024-07-18")!;
    private static readonly DateOnly Today = new(2026, 11, 30);

    /// <summary>The reference's corrected worked example: gpt-4o-mini, prompt 2,000 → 100 tokens, 1,000 examples of 500 tokens.</summary>
    private static CostInputs WorkedExample(decimal cachedShare = 0m) => new()
    {
        RequestsPerMonth = 100_000,
        PromptTokens = 2_000,
        PromptTokensAfterFineTuning = 100,
        UserTokens = 100,
        OutputTokens = 200,
        CachedShare = cachedShare,
        TrainingExamples = 1_000,
        TokensPerExample = 500,
        TrainingRuns = 1,
        RetrainsPerYear = 0,
        HorizonMonths = 1,
    };

    [Fact]
    public void Estimate_WorkedExampleUncached_MatchesTheReference()
    {
        var estimate = CostModel.Estimate(WorkedExample(), Mini, Today);

        Assert.Equal(0.000435m, estimate.Prompting.Total);
        Assert.Equal(0.000300m, estimate.FineTuned.Total);
        Assert.Equal(3, estimate.Training.Epochs);
        Assert.True(estimate.Training.EpochsByRule);
        Assert.Equal(1_500_000, estimate.Training.BilledTokens);
        Assert.Equal(4.50m, estimate.Training.Initial);
        Assert.Equal(33_333, estimate.BreakEven.Calls);
        Assert.Equal(1m / 3m, decimal.Round(estimate.BreakEven.Months!.Value, 28));
    }

    [Fact]
    public void Estimate_WorkedExampleWithThePrefixCached_NeverBreaksEven()
    {
        var estimate = CostModel.Estimate(WorkedExample(cachedShare: 1m), Mini, Today);

        Assert.Equal(0.000285m, estimate.Prompting.Total);
        // The 100-token fine-tuned prefix is under OpenAI's 1,024-token caching minimum: billed in full.
        Assert.Equal(0.000300m, estimate.FineTuned.Total);
        Assert.Equal(0m, estimate.FineTuned.CachedPromptTokens);
        Assert.Equal(4.50m, estimate.Training.Initial);
        Assert.True(estimate.BreakEven.IsNever);
        Assert.Null(estimate.BreakEven.Months);
        Assert.False(estimate.PaysBackWithinHorizon);
        Assert.Contains(estimate.Assumptions, a => a.Contains("1,024 tokens or more", StringComparison.Ordinal));
    }

    [Fact]
    public void Call_PartlyCachedPrefix_BillsTheShareAtTheCachedPrice()
    {
        var call = CostModel.Call(2_000, WorkedExample(cachedShare: 0.5m), Mini.Prompting, Mini.CacheMinimumTokens);

        // 1,000 × 0.075 + 1,000 × 0.15 + 100 × 0.15 + 200 × 0.60 = 360 µ$
        Assert.Equal(0.000360m, call.Total);
        Assert.Equal(1_000m, call.CachedPromptTokens);
    }

    [Fact]
    public void Call_ModelWithoutCachedPrice_IgnoresTheCachedShare()
    {
        var together = Catalogue.Find("together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference")!;

        var call = CostModel.Call(2_000, WorkedExample(cachedShare: 1m), together.Prompting, together.CacheMinimumTokens);

        Assert.Equal((2_000m + 100m + 200m) * 0.18m / 1_000_000m, call.Total);
        Assert.Equal(0m, call.CachedPromptTokens);
    }

    /// <summary>The notebook's epoch rule at its edges, through the cost model: billed = epochs × examples × tokens.</summary>
    [Theory]
    [InlineData(5, 20)]
    [InlineData(10, 10)]
    [InlineData(33, 3)]
    [InlineData(34, 3)]
    [InlineData(8_333, 3)]
    [InlineData(8_334, 2)]
    [InlineData(12_500, 2)]
    [InlineData(12_501, 1)]
    public void Estimate_EpochsNotGiven_FollowsTheNotebookRule(long examples, int epochs)
    {
        var estimate = CostModel.Estimate(WorkedExample() with { TrainingExamples = examples }, Mini, Today);

        Assert.Equal(epochs, estimate.Training.Epochs);
        Assert.True(estimate.Training.EpochsByRule);
        Assert.Equal(epochs * examples * 500, estimate.Training.BilledTokens);
        Assert.Equal(epochs * examples * 500 * 3m / 1_000_000m, estimate.Training.Initial);
    }

    [Fact]
    public void Estimate_EpochsGiven_OverrideTheRule()
    {
        var estimate = CostModel.Estimate(WorkedExample() with { Epochs = 5 }, Mini, Today);

        Assert.Equal(5, estimate.Training.Epochs);
        Assert.False(estimate.Training.EpochsByRule);
        Assert.Equal(2_500_000, estimate.Training.BilledTokens);
        Assert.Equal(7.50m, estimate.Training.Initial);
        Assert.Contains("Epochs: 5, as given.", estimate.Assumptions);
    }

    [Fact]
    public void Estimate_ExamplesOverTheModelsLimit_AreBilledAtTheLimit()
    {
        var estimate = CostModel.Estimate(WorkedExample() with { TokensPerExample = 70_000 }, Mini, Today);

        Assert.True(estimate.Training.Truncated);
        Assert.Equal(1_000L * 65_536, estimate.Training.TokensPerEpoch);
        Assert.Equal(3L * 1_000 * 65_536, estimate.Training.BilledTokens);
        Assert.Contains(estimate.Assumptions, a => a.Contains("65,536", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_TrainingTokensGivenDirectly_AreBilledPerEpoch()
    {
        var inputs = WorkedExample() with { TokensPerExample = null, TrainingTokens = 640_000 };

        var estimate = CostModel.Estimate(inputs, Mini, Today);

        Assert.Equal(640_000, estimate.Training.TokensPerEpoch);
        Assert.Equal(1_920_000, estimate.Training.BilledTokens);
        Assert.Equal(5.76m, estimate.Training.Initial);
    }

    [Fact]
    public void Estimate_SeveralRuns_MultiplyTheTrainingAndTheBreakEven()
    {
        var estimate = CostModel.Estimate(WorkedExample() with { TrainingRuns = 3 }, Mini, Today);

        Assert.Equal(4.50m, estimate.Training.PerRun);
        Assert.Equal(13.50m, estimate.Training.Initial);
        Assert.Equal(100_000, estimate.BreakEven.Calls);
    }

    [Fact]
    public void Estimate_Retraining_IsPaidMonthlyAndDelaysTheBreakEven()
    {
        // 12 retrains a year at $4.50: $4.50 a month. Saving: 135 µ$ × 100,000 = $13.50 a month, $9.00 net.
        var estimate = CostModel.Estimate(WorkedExample() with { RetrainsPerYear = 12 }, Mini, Today);

        Assert.Equal(4.50m, estimate.Training.RetrainingPerMonth);
        Assert.Equal(0.5m, estimate.BreakEven.Months);
        Assert.Equal(50_000, estimate.BreakEven.Calls);
    }

    [Fact]
    public void Estimate_RetrainingCostingMoreThanTheSaving_NeverBreaksEven()
    {
        // $13.50 saved a month against 36 retrains a year × $4.50 = $13.50 a month: nothing left to repay the training.
        var estimate = CostModel.Estimate(WorkedExample() with { RetrainsPerYear = 36 }, Mini, Today);

        Assert.True(estimate.BreakEven.IsNever);
    }

    [Fact]
    public void Estimate_SavingTooSmallToRepayInAHundredYears_NeverBreaksEven()
    {
        // One call a month saves 135 µ$: $4.50 would take 33,333 months.
        var estimate = CostModel.Estimate(WorkedExample() with { RequestsPerMonth = 1 }, Mini, Today);

        Assert.True(estimate.BreakEven.IsNever);
    }

    [Fact]
    public void BreakEvenOf_AFractionOfACentAMonth_IsNeverRatherThanAnOverflow()
    {
        var training = CostModel.Estimate(WorkedExample() with { TrainingRuns = 100, TrainingExamples = 100_000_000, TokensPerExample = 65_536 }, Mini, Today).Training;

        var breakEven = CostModel.BreakEvenOf(0.000435m, 0.000435m - 0.0000000000000000000001m, training, 1);

        Assert.True(breakEven.IsNever);
    }

    [Fact]
    public void Estimate_FineTunedCallCostingTheSame_NeverBreaksEven()
    {
        // No shorter prompt: a fine-tuned call (2× the price) costs more than the base one.
        var estimate = CostModel.Estimate(WorkedExample() with { PromptTokensAfterFineTuning = 2_000 }, Mini, Today);

        Assert.True(estimate.FineTuned.Total > estimate.Prompting.Total);
        Assert.True(estimate.BreakEven.IsNever);
    }

    [Fact]
    public void Estimate_SelfHosted_SpreadsTheGpuOverTheCallsAndPricesTrainingByTheHour()
    {
        var gpu = Catalogue.Find("self-hosted:llama-3.1-8b-lora-rtx-4090")!;

        var estimate = CostModel.Estimate(WorkedExample() with { RequestsPerMonth = 1_000_000 }, gpu, Today);

        // $0.34 × 730 hours ÷ 1,000,000 calls; no per-token price on your own GPU.
        Assert.Equal(0.34m * 730m / 1_000_000m, estimate.FineTuned.Hosting);
        Assert.Equal(estimate.FineTuned.Hosting, estimate.FineTuned.Total);
        // $0.34 an hour ÷ (250 tokens a second × 3,600) per token, × a million.
        Assert.Equal(0.34m * 1_000_000m / (250m * 3_600m), estimate.Training.PricePerMillion);
        Assert.Equal(1_500_000 * estimate.Training.PricePerMillion / 1_000_000m, estimate.Training.Initial);
        Assert.Contains(estimate.Assumptions, a => a.Contains("730 hours a month", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_HorizonPastTheShutdown_StopsAtIt()
    {
        var estimate = CostModel.Estimate(WorkedExample() with { HorizonMonths = 12 }, Mini, Today);

        // 30 November 2026 to 14 January 2027: 45 days.
        Assert.True(estimate.Horizon.CutAtShutdown);
        Assert.Equal(45m / 30.4375m, estimate.Horizon.Months);
        Assert.Equal(new DateOnly(2027, 1, 14), estimate.Horizon.ShutdownOn);
        Assert.Equal(0.000435m * 100_000 * estimate.Horizon.Months, estimate.PromptingTotal);
        Assert.Equal(4.50m + 0.0003m * 100_000 * estimate.Horizon.Months, estimate.FineTunedTotal);
        Assert.Equal(estimate.Horizon.Months, estimate.Timeline[^1].Month);
        Assert.Contains(estimate.Assumptions, a => a.Contains("stops at GPT-4o mini (2024-07-18)'s shutdown on 14 January 2027", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_BreakEvenAfterTheShutdown_DoesNotPayBack()
    {
        // 1,000 calls a month save $0.135: $4.50 needs 33 months, the model has 1.5 left.
        var estimate = CostModel.Estimate(WorkedExample() with { RequestsPerMonth = 1_000, HorizonMonths = 36 }, Mini, Today);

        Assert.Equal(33_333, estimate.BreakEven.Calls);
        Assert.True(estimate.BreakEven.Months > estimate.Horizon.Months);
        Assert.False(estimate.PaysBackWithinHorizon);
        Assert.True(estimate.FineTunedTotal > estimate.PromptingTotal);
    }

    [Fact]
    public void Estimate_AfterTheShutdown_HasNoHorizonLeft()
    {
        var estimate = CostModel.Estimate(WorkedExample() with { HorizonMonths = 12 }, Mini, new DateOnly(2027, 1, 14));

        Assert.Equal(0m, estimate.Horizon.Months);
        Assert.Equal(0m, estimate.PromptingTotal);
        Assert.False(estimate.PaysBackWithinHorizon);
        Assert.Single(estimate.Timeline);
        Assert.Contains(estimate.Assumptions, a => a.Contains("nothing can be saved on it", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_ModelWithoutAnEnd_KeepsTheWholeHorizon()
    {
        var flash = Catalogue.Find("vertex:gemini-2.5-flash")!;

        var estimate = CostModel.Estimate(WorkedExample() with { HorizonMonths = 24 }, flash, Today);

        Assert.False(estimate.Horizon.CutAtShutdown);
        Assert.Equal(24m, estimate.Horizon.Months);
        Assert.Equal(25, estimate.Timeline.Count);
        Assert.Equal(new CostPoint(0m, 0m, estimate.Training.Initial), estimate.Timeline[0]);
        Assert.Equal(estimate.PromptingTotal, estimate.Timeline[^1].Prompting);
        Assert.Equal(estimate.FineTunedTotal, estimate.Timeline[^1].FineTuned);
    }

    /// <summary>Low: half the fine-tuned prompt, double GPU throughput. High: 1.5× the prompt (capped), twice the runs, half the throughput.</summary>
    [Fact]
    public void Estimate_Range_MovesOnlyFineTuningsUncertainInputs()
    {
        var estimate = CostModel.Estimate(WorkedExample() with { HorizonMonths = 1 }, Mini, Today);
        var (low, middle, high) = (estimate.Range.Low, estimate.Range.Base, estimate.Range.High);

        Assert.Equal((50L, 100L, 150L), (low.PromptTokensAfterFineTuning, middle.PromptTokensAfterFineTuning, high.PromptTokensAfterFineTuning));
        Assert.Equal((1, 1, 2), (low.TrainingRuns, middle.TrainingRuns, high.TrainingRuns));
        Assert.Equal(estimate.FineTuned.Total, middle.FineTunedPerCall);
        Assert.Equal(33_333, middle.BreakEven.Calls);
        Assert.True(low.FineTunedPerCall < middle.FineTunedPerCall && middle.FineTunedPerCall < high.FineTunedPerCall);
        Assert.Equal((4.50m, 4.50m, 9.00m), (low.TrainingCost, middle.TrainingCost, high.TrainingCost));
        Assert.True(low.BreakEven.Calls < middle.BreakEven.Calls && middle.BreakEven.Calls < high.BreakEven.Calls);
        // Prompting is what the team pays today: the same in every case.
        Assert.Equal(middle.PromptingTotal, low.PromptingTotal);
        Assert.Equal(middle.PromptingTotal, high.PromptingTotal);
        // A per-token training price has no throughput to vary.
        Assert.Equal(1m, high.ThroughputFactor);
    }

    [Fact]
    public void Estimate_RangeHighCase_NeverMakesTheFineTunedPromptLongerThanTodays()
    {
        var estimate = CostModel.Estimate(WorkedExample() with { PromptTokensAfterFineTuning = 1_800 }, Mini, Today);

        Assert.Equal(2_000, estimate.Range.High.PromptTokensAfterFineTuning);
    }

    [Fact]
    public void Estimate_RangeForGpuTraining_HalvesAndDoublesTheThroughput()
    {
        var gpu = Catalogue.Find("self-hosted:llama-3.1-8b-lora-rtx-4090")!;

        var estimate = CostModel.Estimate(WorkedExample(), gpu, Today);

        Assert.Equal(2m, estimate.Range.Low.ThroughputFactor);
        Assert.Equal(0.5m, estimate.Range.High.ThroughputFactor);
        Assert.Equal(decimal.Round(estimate.Range.Base.TrainingCost / 2m, 12), decimal.Round(estimate.Range.Low.TrainingCost, 12));
        // Twice the runs at half the throughput: four times the base.
        Assert.Equal(decimal.Round(estimate.Range.Base.TrainingCost * 4m, 12), decimal.Round(estimate.Range.High.TrainingCost, 12));
    }

    [Theory]
    [InlineData("cachedShare")]
    [InlineData("requestsPerMonth")]
    [InlineData("trainingTokens")]
    public void Estimate_InvalidInputs_AreRefusedNamingTheField(string field)
    {
        var inputs = field switch
        {
            "cachedShare" => WorkedExample(cachedShare: 1.5m),
            "requestsPerMonth" => WorkedExample() with { RequestsPerMonth = 0 },
            _ => WorkedExample() with { TrainingTokens = 1_000 },
        };

        var error = Assert.Throws<ArgumentException>(() => CostModel.Estimate(inputs, Mini, Today));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NeitherTokensPerExampleNorTrainingTokens_NamesTokensPerExample()
    {
        var problems = CostLimits.Check(WorkedExample() with { TokensPerExample = null });

        Assert.Equal("tokensPerExample", Assert.Single(problems).Field);
    }

    [Fact]
    public void Check_EveryBadField_IsNamed()
    {
        var inputs = WorkedExample() with
        {
            RequestsPerMonth = -1,
            PromptTokens = CostLimits.MaxPromptTokens + 1,
            OutputTokens = -5,
            Epochs = 0,
            TrainingRuns = 0,
            RetrainsPerYear = 400,
            HorizonMonths = 121,
        };

        var fields = CostLimits.Check(inputs).Select(p => p.Field).ToList();

        Assert.Equal(["requestsPerMonth", "promptTokens", "outputTokens", "epochs", "trainingRuns", "retrainsPerYear", "horizonMonths"], fields);
    }
}
