using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

/// <summary>"Not sure" answers, the confidence they set, and the steps that resolve them (docs/scoring.md, "Not sure" and "Confidence").</summary>
public sealed class ConfidenceTests
{
    [Fact]
    public void Confidence_NothingUnsureAndNoThresholdNearby_IsHighWithoutReasons()
    {
        var confidence = TestAnswers.Evaluate(GoldenCaseFile.Named("hr-screening-balanced-data").Answers).Confidence!;

        Assert.Equal(ConfidenceLevel.High, confidence.Level);
        Assert.Empty(confidence.Reasons);
    }

    [Fact]
    public void Confidence_UnsureAnswerThatCannotChangeTheVerdict_StaysHighAndSaysSo()
    {
        var confidence = TestAnswers.Evaluate(GoldenCaseFile.Named("daily-deals-newsletter-small-team").Answers).Confidence!;

        Assert.Equal(ConfidenceLevel.High, confidence.Level);
        Assert.Equal(["Where the model runs is “Undecided”, but no answer to it would change the verdict."], confidence.Reasons);
    }

    [Fact]
    public void Confidence_OneUnsureAnswerThatDecides_IsMediumAndItsStepComesFirst()
    {
        var result = TestAnswers.Evaluate(GoldenCaseFile.Named("support-macros-rights-unclear").Answers);

        Assert.Equal(ConfidenceLevel.Medium, result.Confidence!.Level);
        Assert.StartsWith("Rights to train on the data is “Not sure yet”: the verdict would be", Assert.Single(result.Confidence.Reasons), StringComparison.Ordinal);
        Assert.Equal("confirm-rights", result.Plan!.RemoveFirst[0].Id);
    }

    [Fact]
    public void Confidence_TwoUnsureAnswersThatDecide_IsLowAndBothResolvingStepsMoveToRemoveFirst()
    {
        var result = TestAnswers.Evaluate(GoldenCaseFile.Named("onboarding-assistant-unsure-answers").Answers);

        Assert.Equal(ConfidenceLevel.Low, result.Confidence!.Level);
        // The third reason: 2,500 rows (1,000 good ones) would already change it, within 20% of the 3,000.
        Assert.Equal(3, result.Confidence.Reasons.Count);
        Assert.StartsWith("The verdict changes at 2,4", result.Confidence.Reasons[2], StringComparison.Ordinal);
        Assert.StartsWith("Prompting so far is “Not sure” (counted as not tried yet): the verdict would be", result.Confidence.Reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("Data quality is “Not sure” (counted as partly reviewed): the verdict would be", result.Confidence.Reasons[1], StringComparison.Ordinal);
        Assert.Equal(["settle-prompting", "settle-quality"], result.Plan!.RemoveFirst.Select(s => s.Id));
        Assert.Equal(["prompting_status", "data_quality"], result.Hinges!.Take(2).Select(h => h.Question));
    }

    [Fact]
    public void Confidence_ExampleCountWithinTheMarginOfAThreshold_IsAReason()
    {
        var confidence = TestAnswers.Evaluate(GoldenCaseFile.Named("sql-generator-1000-rows").Answers).Confidence!;

        Assert.Equal(ConfidenceLevel.Medium, confidence.Level);
        Assert.Equal(["The verdict changes at 999 examples, within 20% of your 1,000: a small change in the data could change it."], confidence.Reasons);
    }

    [Fact]
    public void Confidence_AnyCorpusResult_LevelFollowsTheReasonsThatCanChangeTheVerdict()
    {
        foreach (var (answers, result, _) in TestAnswers.CorpusResults)
        {
            var unsure = QuestionCatalogue.Questions.Count(q => answers.TryGetValue(q.Id, out var v) && q.IsUnsure(v));
            var deciding = result.Confidence!.Reasons.Count(r => !r.Contains("no answer to it would change", StringComparison.Ordinal));
            Assert.Equal(deciding switch { 0 => ConfidenceLevel.High, 1 => ConfidenceLevel.Medium, _ => ConfidenceLevel.Low }, result.Confidence.Level);
            Assert.True(result.Confidence.Reasons.Count >= unsure, TestAnswers.Describe(answers));
        }
    }

    /// <summary>
    /// Each "Not sure" scores exactly as the value its hint names (the default rules say what it means explicitly):
    /// the same verdict, stage and scores over thousands of answer sets.
    /// </summary>
    [Theory]
    [InlineData("prompting_status", "not_tried", "Counted as not tried yet")]
    [InlineData("request_volume", "medium", "Counted as medium")]
    [InlineData("data_quality", "partially_reviewed", "Counted as partly reviewed")]
    [InlineData("change_frequency", "monthly", "Counted as monthly: regular retraining, but no reason for retrieval")]
    [InlineData("bias_risk", "moderate", "Counted as moderate")]
    public void NotSure_AnyAnswerSet_ScoresAsTheValueItsHintNames(string questionId, string countedAs, string hint)
    {
        Assert.Equal(hint, QuestionCatalogue.Find(questionId)!.Choices[^1].Hint);

        var differences = TestAnswers.CorpusResults.Where(e => e.Source != CorpusSource.Neighbour)
            .Select(e => Prepared(e.Answers))
            .Select(answers => (answers, Decisions: TestAnswers.Walk(answers, questionId, [Choice.NotSure, countedAs])))
            .Where(x => x.Decisions[0] != x.Decisions[1])
            .Select(x => $"{x.Decisions[0]} vs {x.Decisions[1]} for {TestAnswers.Describe(x.answers)}")
            .Take(3)
            .ToList();

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));

        // Bias mitigation applies to both sides of the comparison only when the risk is not low.
        AnswerSet Prepared(AnswerSet answers) => questionId == "bias_risk" ? TestAnswers.Changed(answers, "bias_risk", "moderate") : answers;
    }

    /// <summary>"Not sure" has no place in an order: ordered comparisons never match it; equals and oneOf name it.</summary>
    [Theory]
    [InlineData("""{"question": "change_frequency", "atLeast": "rarely"}""", false)]
    [InlineData("""{"question": "change_frequency", "atMost": "realtime"}""", false)]
    [InlineData("""{"question": "change_frequency", "between": ["rarely", "realtime"]}""", false)]
    [InlineData("""{"question": "change_frequency", "equals": "not_sure"}""", true)]
    [InlineData("""{"question": "change_frequency", "oneOf": ["monthly", "not_sure"]}""", true)]
    public void Condition_NotSureAnswer_IsNeverInAnOrder(string condition, bool met)
    {
        var when = RuleSetJson.Load(RuleSetJson.With(rules: RuleSetJson.Rule("only", "support", 1, when: condition))).Rules[0].When;

        Assert.Equal(met, when.IsMet(new AnswerSet([new("change_frequency", Choice.NotSure)])));
    }
}
