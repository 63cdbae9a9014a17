using System.Globalization;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

public class RulesEngineTests
{
    private static readonly AnswerSet General = new(new Dictionary<string, string> { ["domain"] = "general" });

    /// <summary>
    /// Rules are "effect:weight[:signal[:criterion]]" separated by ';'; all of them fire (they test domain = general).
    /// specialized_domain (the default criterion) counts towards the case, cost towards the team. With the default
    /// parameters a case needs 60 (a case sum of 10.2 or more) and a production fine-tune a readiness of 75 (27.5).
    /// The table walks the procedure of docs/scoring.md in order.
    /// </summary>
    public static TheoryData<string, Verdict, FineTuneStage, int> ProcedureTable => new()
    {
        { "", Verdict.PromptEngineering, FineTuneStage.None, 50 },
        { "support:5;blocker:0::cost", Verdict.PromptEngineering, FineTuneStage.None, 55 },
        { "support:5;support:0:retrieval;blocker:0::cost", Verdict.Rag, FineTuneStage.None, 55 },
        { "support:25:prompting", Verdict.PromptEngineering, FineTuneStage.None, 73 },
        { "support:25:prompting;support:0:retrieval;support:0:behavior", Verdict.Rag, FineTuneStage.None, 73 },
        { "support:11", Verdict.Pilot, FineTuneStage.Pilot, 61 },
        { "support:11;support:17::cost", Verdict.FineTune, FineTuneStage.Production, 75 },
        { "support:11;support:15::cost", Verdict.Pilot, FineTuneStage.Pilot, 74 },
        { "support:11;support:17::cost;support:0:pilot_first", Verdict.Pilot, FineTuneStage.Pilot, 75 },
        { "support:11;support:17::cost;support:0:feasibility:cost", Verdict.Pilot, FineTuneStage.Pilot, 75 },
        { "support:11;support:0:retrieval", Verdict.Rag, FineTuneStage.None, 61 },
        { "support:11;support:0:retrieval;support:0:behavior", Verdict.RagAndFineTune, FineTuneStage.Pilot, 61 },
        { "support:11;support:0:retrieval;support:0:behavior;support:17::cost", Verdict.RagAndFineTune, FineTuneStage.Production, 75 },
        { "support:11;support:0:retrieval;support:0:behavior;support:17::cost;support:0:feasibility:cost", Verdict.RagAndFineTune, FineTuneStage.Pilot, 75 },
        { "support:11;support:0:retrieval;support:0:behavior;blocker:0::cost", Verdict.Rag, FineTuneStage.Blocked, 61 },
        { "support:11;blocker:0::cost", Verdict.NotReady, FineTuneStage.Blocked, 61 },
        { "support:11;support:25::cost;blocker:20::cost", Verdict.NotReady, FineTuneStage.Blocked, 65 },
        { "oppose:25;oppose:25;oppose:25", Verdict.PromptEngineering, FineTuneStage.None, 5 },
        { "support:25;support:25;support:25::cost;support:25::cost;support:25::cost;support:25::cost", Verdict.FineTune, FineTuneStage.Production, 100 },
    };

    [Theory]
    [MemberData(nameof(ProcedureTable))]
    public void Evaluate_FiredRules_GiveTheVerdictStageAndScoreOfTheProcedure(string rules, Verdict verdict, FineTuneStage stage, int score)
    {
        var ruleSet = Rules(rules);

        var result = RulesEngine.Evaluate(General, ruleSet);

        Assert.Equal((verdict, stage, score), (result.Verdict, result.FineTuneStage!.Value, result.ReadinessScore));
        Assert.Equal(rules.Split(';', StringSplitOptions.RemoveEmptyEntries).Length, result.FiredRules.Count);
        Assert.Equal(RulesEngine.Decide(General, ruleSet), new Decision(result.Verdict, result.FineTuneStage.Value, result.ReadinessScore, result.CaseScore!.Value, result.TeamScore!.Value));
        Assert.Contains(result.FineTuneStage.Value, Verdicts.StagesOf(result.Verdict));
    }

    /// <summary>docs/scoring.md, "Scores": round(100 × σ(sum / spread)); 100 only from 5.3 spreads up.</summary>
    [Theory]
    [InlineData(0, 25, 50)]
    [InlineData(27.47, 25, 75)]
    [InlineData(-27.47, 25, 25)]
    [InlineData(132.2, 25, 99)]
    [InlineData(132.5, 25, 100)]
    [InlineData(-1000, 25, 0)]
    [InlineData(10, 20, 62)]
    public void Score_Sum_IsTheRoundedLogistic(double sum, double spread, int expected)
    {
        Assert.Equal(expected, RulesEngine.Score(sum, spread));
    }

    /// <summary>The documented bound: a change of d points of weight moves a score by at most 25·d/spread, plus one for rounding.</summary>
    [Fact]
    public void Score_AnyStep_MovesAtMostTheDocumentedBound()
    {
        for (var sum = -150.0; sum <= 150; sum += 0.37)
        {
            foreach (var step in new[] { 0.01, 1, 4, 12 })
            {
                var moved = RulesEngine.Score(sum + step, 25) - RulesEngine.Score(sum, 25);
                Assert.InRange(moved, 0, Math.Floor(25 * step / 25) + 1);
            }
        }
    }

    [Fact]
    public void Evaluate_CaseAndTeamScores_CountTheirOwnRulesAndReadinessBoth()
    {
        var result = RulesEngine.Evaluate(General, Rules("support:10;oppose:5::cost;support:3:::team"));

        // Case: 10 + the rule moved to the team by its own dimension (3) is not in it; team: −5 + 3.
        Assert.Equal((RulesEngine.Score(10, 25), RulesEngine.Score(-2, 25), RulesEngine.Score(8, 25)), (result.CaseScore, result.TeamScore, result.ReadinessScore));
    }

    [Fact]
    public void Evaluate_Ramp_GivesTheLogLinearPartOfTheWeight()
    {
        const string ramp = """{"measure": "effective_examples", "from": 100, "to": 1000}""";
        var ruleSet = RuleSetJson.Load(RuleSetJson.With(rules:
        [
            RuleSetJson.Rule("rises", "support", 10, criterion: "sufficient_data", when: """{"question": "domain", "equals": "general"}""", ramp: ramp),
            RuleSetJson.Rule("fades", "oppose", 10, criterion: "limited_data", when: """{"question": "domain", "equals": "general"}""", ramp: ramp),
        ]));

        double[] Contributions(long count, string quality) => [.. RulesEngine.Evaluate(General.With("example_count", TestAnswers.Text(count)).With("data_quality", quality), ruleSet)
            .FiredRules.Select(r => r.Contribution)];

        Assert.Equal([0.0, -10.0], Contributions(50, "curated"));
        Assert.Equal([0.0, -10.0], Contributions(100, "curated"));
        Assert.Equal([5.0, -5.0], Contributions(316, "curated"), new ToleranceComparer(0.01));
        Assert.Equal([10.0, 0.0], Contributions(1000, "curated"));
        Assert.Equal([10.0, 0.0], Contributions(50_000, "curated"));
        // 3,160 raw rows count as 316 curated ones.
        Assert.Equal([5.0, -5.0], Contributions(3160, "raw"), new ToleranceComparer(0.01));
    }

    [Theory]
    [InlineData("curated", 2500, 2500)]
    [InlineData("partially_reviewed", 2500, 1000)]
    [InlineData("not_sure", 2500, 1000)]
    [InlineData("raw", 2500, 250)]
    public void Evaluate_EffectiveExamples_AreTheRowsTimesTheirQualityFactor(string quality, long count, double effective)
    {
        var answers = General.With("example_count", TestAnswers.Text(count)).With("data_quality", quality);

        Assert.Equal(effective, TestAnswers.Evaluate(answers).Measures!.EffectiveExamples);
    }

    /// <summary>Other Considerations: Continuous iteration: "tens of thousands of examples for more complex or specialized tasks".</summary>
    [Theory]
    [InlineData("general", "free_form", 10_000)]
    [InlineData("business", "consistent_style", 10_000)]
    [InlineData("general", "strict_format", 15_000)]
    [InlineData("specialized", "free_form", 20_000)]
    [InlineData("specialized", "strict_format", 25_000)]
    public void Evaluate_ProductionTarget_GrowsWithASpecialisedDomainAndAStrictFormat(string domain, string format, double target)
    {
        var answers = new AnswerSet(new Dictionary<string, string> { ["domain"] = domain, ["output_requirements"] = format });

        Assert.Equal(target, TestAnswers.Evaluate(answers).Measures!.ProductionTarget);
    }

    [Fact]
    public void Evaluate_DisabledOrUnmetRule_DoesNotFire()
    {
        var ruleSet = RuleSetJson.Load(RuleSetJson.With(rules:
        [
            RuleSetJson.Rule("on", "support", 1),
            RuleSetJson.Rule("off", "support", 20, enabled: false),
            RuleSetJson.Rule("unmet", "support", 20, when: """{"question": "domain", "equals": "business"}"""),
        ]));

        var result = RulesEngine.Evaluate(General, ruleSet);

        Assert.Equal(["on"], result.FiredRules.Select(r => r.Id));
        Assert.Equal(RulesEngine.Score(1, 25), result.ReadinessScore);
    }

    [Fact]
    public void Evaluate_FiredRule_CarriesWeightSignedContributionMessageCitationAndSignal()
    {
        var fired = RulesEngine.Evaluate(General, Rules("support:6:pilot_first;oppose:2;blocker:3:retrieval")).FiredRules;

        Assert.Equal(
            [("r0", RuleEffect.Support, 6.0, 6.0, RuleSignal.PilotFirst), ("r1", RuleEffect.Oppose, 2.0, -2.0, null), ("r2", RuleEffect.Blocker, 3.0, -3.0, RuleSignal.Retrieval)],
            fired.Select(r => (r.Id, r.Effect, r.Weight, r.Contribution, r.Signal)));
        Assert.All(fired, r => Assert.Equal($"Message of {r.Id}.", r.Message));
        Assert.All(fired, r => Assert.Equal("When to Fine-Tune #1", r.Citation));
    }

    [Fact]
    public void Evaluate_Blockers_AreNamedWithTheirMessages()
    {
        var result = RulesEngine.Evaluate(General, Rules("support:11;blocker:2::cost;blocker:0::limited_data"));

        Assert.Equal([new Blocker("r1", "Message of r1."), new Blocker("r2", "Message of r2.")], result.Blockers);
        Assert.StartsWith("Blocked: Message of r1. Message of r2.", result.VerdictReason, StringComparison.Ordinal);
    }

    /// <summary>docs/scoring.md, "Scores": round(100 × σ(net / criterion_spread)); the reason is the weightiest rule's message.</summary>
    [Fact]
    public void Evaluate_Criteria_ScoreTheLogisticOfTheirNetAndTakeTheWeightiestRulesMessage()
    {
        var result = RulesEngine.Evaluate(General, Rules("support:2;support:4;oppose:2;oppose:3::cost;support:12::maintenance;blocker:11::continuous_iteration"));
        var criteria = result.Criteria.ToDictionary(c => c.Id, StringComparer.Ordinal);

        Assert.Equal(Criteria.All.Select(c => c.Id), criteria.Keys);
        var domain = criteria["specialized_domain"];
        Assert.Equal((RulesEngine.Score(4, 6), 4.0, "Message of r1.", "When to Fine-Tune #1"), (domain.Score, domain.NetContribution, domain.Reason, domain.Citation));
        Assert.Equal((RulesEngine.Score(-3, 6), -3.0), (criteria["cost"].Score, criteria["cost"].NetContribution));
        Assert.Equal(88, criteria["maintenance"].Score);
        var untouched = criteria["expertise"];
        Assert.Equal((50, 0.0, Criteria.Find("expertise")!.NeutralReason), (untouched.Score, untouched.NetContribution, untouched.Reason));
    }

    [Fact]
    public void Evaluate_Plan_TakesTheStepsThatServeTheVerdictAndStageInFileOrderGroupedWithNextStepsFlattened()
    {
        var ruleSet = RuleSetJson.Load(RuleSetJson.WithSteps(RuleSetJson.DefaultParameters,
            [RuleSetJson.Rule("case", "support", 11), RuleSetJson.Rule("stop", "blocker", 0, criterion: "cost")],
            [
                RuleSetJson.Step("pilot-only", "then", ["pilot"]),
                RuleSetJson.Step("after", "then", ["not_ready"], "Then this."),
                RuleSetJson.Step("unblock", "remove_first", ["not_ready", "rag"], "Remove {pilot_examples} of it.", stages: ["blocked"], when: """{"fired": "stop"}"""),
                RuleSetJson.Step("never", "remove_first", ["not_ready"], when: """{"question": "domain", "equals": "business"}"""),
                RuleSetJson.Step("again", "then", ["not_ready"], "Then this."),
            ]));

        var result = RulesEngine.Evaluate(General, ruleSet);

        Assert.Equal(Verdict.NotReady, result.Verdict);
        Assert.Equal([new PlanStep("unblock", "Remove 1,000 of it.", "Introduction")], result.Plan!.RemoveFirst);
        Assert.Equal([new PlanStep("after", "Then this.", "Introduction")], result.Plan.Then);
        Assert.Equal(["Remove 1,000 of it.", "Then this."], result.NextSteps);
    }

    [Fact]
    public void Evaluate_StepResolvingAnUnsureAnswer_MovesToRemoveFirstOnlyWhenTheAnswerDecidesTheVerdict()
    {
        var ruleSet = RuleSetJson.Load(RuleSetJson.WithSteps(RuleSetJson.DefaultParameters,
            [
                RuleSetJson.Rule("case", "support", 11),
                RuleSetJson.Rule("works", "support", 0, "prompting", criterion: "efficiency", when: """{"question": "prompting_status", "equals": "works_well"}"""),
            ],
            [RuleSetJson.Step("settle", "then", ["pilot"], resolves: "prompting_status", when: """{"question": "prompting_status", "equals": "not_sure"}""")]));

        var unsure = RulesEngine.Evaluate(General.With("prompting_status", "not_sure"), ruleSet);
        var unsureElsewhere = RulesEngine.Evaluate(General.With("prompting_status", "not_sure"),
            RuleSetJson.Load(RuleSetJson.WithSteps(RuleSetJson.DefaultParameters, [RuleSetJson.Rule("case", "support", 11)],
                [RuleSetJson.Step("settle", "then", ["pilot"], resolves: "prompting_status", when: """{"question": "prompting_status", "equals": "not_sure"}""")])));

        Assert.Equal(["settle"], unsure.Plan!.RemoveFirst.Select(s => s.Id));
        Assert.Empty(unsure.Plan.Then);
        Assert.Empty(unsureElsewhere.Plan!.RemoveFirst);
        Assert.Equal(["settle"], unsureElsewhere.Plan.Then.Select(s => s.Id));
    }

    [Fact]
    public void Evaluate_SchemaOneRuleSet_IsNotRunByTheEngine()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RulesEngine.Evaluate(General, VersionOne.Rules));

        Assert.Contains("schema 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "limited-data")]
    [InlineData(999, "limited-data")]
    [InlineData(1000, "data-toward-production")]
    [InlineData(24_999, "data-toward-production")]
    [InlineData(25_000, "data-production-volume")]
    public void Evaluate_DefaultExampleThresholds_FireTheRuleForTheirSide(long examples, string fires)
    {
        string[] volume = ["limited-data", "data-toward-production", "data-production-volume"];
        var answers = LegalCase().With("example_count", TestAnswers.Text(examples));

        var fired = TestAnswers.Evaluate(QuestionCatalogue.Applicable(answers)).FiredRules.Select(r => r.Id).Where(volume.Contains);

        Assert.Equal([fires], fired);
    }

    [Theory]
    [InlineData("rarely", "change-stable")]
    [InlineData("quarterly", "change-stable")]
    [InlineData("monthly", "change-monthly")]
    [InlineData("weekly", "change-weekly")]
    [InlineData("daily", "change-fast")]
    [InlineData("realtime", "change-fast")]
    [InlineData("not_sure", "change-not-sure")]
    public void Evaluate_ChangeFrequency_FiresExactlyOneFreshnessRule(string frequency, string expected)
    {
        var freshness = TestAnswers.Evaluate(LegalCase().With("change_frequency", frequency)).FiredRules
            .Where(r => r.Criterion == "rapidly_changing_information").Select(r => r.Id);

        Assert.Equal([expected], freshness);
    }

    [Fact]
    public void Evaluate_DefaultRulesWithoutExampleCount_TreatsItAsNoneAndAsksForAPilotsWorth()
    {
        var answers = new AnswerSet(LegalCase().Where(a => a.Key != "example_count"));

        var result = TestAnswers.Evaluate(answers);

        Assert.Contains("limited-data", result.FiredRules.Select(r => r.Id));
        Assert.Equal(Verdict.NotReady, result.Verdict);
        Assert.Contains(result.Plan!.RemoveFirst, s => s.Text.StartsWith("Reach about 1,000 high-quality examples for a pilot: collect or review about 1,000 more", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_DefaultRules_RendersAnswersAndMeasuresIntoMessages()
    {
        var answers = LegalCase().With("example_count", "2500").With("change_frequency", "realtime");

        var result = TestAnswers.Evaluate(answers);

        Assert.Contains("About 2,500 high-quality examples are enough for a pilot (about 1,000) but short of the 25,000 or so a robust production model needs for this task.",
            result.FiredRules.Select(r => r.Message));
        Assert.Contains("Information that changes continuously goes stale in a fine-tuned model; retrieval keeps answers current.", result.FiredRules.Select(r => r.Message));
    }

    [Fact]
    public void Evaluate_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => RulesEngine.Evaluate(null!, TestAnswers.DefaultRules));
        Assert.Throws<ArgumentNullException>(() => RulesEngine.Evaluate(AnswerSet.Empty, null!));
        Assert.Throws<ArgumentNullException>(() => RulesEngine.Decide(null!, TestAnswers.DefaultRules));
    }

    /// <summary>A strong, complete profile: the legal-contract golden case (a pilot: 15,000 rows of the 25,000 it needs).</summary>
    private static AnswerSet LegalCase() => GoldenCaseFile.Named("legal-contract-clause-extraction").Answers;

    /// <summary>A rule set of rules written "effect:weight[:signal[:criterion[:dimension]]]", all firing for <see cref="General"/>.</summary>
    private static RuleSet Rules(string specs)
    {
        var rules = specs.Split(';', StringSplitOptions.RemoveEmptyEntries).Select((spec, i) =>
        {
            var parts = spec.Split(':');
            string? Part(int index) => parts.Length > index && parts[index].Length > 0 ? parts[index] : null;
            return RuleSetJson.Rule($"r{i}", parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture), Part(2),
                criterion: Part(3) ?? "specialized_domain", dimension: Part(4));
        });
        var never = RuleSetJson.Rule("never", "support", 25, "behavior", when: """{"question": "domain", "equals": "specialized"}""");
        return RuleSetJson.Load(RuleSetJson.With(rules: [never, .. rules]));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
