using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

/// <summary>
/// Properties over many answer sets (<see cref="TestAnswers.Corpus"/>): golden cases, every one-answer change of
/// them, and 3,000 seeded draws. Each corpus result is evaluated once and shared (<see cref="TestAnswers.CorpusResults"/>).
/// The walks move one answer along an axis the article orders and check the readiness score never moves the wrong
/// way; they score each step with the engine's fast path (<see cref="TestAnswers.Decide"/>).
/// </summary>
public class RulesEngineMetamorphicTests
{
    [Fact]
    public void Corpus_EveryAnswerSet_AnswersEveryQuestionThatAppliesAndNoOther()
    {
        Assert.True(TestAnswers.Corpus.Count > 4000, $"corpus has {TestAnswers.Corpus.Count} answer sets");
        Assert.All(TestAnswers.Corpus, answers => Assert.All(QuestionCatalogue.Questions, q =>
        {
            var value = answers.TryGetValue(q.Id, out var v) ? v : null;
            if (q.AppliesTo(answers) && !(q.Optional && value is null))
            {
                Assert.Null(AnswerCheck.Problem(q, value));
            }
            else
            {
                Assert.Null(value);
            }
        }));
        Assert.Contains(TestAnswers.Corpus, a => a.Values.Contains(Choice.NotSure));
        Assert.Contains(TestAnswers.Corpus, a => !a.ContainsKey("bias_mitigation"));
    }

    /// <summary>When Not to Fine-Tune #1: more examples only help.</summary>
    [Fact]
    public void ReadinessScore_MoreExamples_NeverLowersTheScore()
    {
        AssertNeverFalls("example_count", [.. TestAnswers.ExampleCounts.Select(TestAnswers.Text)]);
    }

    /// <summary>When to Fine-Tune #5: better-reviewed data only helps.</summary>
    [Fact]
    public void ReadinessScore_BetterReviewedData_NeverLowersTheScore()
    {
        AssertNeverFalls("data_quality", ["raw", "partially_reviewed", "curated"]);
    }

    /// <summary>When Not to Fine-Tune #2: faster-changing information only weakens the case.</summary>
    [Fact]
    public void ReadinessScore_FasterChangingInformation_NeverRaisesTheScore()
    {
        AssertNeverFalls("change_frequency", ["realtime", "daily", "weekly", "monthly", "quarterly", "rarely"]);
    }

    /// <summary>Other Considerations: Ethical Concerns: weaker rights to the data only weaken the case.</summary>
    [Fact]
    public void ReadinessScore_WeakerDataRights_NeverRaisesTheScore()
    {
        AssertNeverFalls("data_rights", ["no", "unclear", "confirmed"]);
    }

    /// <summary>When Not to Fine-Tune #3: at the same mitigation, a higher risk of unfair outcomes never raises the score.</summary>
    [Theory]
    [InlineData("none")]
    [InlineData("planned")]
    [InlineData("in_place")]
    public void ReadinessScore_HigherBiasRiskAtTheSameMitigation_NeverRaisesTheScore(string mitigation)
    {
        // The mitigation rides along: at "low" it does not apply, and the engine drops it.
        AssertNeverFalls("bias_risk", ["high", "moderate", "low"], origin => origin.With("bias_mitigation", mitigation));
    }

    /// <summary>When Not to Fine-Tune #3: putting bias mitigation in place only helps, whatever the risk.</summary>
    [Theory]
    [InlineData("moderate")]
    [InlineData("high")]
    [InlineData("not_sure")]
    public void ReadinessScore_MoreBiasMitigation_NeverLowersTheScore(string risk)
    {
        AssertNeverFalls("bias_mitigation", ["none", "planned", "in_place"], origin => TestAnswers.Changed(origin, "bias_risk", risk));
    }

    /// <summary>Other Considerations: Expertise.</summary>
    [Fact]
    public void ReadinessScore_MoreExpertise_NeverLowersTheScore()
    {
        AssertNeverFalls("ml_expertise", ["none", "some", "dedicated_team"]);
    }

    /// <summary>Other Considerations: Costs.</summary>
    [Fact]
    public void ReadinessScore_MoreBudget_NeverLowersTheScore()
    {
        AssertNeverFalls("budget", ["minimal", "moderate", "substantial"]);
    }

    /// <summary>Disadvantages: Maintenance Needs.</summary>
    [Fact]
    public void ReadinessScore_MoreUpkeep_NeverLowersTheScore()
    {
        AssertNeverFalls("maintenance_capacity", ["none", "occasional", "ongoing"]);
    }

    /// <summary>Other Considerations: Continuous iteration: having an evaluation set only helps.</summary>
    [Fact]
    public void ReadinessScore_HavingAnEvaluationSet_NeverLowersTheScore()
    {
        AssertNeverFalls("has_eval_set", ["false", "true"]);
    }

    /// <summary>
    /// docs/scoring.md, "The bound": one more example moves the readiness score by at most one point (ramps instead of
    /// cliffs). Checked at every default threshold for each quality, in both directions, over the corpus.
    /// </summary>
    [Fact]
    public void ReadinessScore_AdjacentExampleCounts_NeverMoveTheScoreByMoreThanOnePoint()
    {
        long[] around = [1, 2, 99, 100, 101, 249, 250, 251, 999, 1000, 1001, 2499, 2500, 2501, 9999, 10000, 10001, 14999, 15000, 19999, 20000, 24999, 25000,
            49_999, 50_000, 99_999, 100_000, 149_999, 150_000, 199_999, 200_000, 249_999, 250_000];
        // Each count and the one below it, in pairs.
        var counts = around.SelectMany(c => new[] { TestAnswers.Text(c - 1), TestAnswers.Text(c) }).ToList();
        var failures = new List<string>();
        var checkedPairs = 0;
        foreach (var (origin, _, source) in TestAnswers.CorpusResults)
        {
            if (source == CorpusSource.Neighbour)
            {
                continue;
            }

            var scores = TestAnswers.Walk(origin, "example_count", counts);
            for (var i = 0; i < scores.Count; i += 2)
            {
                checkedPairs++;
                var (below, at) = (scores[i].ReadinessScore, scores[i + 1].ReadinessScore);
                if (Math.Abs(at - below) > 1)
                {
                    failures.Add($"{counts[i]} -> {counts[i + 1]}: {below} -> {at} for {TestAnswers.Describe(origin)}");
                }
            }
        }

        Assert.True(checkedPairs > 50_000, $"only {checkedPairs} pairs");
        Assert.True(failures.Count == 0, $"{failures.Count} jumps, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}");
    }

    /// <summary>Issue 9: scores that do not saturate: fewer than 5% of generated answer sets score exactly 100.</summary>
    [Fact]
    public void ReadinessScore_GeneratedAnswerSets_FewerThanFivePercentScoreExactly100()
    {
        var generated = TestAnswers.CorpusResults.Where(e => e.Source == CorpusSource.Generated).ToList();

        var hundred = generated.Count(e => e.Result.ReadinessScore == 100);

        Assert.True(hundred < generated.Count * 0.05, $"{hundred} of {generated.Count} score exactly 100");
    }

    /// <summary>Every step declares the verdicts (and stages) it serves, and no result shows a step under any other.</summary>
    [Fact]
    public void Plan_AnyCorpusAnswers_HoldsOnlyStepsThatDeclareTheVerdictAndStage()
    {
        var steps = TestAnswers.DefaultRules.Steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (answers, result, _) in TestAnswers.CorpusResults)
        {
            foreach (var step in result.Plan!.RemoveFirst.Concat(result.Plan.Then))
            {
                seen.Add(step.Id);
                if (!steps[step.Id].Serves(result.Verdict, result.FineTuneStage!.Value))
                {
                    failures.Add($"{step.Id} under {result.Verdict.Code()} ({result.FineTuneStage}) for {TestAnswers.Describe(answers)}");
                }
            }

            Assert.Equal(result.Plan.RemoveFirst.Concat(result.Plan.Then).Select(s => s.Text), result.NextSteps);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(5)));
        var unseen = steps.Keys.Where(id => !seen.Contains(id)).ToList();
        Assert.True(unseen.Count == 0, $"steps no corpus answer set shows: {string.Join(", ", unseen)}");
    }

    /// <summary>
    /// A review of the step texts turned into a check: a step that serves only verdicts that train nothing
    /// (prompt_engineering, rag without a fine-tuning stage) never asks to prepare training.
    /// </summary>
    [Fact]
    public void Plan_StepsOfVerdictsThatTrainNothing_NeverPrepareATrainingRun()
    {
        string[] training = ["collect", "ml expertise", "machine-learning expertise", "retraining owner", "training data", "before training", "fine-tune a pilot", "fine-tune on"];
        var trainsNothing = TestAnswers.DefaultRules.Steps.Where(s =>
            s.Verdicts.All(v => v is Verdict.PromptEngineering or Verdict.Rag) && (s.Stages.Count == 0 ? !s.Verdicts.Contains(Verdict.Rag) : s.Stages.All(st => st == FineTuneStage.None)));

        Assert.All(trainsNothing, step => Assert.DoesNotContain(training, word => step.Text.Contains(word, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(trainsNothing, s => s.Verdicts.Contains(Verdict.PromptEngineering));
    }

    /// <summary>Results compare by value, every field and list item (and equal results are equal JSON: see AssessmentResultJsonTests).</summary>
    [Fact]
    public void Evaluate_SameInputTwice_GivesAnEqualResult()
    {
        var fresh = RuleSetLoader.LoadDefault();
        var differences = TestAnswers.CorpusResults
            .Where((_, i) => i % 4 == 0)
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
            .Where((_, i) => i % 4 == 1)
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
        var partial = TestAnswers.Generated(1500, seed: 7, dropEvery: 3)
            .Concat(QuestionCatalogue.Questions.SelectMany(q => TestAnswers.ValuesOf(q).Select(v => new AnswerSet([new(q.Id, v)]))))
            .ToList();

        Assert.Contains(partial, a => a.Count < 10);
        foreach (var answers in partial)
        {
            AssertWellFormed(TestAnswers.Evaluate(answers), TestAnswers.Describe(answers));
        }
    }

    [Fact]
    public void Evaluate_AnyCorpusAnswers_GivesAWellFormedResultThatAgreesWithTheFastPath()
    {
        foreach (var (answers, result, _) in TestAnswers.CorpusResults)
        {
            AssertWellFormed(result, TestAnswers.Describe(answers));
            Assert.Equal(new Decision(result.Verdict, result.FineTuneStage!.Value, result.ReadinessScore, result.CaseScore!.Value, result.TeamScore!.Value), TestAnswers.Decide(answers));
        }
    }

    /// <summary>Answers to questions that do not apply are not scored: the result is the one without them.</summary>
    [Fact]
    public void Evaluate_AnswersToQuestionsThatDoNotApply_AreNotScored()
    {
        var checkedSets = 0;
        foreach (var (answers, result, source) in TestAnswers.CorpusResults.Where(e => e.Source == CorpusSource.Generated).Take(600))
        {
            var extra = answers;
            foreach (var question in QuestionCatalogue.Questions.Where(q => !q.AppliesTo(answers)))
            {
                extra = extra.With(question.Id, TestAnswers.ValuesOf(question)[^1]);
            }

            if (extra.Count == answers.Count)
            {
                continue;
            }

            checkedSets++;
            Assert.Equal(result, TestAnswers.Evaluate(extra));
        }

        Assert.True(checkedSets > 100, $"only {checkedSets} answer sets had a question that does not apply");
    }

    /// <summary>Blockers stop the training half: only verdicts that train nothing yet survive them.</summary>
    [Fact]
    public void Evaluate_AnyBlocker_GivesABlockedStageOrAVerdictThatTrainsNothing()
    {
        var blocked = 0;
        var failures = new List<string>();
        foreach (var (answers, result, _) in TestAnswers.CorpusResults)
        {
            if (result.Blockers!.Count == 0)
            {
                Assert.NotEqual(FineTuneStage.Blocked, result.FineTuneStage);
                continue;
            }

            blocked++;
            if (result.FineTuneStage is not (FineTuneStage.Blocked or FineTuneStage.None))
            {
                failures.Add($"{result.Verdict} {result.FineTuneStage} for {TestAnswers.Describe(answers)}");
            }
        }

        Assert.True(blocked > 500, $"only {blocked} blocked answer sets");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(5)));
    }

    /// <summary>Disadvantages: Resource Intensive, Maintenance Needs: a feasibility gap never allows a production fine-tune.</summary>
    [Fact]
    public void Evaluate_AnyFeasibilityGap_NeverGivesAProductionFineTune()
    {
        var gaps = 0;
        foreach (var (answers, result, _) in TestAnswers.CorpusResults)
        {
            if (result.FiredRules.Any(r => r.Signal == RuleSignal.Feasibility))
            {
                gaps++;
                Assert.NotEqual(FineTuneStage.Production, result.FineTuneStage);
            }
        }

        Assert.True(gaps > 500, $"only {gaps} answer sets with a feasibility gap");
    }

    [Fact]
    public void Evaluate_NotReady_AlwaysHasABlockerWhoseStepComesFirst()
    {
        var notReady = 0;
        foreach (var (answers, result, _) in TestAnswers.CorpusResults.Where(e => e.Result.Verdict == Verdict.NotReady))
        {
            notReady++;
            Assert.NotEmpty(result.Blockers!);
            Assert.NotEmpty(result.Plan!.RemoveFirst);
        }

        Assert.True(notReady > 100, $"only {notReady} not_ready results");
    }

    /// <summary>
    /// Walks every corpus answer set (after <paramref name="prepare"/>) along <paramref name="worstToBest"/> and reports
    /// any step where the score falls.
    /// </summary>
    private static void AssertNeverFalls(string questionId, IReadOnlyList<string> worstToBest, Func<AnswerSet, AnswerSet>? prepare = null)
    {
        var failures = new List<string>();
        var walks = 0;
        foreach (var (corpusAnswers, _, source) in TestAnswers.CorpusResults)
        {
            var origin = prepare is null ? corpusAnswers : prepare(corpusAnswers);
            if (!QuestionCatalogue.Find(questionId)!.AppliesTo(origin))
            {
                continue;
            }

            walks++;
            var scores = TestAnswers.Walk(origin, questionId, worstToBest);
            for (var i = 1; i < scores.Count; i++)
            {
                if (scores[i].ReadinessScore < scores[i - 1].ReadinessScore)
                {
                    failures.Add($"{questionId} {worstToBest[i - 1]} -> {worstToBest[i]}: score {scores[i - 1].ReadinessScore} -> {scores[i].ReadinessScore} for {TestAnswers.Describe(origin)}");
                }
            }
        }

        Assert.True(walks > 1000, $"only {walks} walks");
        Assert.True(failures.Count == 0, $"{failures.Count} violations, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}");
    }

    private static void AssertWellFormed(AssessmentResult result, string what)
    {
        Assert.True(result.ReadinessScore is >= 0 and <= 100, $"score {result.ReadinessScore} for {what}");
        Assert.True(result.CaseScore is >= 0 and <= 100 && result.TeamScore is >= 0 and <= 100, $"scores for {what}");
        Assert.True(Enum.IsDefined(result.Verdict), what);
        Assert.Contains(result.FineTuneStage!.Value, Verdicts.StagesOf(result.Verdict));
        Assert.False(string.IsNullOrWhiteSpace(result.VerdictReason), what);
        Assert.Equal(Criteria.All.Count, result.Criteria.Count);
        Assert.All(result.Criteria, c => Assert.InRange(c.Score, 0, 100));
        Assert.NotNull(result.Confidence);
        Assert.True(result.Hinges!.Count <= 6, what);
        Assert.All(result.FiredRules.Select(r => r.Message).Concat(result.NextSteps).Concat(result.Risks).Concat(result.Hinges.Select(h => h.Text)).Concat(result.Confidence.Reasons),
            text => Assert.False(text.Contains('{', StringComparison.Ordinal) || text.Contains('}', StringComparison.Ordinal), $"unrendered placeholder in '{text}' for {what}"));
        Assert.Equal(result.NextSteps.Count, result.NextSteps.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(TestAnswers.DefaultRules.Version, result.RuleSetVersion);
    }
}
