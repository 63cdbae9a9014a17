using System.Globalization;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Pages.Results;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

/// <summary>The cost chart's geometry: a round top to the y axis, every point inside the plot, few month labels.</summary>
public sealed class CostChartTests
{
    private static readonly ProviderCatalogue Catalogue = CatalogueLoader.LoadDefault();

    [Theory]
    [InlineData("0", "1")]
    [InlineData("0.4", "0.5")]
    [InlineData("6696", "10000")]
    [InlineData("4182", "5000")]
    [InlineData("2400", "2500")]
    [InlineData("1000", "1000")]
    [InlineData("1001", "2000")]
    public void NiceCeiling_Amount_IsOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen(string value, string ceiling) =>
        Assert.Equal(decimal.Parse(ceiling, CultureInfo.InvariantCulture), CostChart.NiceCeiling(decimal.Parse(value, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("openai:gpt-4o-mini-2024-07-18", 12, 2)]
    [InlineData("vertex:gemini-2.5-flash", 12, 7)]
    [InlineData("vertex:gemini-2.5-flash", 120, 7)]
    public void For_AnEstimate_PutsEveryPointInsideThePlotWithAtMostSevenMonthLabels(string model, int horizon, int labels)
    {
        var inputs = new CostInputs
        {
            RequestsPerMonth = 400_000, PromptTokens = 2_500, PromptTokensAfterFineTuning = 200, UserTokens = 100, OutputTokens = 300,
            CachedShare = 0.2m, TrainingExamples = 30_000, TokensPerExample = 500, TrainingRuns = 1, RetrainsPerYear = 1, HorizonMonths = horizon,
        };
        var estimate = CostModel.Estimate(inputs, Catalogue.Find(model)!, new DateOnly(2026, 11, 30));

        var chart = CostChart.For(estimate)!;

        Assert.Equal(labels, chart.MonthTicks.Count);
        Assert.True(chart.MaxAmount >= estimate.Timeline.Max(p => Math.Max(p.Prompting, p.FineTuned)));
        foreach (var point in chart.Line(p => p.Prompting).Split(' ').Concat(chart.Line(p => p.FineTuned).Split(' ')))
        {
            var xy = point.Split(',').Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(xy[0], CostChart.Left, CostChart.Width - CostChart.Right);
            Assert.InRange(xy[1], CostChart.Top, CostChart.Height - CostChart.Bottom);
        }
    }

    [Fact]
    public void For_AModelAlreadyShutDown_DrawsNothing()
    {
        var inputs = new CostInputs
        {
            RequestsPerMonth = 1_000, PromptTokens = 2_000, PromptTokensAfterFineTuning = 100, UserTokens = 100, OutputTokens = 200,
            CachedShare = 0m, TrainingExamples = 1_000, TokensPerExample = 500, TrainingRuns = 1, RetrainsPerYear = 0, HorizonMonths = 12,
        };

        Assert.Null(CostChart.For(CostModel.Estimate(inputs, Catalogue.Find("openai:gpt-4o-mini-2024-07-18")!, new DateOnly(2027, 2, 1))));
    }
}
