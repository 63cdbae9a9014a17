using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Scoring.Tests.Costs;

public sealed class TrainingEpochsTests
{
    /// <summary>The notebook's rule at its edges: small files are repeated, large ones seen fewer times.</summary>
    [Theory]
    [InlineData(1, 25)]
    [InlineData(4, 25)]
    [InlineData(5, 20)]
    [InlineData(10, 10)]
    [InlineData(33, 3)]
    [InlineData(34, 3)]
    [InlineData(1_000, 3)]
    [InlineData(8_333, 3)]
    [InlineData(8_334, 2)]
    [InlineData(12_501, 1)]
    [InlineData(100_000, 1)]
    public void ForExamples_FollowsTheNotebookRule(long examples, int epochs) =>
        Assert.Equal(epochs, TrainingEpochs.ForExamples(examples));

    [Fact]
    public void ForExamples_NoExamples_NoEpochs() => Assert.Equal(0, TrainingEpochs.ForExamples(0));

    [Fact]
    public void ForExamples_Negative_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => TrainingEpochs.ForExamples(-1));

    [Theory]
    [InlineData(500, 16_385, 500)]
    [InlineData(16_385, 16_385, 16_385)]
    [InlineData(20_000, 16_385, 16_385)]
    public void BilledTokens_TruncatesAtTheLimit(long tokens, long limit, long billed) =>
        Assert.Equal(billed, TrainingEpochs.BilledTokens(tokens, limit));
}
