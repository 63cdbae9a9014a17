using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

/// <summary>
/// Each defect of version 1 listed under "Why" in issue 9, as a property that the version-1 rules break (replayed by
/// <see cref="VersionOne"/>) and version 2 keeps. Each test asserts both halves, so it proves the defect was real and
/// is gone.
/// </summary>
public sealed class VersionOneDefectsTests
{
    private static readonly string[] TrainingWords =
        ["collect about", "ml expertise", "machine-learning expertise", "retraining", "before training", "before any training"];

    /// <summary>"Next steps ignore the verdict": a retrieval or prompting result prepares a fine-tune.</summary>
    [Fact]
    public void Defect_StepsIgnoreTheVerdict_RetrievalAndPromptingResultsNoLongerPrepareAFineTune()
    {
        static IEnumerable<string> Violations(IEnumerable<(AnswerSet Answers, AssessmentResult Result)> results) => results
            .Where(r => r.Result.Verdict is Verdict.PromptEngineering || (r.Result.Verdict is Verdict.Rag && r.Result.FineTuneStage is not FineTuneStage.Blocked))
            .SelectMany(r => r.Result.NextSteps.Where(step => TrainingWords.Any(word => step.Contains(word, StringComparison.OrdinalIgnoreCase)))
                .Select(step => $"{r.Result.Verdict.Code()}: {step}"));

        Assert.NotEmpty(Violations(VersionOneCorpus()));
        Assert.Empty(Violations(VersionTwoCorpus()).Distinct().Take(5));
    }

    /// <summary>"Retrieval results say nothing about retrieval itself": how to evaluate it and how often to refresh.</summary>
    [Fact]
    public void Defect_RetrievalResultsSayNothingAboutRetrieval_NowEvaluateAndRefreshTheIndex()
    {
        static bool Holds(IEnumerable<(AnswerSet Answers, AssessmentResult Result)> results) => results
            .Where(r => r.Result.Verdict is Verdict.Rag or Verdict.RagAndFineTune)
            .All(r => r.Result.NextSteps.Any(s => s.Contains("recall", StringComparison.Ordinal))
                      && r.Result.NextSteps.Any(s => s.Contains("index", StringComparison.OrdinalIgnoreCase) && s.Contains("Refresh", StringComparison.Ordinal)));

        Assert.False(Holds(VersionOneCorpus()));
        Assert.True(Holds(VersionTwoCorpus()));
    }

    /// <summary>"More than a quarter of realistic cases score exactly 100."</summary>
    [Fact]
    public void Defect_ScoreSaturates_FewerThanFivePercentOfRealisticCasesScore100()
    {
        static double Share(IEnumerable<(AnswerSet Answers, AssessmentResult Result)> results)
        {
            var list = results.ToList();
            return list.Count(r => r.Result.ReadinessScore == 100) / (double)list.Count;
        }

        Assert.True(Share(VersionOneCorpus(realistic: true)) >= 0.05, "version 1 saturated");
        Assert.True(Share(VersionTwoCorpus(realistic: true)) < 0.05);
    }

    /// <summary>"Compare and the timeline show 100 → 100 while examples went from 1,500 to 15,000 and the verdict changed."</summary>
    [Fact]
    public void Defect_ScoreSaturates_MoreExamplesShowInTheScore()
    {
        var small = GoldenCaseFile.Named("legal-contract-clause-extraction").Answers.With("example_count", "1500");
        var large = GoldenCaseFile.Named("legal-contract-clause-extraction").Answers.With("example_count", "15000");

        Assert.Equal(VersionOne.Evaluate(small).ReadinessScore, VersionOne.Evaluate(large).ReadinessScore);
        Assert.True(TestAnswers.Evaluate(large).ReadinessScore > TestAnswers.Evaluate(small).ReadinessScore);
    }

    /// <summary>"Every blocked case reads 54, whether the data rights are missing or 100 rows are short."</summary>
    [Fact]
    public void Defect_EveryBlockedCaseReads54_BlockedCasesNowScoreByHowFarTheyAre()
    {
        var noRights = GoldenCaseFile.Named("no-rights-to-data").Answers;
        var shortRows = GoldenCaseFile.Named("no-rights-to-data").Answers.With("data_rights", "confirmed").With("example_count", "900");

        Assert.Equal((54, 54), (VersionOne.Evaluate(noRights).ReadinessScore, VersionOne.Evaluate(shortRows).ReadinessScore));
        var (rights, rows) = (TestAnswers.Evaluate(noRights), TestAnswers.Evaluate(shortRows));
        Assert.Equal((Verdict.NotReady, Verdict.NotReady), (rights.Verdict, rows.Verdict));
        Assert.True(rights.ReadinessScore < rows.ReadinessScore, $"missing rights {rights.ReadinessScore}, 100 rows short {rows.ReadinessScore}");
    }

    /// <summary>
    /// "A prompt_engineering verdict can show 96 and a recommended rag verdict 42, which reads as a failing grade": a
    /// verdict that plans no fine-tune now leads with how strong the case for fine-tuning is, which supports it.
    /// </summary>
    [Fact]
    public void Defect_RetrievalOrPromptingVerdictGradedByFineTuningReadiness_NowLeadsWithTheCaseForFineTuning()
    {
        static IEnumerable<string> Violations(IEnumerable<(AnswerSet Answers, AssessmentResult Result)> results) => results
            .Where(r => r.Result.Verdict is Verdict.PromptEngineering || (r.Result.Verdict is Verdict.Rag && r.Result.FineTuneStage is not FineTuneStage.Blocked))
            .Where(r => !(Verdicts.HeadlineScore(r.Result) is ("Case for fine-tuning", var score) && score == r.Result.CaseScore
                          && (score < TestAnswers.DefaultRules.Procedure!.CaseMinScore || r.Result.FiredRules.Any(f => f.Signal is RuleSignal.Prompting or RuleSignal.Retrieval))))
            .Select(r => $"{r.Result.Verdict.Code()} {Verdicts.HeadlineScore(r.Result)} for {TestAnswers.Describe(r.Answers)}");

        Assert.NotEmpty(Violations(VersionOneCorpus()));
        Assert.Empty(Violations(VersionTwoCorpus()).Take(5));
    }

    /// <summary>"999 → 1,000 examples moves the score from 54 to 100."</summary>
    [Fact]
    public void Defect_Cliffs_OneMoreExampleMovesTheScoreByAtMostOnePoint()
    {
        int Jump(Func<AnswerSet, AssessmentResult> evaluate) =>
            evaluate(Tone().With("example_count", "1000")).ReadinessScore - evaluate(Tone().With("example_count", "999")).ReadinessScore;

        Assert.True(Jump(VersionOne.Evaluate) > 1, "version 1 jumped");
        Assert.InRange(Jump(TestAnswers.Evaluate), 0, 1);
    }

    /// <summary>
    /// "20,000 curated rows with an evaluation set, but no ML staff, a minimal budget and no maintenance capacity:
    /// fine_tune. Self-hosting an open model with no ML staff: fine_tune."
    /// </summary>
    [Theory]
    [InlineData("self-serve-team-no-ml-staff")]
    [InlineData("self-hosted-open-model-no-ml-staff")]
    public void Defect_FeasibilityIgnored_NoProductionFineTuneWithoutTheMeansToRunIt(string name)
    {
        var answers = GoldenCaseFile.Named(name).Answers;

        Assert.Equal(Verdict.FineTune, VersionOne.Evaluate(answers).Verdict);
        var result = TestAnswers.Evaluate(answers);
        Assert.Equal((Verdict.Pilot, FineTuneStage.Pilot), (result.Verdict, result.FineTuneStage));
        Assert.Contains(result.FiredRules, r => r.Signal == RuleSignal.Feasibility);
    }

    /// <summary>
    /// "A general writing helper, free-form output, prompting not tried, 0 rows: not_ready ... Both gaps + daily change +
    /// 500 rows: not_ready, though retrieval needs none of those rows."
    /// </summary>
    [Theory]
    [InlineData("general-writing-helper-no-data", Verdict.PromptEngineering)]
    [InlineData("pharma-label-both-500-rows", Verdict.Rag)]
    public void Defect_OrderOfChecks_AWeakCaseOrARetrievalPartComesBeforeDataBlockers(string name, Verdict expected)
    {
        var answers = GoldenCaseFile.Named(name).Answers;

        Assert.Equal(Verdict.NotReady, VersionOne.Evaluate(answers).Verdict);
        var result = TestAnswers.Evaluate(answers);
        Assert.Equal(expected, result.Verdict);
        Assert.DoesNotContain(result.NextSteps, s => s.Contains("ML expertise", StringComparison.OrdinalIgnoreCase) || s.Contains("machine-learning expertise", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"Rights 'unclear' gives pilot, although a pilot trains on the data."</summary>
    [Fact]
    public void Defect_UnclearRightsGivePilot_NowNotReadyWithTheLegalStepFirst()
    {
        var answers = GoldenCaseFile.Named("support-macros-rights-unclear").Answers;

        Assert.Equal(Verdict.Pilot, VersionOne.Evaluate(answers).Verdict);
        var result = TestAnswers.Evaluate(answers);
        Assert.Equal(Verdict.NotReady, result.Verdict);
        Assert.StartsWith("Ask legal", result.Plan!.RemoveFirst[0].Text, StringComparison.Ordinal);
    }

    /// <summary>"50,000 raw rows are called enough for 'a robust production model' in the data criterion while the result is blocked for raw data."</summary>
    [Fact]
    public void Defect_QualityAndVolumeCountedApart_RawRowsNeverReachTheProductionVolume()
    {
        var raw = GoldenCaseFile.Named("support-chatbot-on-raw-transcripts").Answers.With("example_count", "50000");

        Assert.Contains("data-production-volume", VersionOne.Evaluate(raw).FiredRules.Select(r => r.Id));
        var result = TestAnswers.Evaluate(raw);
        Assert.DoesNotContain("data-production-volume", result.FiredRules.Select(r => r.Id));
        Assert.Equal(5000, result.Measures!.EffectiveExamples);
    }

    /// <summary>"50,000 partly reviewed rows get fine_tune (85)."</summary>
    [Fact]
    public void Defect_QualityAndVolumeCountedApart_PartlyReviewedRowsDoNotGiveAProductionFineTune()
    {
        var answers = GoldenCaseFile.Named("partly-reviewed-50000").Answers;

        Assert.Equal(Verdict.FineTune, VersionOne.Evaluate(answers).Verdict);
        Assert.NotEqual(Verdict.FineTune, TestAnswers.Evaluate(answers).Verdict);
    }

    /// <summary>"The rules use a flat 10,000": the article asks for "tens of thousands" for complex or specialised tasks.</summary>
    [Fact]
    public void Defect_FlatProductionTarget_SpecialisedStrictTasksNeedTensOfThousands()
    {
        var answers = GoldenCaseFile.Named("legal-contract-clause-extraction").Answers;

        Assert.Equal(Verdict.FineTune, VersionOne.Evaluate(answers).Verdict);
        var result = TestAnswers.Evaluate(answers);
        Assert.Equal((Verdict.Pilot, 25_000.0), (result.Verdict, result.Measures!.ProductionTarget));
    }

    /// <summary>"Costly prompting earns points at any volume, even 30 requests a week."</summary>
    [Fact]
    public void Defect_CostlyPromptingEarnsPointsAtLowVolume_NotAnyMore()
    {
        double Efficiency(Func<AnswerSet, AssessmentResult> evaluate, string prompting) =>
            evaluate(Tone().With("request_volume", "low").With("prompting_status", prompting)).Criteria.Single(c => c.Id == "efficiency").NetContribution;

        Assert.True(Efficiency(VersionOne.Evaluate, "works_but_costly") > Efficiency(VersionOne.Evaluate, "insufficient"));
        Assert.Equal(Efficiency(TestAnswers.Evaluate, "insufficient"), Efficiency(TestAnswers.Evaluate, "works_but_costly"));
    }

    /// <summary>"High bias risk with mitigation in place scores above low bias risk."</summary>
    [Fact]
    public void Defect_HighBiasRiskScoresAboveLow_NotAnyMore()
    {
        var high = GoldenCaseFile.Named("hr-screening-balanced-data").Answers;
        var low = QuestionCatalogue.Applicable(high.With("bias_risk", "low"));

        Assert.True(VersionOne.Evaluate(high).ReadinessScore > VersionOne.Evaluate(low).ReadinessScore
                    || VersionOne.Evaluate(high).FiredRules.Sum(r => r.Contribution) > VersionOne.Evaluate(low).FiredRules.Sum(r => r.Contribution));
        Assert.True(TestAnswers.Evaluate(high).ReadinessScore <= TestAnswers.Evaluate(low).ReadinessScore);
    }

    /// <summary>"Moderate risk with mitigation only planned fires no rule at all."</summary>
    [Fact]
    public void Defect_ModerateRiskWithMitigationPlannedFiresNoRule_NowItDoes()
    {
        var planned = Tone().With("bias_risk", "moderate").With("bias_mitigation", "planned");
        var low = Tone().With("bias_risk", "low");

        static IEnumerable<string> Fired(AssessmentResult result) => result.FiredRules.Select(r => r.Id);
        Assert.Equal(Fired(VersionOne.Evaluate(low)), Fired(VersionOne.Evaluate(planned)));
        Assert.Contains("bias-moderate-planned", Fired(TestAnswers.Evaluate(planned)));
        Assert.Contains(TestAnswers.Evaluate(planned).NextSteps, s => s.Contains("bias checks", StringComparison.Ordinal));
    }

    /// <summary>
    /// "rag_and_fine_tune ignores 'pilot first': no ML staff, no eval set and 2,000 partly reviewed rows still get it, with
    /// no sign that the fine-tuning half should start as a pilot."
    /// </summary>
    [Fact]
    public void Defect_CombinedVerdictIgnoresPilotFirst_ItsFineTuningHalfIsAPilot()
    {
        var issue = GoldenCaseFile.Named("bank-assistant-both-no-ml-staff").Answers.With("example_count", "2000");
        var larger = GoldenCaseFile.Named("bank-assistant-both-no-ml-staff").Answers;

        var before = VersionOne.Evaluate(issue);
        Assert.Equal((Verdict.RagAndFineTune, null), (before.Verdict, before.FineTuneStage));
        // 2,000 partly reviewed rows count as 800 good ones: retrieval now, the fine-tuning half once there are enough.
        Assert.Equal((Verdict.Rag, FineTuneStage.Blocked), (TestAnswers.Evaluate(issue).Verdict, TestAnswers.Evaluate(issue).FineTuneStage));
        var after = TestAnswers.Evaluate(larger);
        Assert.Equal((Verdict.RagAndFineTune, FineTuneStage.Pilot), (after.Verdict, after.FineTuneStage));
        Assert.Contains("fine-tuning half as a pilot", after.VerdictReason, StringComparison.Ordinal);
        Assert.Equal("Combine retrieval with a fine-tuning pilot", Verdicts.Headline(after.Verdict, after.FineTuneStage));
    }

    /// <summary>The customer-support tone golden case: a pilot-sized, strong case.</summary>
    private static AnswerSet Tone() => GoldenCaseFile.Named("customer-support-tone-2500").Answers;

    /// <summary>The golden cases and their one-answer neighbours (realistic), or the whole corpus.</summary>
    private static IEnumerable<(AnswerSet Answers, AssessmentResult Result)> VersionTwoCorpus(bool realistic = false) =>
        TestAnswers.CorpusResults.Where(e => !realistic || e.Source != CorpusSource.Generated).Select(e => (e.Answers, e.Result));

    private static IEnumerable<(AnswerSet Answers, AssessmentResult Result)> VersionOneCorpus(bool realistic = false) =>
        (realistic ? RealisticVersionOne.Value : AllVersionOne.Value).Select(e => (e.Answers, e.Result));

    /// <summary>Version 1 never saw "Not sure" answers: its corpus is the same answer sets without them.</summary>
    private static readonly Lazy<List<(AnswerSet Answers, AssessmentResult Result, CorpusSource Source)>> AllVersionOne = new(() =>
        [.. TestAnswers.CorpusResults.Where(e => !e.Answers.Values.Contains(Choice.NotSure)).Select(e => (e.Answers, VersionOne.Evaluate(e.Answers), e.Source))]);

    private static readonly Lazy<List<(AnswerSet Answers, AssessmentResult Result, CorpusSource Source)>> RealisticVersionOne = new(() =>
        [.. AllVersionOne.Value.Where(e => e.Source != CorpusSource.Generated)]);
}
