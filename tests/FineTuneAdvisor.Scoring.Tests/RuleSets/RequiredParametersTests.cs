using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

/// <summary>Threshold order is checked here only; the loader and the rule editor both ask.</summary>
public sealed class RequiredParametersTests
{
    [Fact]
    public void OrderProblems_ThresholdsInOrder_None()
    {
        var numbers = new Dictionary<string, double> { ["pilot_examples"] = 999, ["production_examples"] = 1000, ["pilot_min_score"] = 74, ["fine_tune_min_score"] = 75 };

        Assert.Empty(RequiredParameters.OrderProblems(numbers));
    }

    [Fact]
    public void OrderProblems_EqualOrReversed_NamesTheLowerParameterOfEachPair()
    {
        var numbers = new Dictionary<string, double> { ["pilot_examples"] = 1000, ["production_examples"] = 1000, ["pilot_min_score"] = 80.5, ["fine_tune_min_score"] = 75 };

        Assert.Equal(
            [
                ("pilot_examples", "The rows for a pilot (1000) must be below the rows for production (1000)."),
                ("pilot_min_score", "The score for a pilot (80.5) must be below the score for fine-tuning (75)."),
            ],
            RequiredParameters.OrderProblems(numbers));
    }

    [Fact]
    public void OrderProblems_MissingThreshold_IsNotAnOrderProblem()
    {
        Assert.Empty(RequiredParameters.OrderProblems(new Dictionary<string, double> { ["pilot_examples"] = 5000 }));
    }
}
