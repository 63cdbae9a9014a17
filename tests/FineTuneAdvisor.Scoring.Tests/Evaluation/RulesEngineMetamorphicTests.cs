using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

/// <summary>
/// Properties over many answer sets (<see cref="TestAnswers.Corpus"/>): golden cases, every one-answer change of
/// them, and 3,000 seeded draws. Each corpus result is evaluated once and shared (<see cref="TestAnswers.CorpusResults"/>).
/// The walks move one answer along an axis the article orders and check the readiness score never moves the wrong
/// way; they score each step with the engine's fire-and-score steps only (<see cref="TestAnswers.Score"/>), since the
/// explanation, most of an evaluation's cost, plays no part in the score.
/// </summary>
public class RulesEngineMetamorphicTests
{
    [Fact]
    public void Corpus_EveryAnswerSet_IsCompleteAndValid()
    {
        Assert.True(TestAnswers.Corpus.Count > 4000, $"corpus has {TestAnswers.Corpus.Count} answer sets");
        Assert.All(TestAnswers.Corpus, answers => Assert.All(QuestionCatalogue.Questions, q =>
            Assert.Null(AnswerCheck.Problem(q, answers.TryGetValue(q.Id, out var value) ? value : null))));
    }

    /// <summary>When Not to Fine-Tune #1: more high-quality examples only help.</summary>
    [Fact]
    public void ReadinessScore_MoreExamples_NeverLowersTheScore()
    {
        long[] steps = [0, 999, 1000, 9999, 10000, 1_000_000];

        AssertNeverFalls("example_count", [.. steps.Select(TestAnswers.Text)]);
    }

    /// <summary>When Not to Fine-Tune #2: faster-changing information only weakens the case.</summary>
    [Fact]
    public void ReadinessScore_FasterChangingInformation_NeverRaisesTheScore()
    {
        var steps = QuestionCatalogue.Find("change_frequency")!.Choices.Select(c => c.Value).ToList();

        Assert.Equal(["rarely", "quarterly", "monthly", "weekly", "daily", "realtime"], steps);
        AssertNeverFalls("change_frequency", [.. Enumerable.Reverse(steps)]);
    }

    /// <summary>Other Considerations: Ethical Concerns: weaker rights to the data only weaken the case.</summary>
    [Fact]
    public void ReadinessScore_WeakerDataRights_NeverRaisesTheScore()
    {
        AssertNeverFalls("data_rights", ["no", "unclear", "confirmed"]);
    }

    /// <summary>When to Fine-Tune #5: better-reviewed data only helps.</summary>
    [Fact]
    public void ReadinessScore_BetterReviewedData_NeverLowersTheScore()
    {
        AssertNeverFalls("data_quality", ["raw", "partially_reviewed", "curated"]);
    }

    /// <summary>When Not to Fine-Tune #3: putting bias mitigation in place only helps.</summary>
    [Fact]
    public void ReadinessScore_MoreBiasMitigation_NeverLowersTheScore()
    {
        AssertNeverFalls("bias_mitigation", ["none", "planned", "in_place"]);
    }

    /// <summary>Other Considerations: Continuous iteration: having an evaluation set only helps.</summary>
    [Fact]
    public void ReadinessScore_HavingAnEvaluationSet_NeverLowersTheScore()
    {
        AssertNeverFalls("has_eval_set", ["false", "true"]);
    }

    /// <summary>Results compare by value, every field and list item (and equal results are equal JSON: see AssessmentResultJsonTests).</summary>
    [Fact]
    public void Evaluate_SameInputTwice_GivesAnEqualResult()
    {
        var fresh = RuleSetLoader.LoadDefault();
        var differences = TestAnswers.CorpusResults
            .Where(e => e.Result != RulesEngine.Evaluate(e.Answers, fresh))
            .Select(e => TestAnswers.Describe(e.Answers))
            .Take(5)
            .ToList();

        Assert.True(differences.Count == 0, "results differ between runs for:" + Environment.NewLine + string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public void Evaluate_AnswersInAnotherOrder_GivesAnEqualResult()
    {
        var differences = TestAnswers.CorpusResults
            .Where(e => e.Result != TestAnswers.Evaluate(new AnswerSet(e.Answers.Reverse())))
            .Select(e => TestAnswers.Describe(e.Answers))
            .Take(5)
            .ToList();

        Assert.True(differences.Count == 0, "order of answers changed the result for:" + Environment.NewLine + string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public void Evaluate_EmptyAnswers_GivesAResultWithinRange()
    {
        var result = TestAnswers.Evaluate(AnswerSet.Empty);

        AssertWellFormed(result, "empty answers");
        Assert.Contains("limited-data", result.FiredRules.Select(r => r.Id));
    }

    [Fact]
    public void Evaluate_PartialAnswers_NeverThrowsAndStaysWithinRange()
    {
        var partial = TestAnswers.Generated(2000, seed: 7, dropEvery: 3)
            .Concat(QuestionCatalogue.Questions.SelectMany(q => TestAnswers.ValuesOf(q).Select(v => new AnswerSet([new(q.Id, v)]))))
            .ToList();

        Assert.Contains(partial, a => a.Count < 10);
        foreach (var answers in partial)
        {
            AssertWellFormed(TestAnswers.Evaluate(answers), TestAnswers.Describe(answers));
        }
    }

    [Fact]
    public void Evaluate_AnyCorpusAnswers_GivesAWellFormedResultWhoseScoreIsTheFiredRulesScore()
    {
        foreach (var (answers, result, _) in TestAnswers.CorpusResults)
        {
            AssertWellFormed(result, TestAnswers.Describe(answers));
            Assert.Equal(result.ReadinessScore, TestAnswers.Score(answers));
        }
    }

    /// <summary>Blockers stop fine-tuning: only verdicts that train nothing survive them, and the score stays below a pilot's.</summary>
    [Fact]
    public void Evaluate_AnyBlocker_GivesNotReadyOrANonTrainingVerdictAndAScoreBelowPilot()
    {
        var pilot = TestAnswers.DefaultRules.Number(RequiredParameters.PilotMinScore);
        var blocked = 0;
        var failures = new List<string>();
        foreach (var (answers, result, _) in TestAnswers.CorpusResults)
        {
            if (!result.FiredRules.Any(r => r.Effect == RuleEffect.Blocker))
            {
                continue;
            }

            blocked++;
            if (result.Verdict is not (Verdict.NotReady or Verdict.Rag or Verdict.PromptEngineering) || result.ReadinessScore >= pilot)
            {
                failures.Add($"{result.Verdict} {result.ReadinessScore} for {TestAnswers.Describe(answers)}");
            }
        }

        Assert.True(blocked > 500, $"only {blocked} blocked answer sets");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(5)));
    }

    [Fact]
    public void Evaluate_NotReady_AlwaysHasAFiredBlockerWhoseStepsComeFirst()
    {
        var notReady = 0;
        foreach (var (answers, result, _) in TestAnswers.CorpusResults)
        {
            if (result.Verdict != Verdict.NotReady)
            {
                continue;
            }

            notReady++;
            var blockers = TestAnswers.DefaultRules.Rules
                .Where(r => r.Effect == RuleEffect.Blocker && result.FiredRules.Any(f => f.Id == r.Id))
                .ToList();
            Assert.NotEmpty(blockers);
            var blockerSteps = blockers.Select(r => MessageTemplate.Render(r.NextStep!, TestAnswers.DefaultRules, answers)).Distinct().ToList();
            Assert.Equal(blockerSteps.Order(StringComparer.Ordinal), result.NextSteps.Take(blockerSteps.Count).Order(StringComparer.Ordinal));
        }

        Assert.True(notReady > 100, $"only {notReady} not_ready results");
    }

    /// <summary>
    /// Walks every corpus answer set along <paramref name="worstToBest"/> and reports any step where the score falls.
    /// The step at the answer set's own value is the corpus result already computed.
    /// </summary>
    private static void AssertNeverFalls(string questionId, IReadOnlyList<string> worstToBest)
    {
        var failures = new List<string>();
        foreach (var (origin, result, _) in TestAnswers.CorpusResults)
        {
            var previous = (Value: "", Score: int.MinValue);
            var own = origin.GetValueOrDefault(questionId);
            foreach (var value in worstToBest)
            {
                var score = value == own ? result.ReadinessScore : TestAnswers.Score(origin.With(questionId, value));
                if (score < previous.Score)
                {
                    failures.Add($"{questionId} {previous.Value} -> {value}: score {previous.Score} -> {score} for {TestAnswers.Describe(origin)}");
                }

                previous = (value, score);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} violations, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}");
    }

    private static void AssertWellFormed(AssessmentResult result, string what)
    {
        Assert.True(result.ReadinessScore is >= 0 and <= 100, $"score {result.ReadinessScore} for {what}");
        Assert.True(Enum.IsDefined(result.Verdict), what);
        Assert.False(string.IsNullOrWhiteSpace(result.VerdictReason), what);
        Assert.Equal(Criteria.All.Count, result.Criteria.Count);
        Assert.All(result.Criteria, c => Assert.InRange(c.Score, 0, 100));
        Assert.All(result.FiredRules.Select(r => r.Message).Concat(result.NextSteps).Concat(result.Risks),
            text => Assert.False(text.Contains('{', StringComparison.Ordinal) || text.Contains('}', StringComparison.Ordinal), $"unrendered placeholder in '{text}' for {what}"));
        Assert.Equal(result.NextSteps.Count, result.NextSteps.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(TestAnswers.DefaultRules.Version, result.RuleSetVersion);
    }
}
