using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

/// <summary>Threshold order is checked here only; the loader and the rule editor both ask.</summary>
public sealed class RequiredParametersTests
{
    [Fact]
    public void OrderProblems_ThresholdsInOrder_None()
    {
        var numbers = new Dictionary<string, double> { ["pilot_examples"] = 999, ["production_examples"] = 1000, ["quality_factor_raw"] = 0.4, ["quality_factor_partially_reviewed"] = 0.4, ["quality_factor_curated"] = 1 };

        Assert.Empty(RequiredParameters.OrderProblems(numbers));
    }

    [Fact]
    public void OrderProblems_EqualOrReversed_NamesTheLowerParameterOfEachPair()
    {
        var numbers = new Dictionary<string, double>
        {
            ["pilot_examples"] = 1000, ["production_examples"] = 1000, ["pilot_min_score"] = 80.5, ["fine_tune_min_score"] = 75,
            ["quality_factor_raw"] = 0.2, ["quality_factor_partially_reviewed"] = 0.5, ["quality_factor_curated"] = 0.4,
        };

        Assert.Equal(
            [
                ("pilot_examples", "The rows for a pilot (1000) must be below the rows for production (1000)."),
                ("pilot_min_score", "The score for a pilot (80.5) must be below the score for fine-tuning (75)."),
                ("quality_factor_partially_reviewed", "The factor for partly reviewed rows (0.5) must not be above the factor for curated rows (0.4)."),
            ],
            RequiredParameters.OrderProblems(numbers));
    }

    [Fact]
    public void OrderProblems_MissingThreshold_IsNotAnOrderProblem()
    {
        Assert.Empty(RequiredParameters.OrderProblems(new Dictionary<string, double> { ["pilot_examples"] = 5000 }));
    }
}
