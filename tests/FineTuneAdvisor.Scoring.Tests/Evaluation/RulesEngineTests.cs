using System.Globalization;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

public class RulesEngineTests
{
    private static readonly AnswerSet General = new(new Dictionary<string, string> { ["domain"] = "general" });

    /// <summary>
    /// Rules are "effect:weight[:signal]" separated by ';'; all of them fire (they test domain = general).
    /// The table walks the verdict procedure of docs/scoring.md in order.
    /// </summary>
    public static TheoryData<string, Verdict, int> VerdictTable => new()
    {
        { "", Verdict.PromptEngineering, 50 },
        { "support:10", Verdict.Pilot, 60 },
        { "support:5;oppose:5", Verdict.PromptEngineering, 50 },
        { "support:25", Verdict.FineTune, 75 },
        { "support:24.4", Verdict.Pilot, 74 },
        { "support:24.5", Verdict.FineTune, 75 },
        { "support:25;support:0:pilot_first", Verdict.Pilot, 75 },
        { "support:25;oppose:3", Verdict.Pilot, 72 },
        { "oppose:10", Verdict.PromptEngineering, 40 },
        { "support:25;support:25;support:25", Verdict.FineTune, 100 },
        { "oppose:25;oppose:25;oppose:25", Verdict.PromptEngineering, 0 },
        { "support:25;blocker:0", Verdict.NotReady, 54 },
        { "oppose:10;blocker:0", Verdict.NotReady, 40 },
        { "support:25:prompting", Verdict.PromptEngineering, 75 },
        { "blocker:0:prompting", Verdict.PromptEngineering, 50 },
        { "support:25:prompting;support:0:retrieval", Verdict.Rag, 75 },
        { "support:25:prompting;support:0:retrieval;support:0:behavior", Verdict.Rag, 75 },
        { "support:0:retrieval;blocker:0", Verdict.Rag, 50 },
        { "support:25:retrieval", Verdict.Rag, 75 },
        { "support:10:retrieval;support:0:behavior", Verdict.RagAndFineTune, 60 },
        { "support:4:retrieval;support:0:behavior", Verdict.Rag, 54 },
        { "support:10:retrieval;support:0:behavior;blocker:0", Verdict.NotReady, 54 },
        { "support:25:behavior;support:0:pilot_first", Verdict.Pilot, 75 },
        { "support:25:behavior", Verdict.FineTune, 75 },
    };

    [Theory]
    [MemberData(nameof(VerdictTable))]
    public void Evaluate_FiredRules_GiveVerdictAndScoreOfTheProcedure(string rules, Verdict verdict, int score)
    {
        var specs = rules.Split(';', StringSplitOptions.RemoveEmptyEntries);
        var json = specs.Select((spec, i) =>
        {
            var parts = spec.Split(':');
            return RuleSetJson.Rule($"r{i}", parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture), parts.Length > 2 ? parts[2] : null);
        });
        var never = RuleSetJson.Rule("never", "support", 25, "behavior", when: """{"question": "domain", "equals": "specialized"}""");
        var ruleSet = RuleSetJson.Load(RuleSetJson.With(rules: [never, .. json]));

        var result = RulesEngine.Evaluate(General, ruleSet);

        Assert.Equal((verdict, score), (result.Verdict, result.ReadinessScore));
        Assert.Equal(specs.Length, result.FiredRules.Count);
    }

    [Theory]
    [InlineData(40, 39)]
    [InlineData(55, 54)]
    [InlineData(70, 69)]
    public void ReadinessScore_Blocker_CapsJustBelowTheConfiguredPilotScore(int pilotMinScore, int expected)
    {
        var parameters = RuleSetJson.DefaultParameters.Replace("\"pilot_min_score\": 55", $"\"pilot_min_score\": {pilotMinScore}", StringComparison.Ordinal);
        var ruleSet = RuleSetJson.Load(RuleSetJson.With(parameters, RuleSetJson.Rule("up", "support", 25), RuleSetJson.Rule("stop", "blocker", 1)));

        var result = RulesEngine.Evaluate(General, ruleSet);

        Assert.Equal(expected, result.ReadinessScore);
        Assert.Equal(Verdict.NotReady, result.Verdict);
        Assert.StartsWith("Blocked: Message of stop.", result.VerdictReason, StringComparison.Ordinal);
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
        Assert.Equal(51, result.ReadinessScore);
    }

    [Fact]
    public void Evaluate_FiredRule_CarriesWeightSignedContributionMessageCitationAndSignal()
    {
        var ruleSet = RuleSetJson.Load(RuleSetJson.With(rules:
        [
            RuleSetJson.Rule("for", "support", 6, "pilot_first"),
            RuleSetJson.Rule("against", "oppose", 2),
            RuleSetJson.Rule("stop", "blocker", 3, "retrieval"),
        ]));

        var fired = RulesEngine.Evaluate(General, ruleSet).FiredRules;

        Assert.Equal(
            [("for", RuleEffect.Support, 6.0, 6.0, RuleSignal.PilotFirst), ("against", RuleEffect.Oppose, 2.0, -2.0, null), ("stop", RuleEffect.Blocker, 3.0, -3.0, RuleSignal.Retrieval)],
            fired.Select(r => (r.Id, r.Effect, r.Weight, r.Contribution, r.Signal)));
        Assert.All(fired, r => Assert.Equal($"Message of {r.Id}.", r.Message));
        Assert.All(fired, r => Assert.Equal("When to Fine-Tune #1", r.Citation));
        Assert.All(fired, r => Assert.Equal("specialized_domain", r.Criterion));
    }

    /// <summary>docs/scoring.md, formula step 3: clamp(round(50 + 5 × net), 0, 100); the reason is the weightiest rule's message.</summary>
    [Fact]
    public void Evaluate_Criteria_ScoreFiftyPlusFivePerNetPointAndTakeTheWeightiestRulesMessage()
    {
        var ruleSet = RuleSetJson.Load(RuleSetJson.With(rules:
        [
            RuleSetJson.Rule("small-for", "support", 2),
            RuleSetJson.Rule("big-for", "support", 4),
            RuleSetJson.Rule("against", "oppose", 2),
            RuleSetJson.Rule("cost-against", "oppose", 3, criterion: "cost"),
            RuleSetJson.Rule("upkeep-for", "support", 12, criterion: "maintenance"),
            RuleSetJson.Rule("iteration-block", "blocker", 11, criterion: "continuous_iteration"),
        ]));

        var criteria = RulesEngine.Evaluate(General, ruleSet).Criteria.ToDictionary(c => c.Id, StringComparer.Ordinal);

        Assert.Equal(Criteria.All.Select(c => c.Id), criteria.Keys);
        var domain = criteria["specialized_domain"];
        Assert.Equal((70, 4.0, "Message of big-for.", "When to Fine-Tune #1"), (domain.Score, domain.NetContribution, domain.Reason, domain.Citation));
        Assert.Equal((35, -3.0, "Message of cost-against."), (criteria["cost"].Score, criteria["cost"].NetContribution, criteria["cost"].Reason));
        Assert.Equal((100, 12.0), (criteria["maintenance"].Score, criteria["maintenance"].NetContribution));
        Assert.Equal((0, -11.0), (criteria["continuous_iteration"].Score, criteria["continuous_iteration"].NetContribution));
        var untouched = criteria["expertise"];
        Assert.Equal((50, 0.0, Criteria.Find("expertise")!.NeutralReason), (untouched.Score, untouched.NetContribution, untouched.Reason));
        Assert.Equal((CriterionGroup.OtherConsiderations, CriterionGroup.WhenToFineTune), (untouched.Group, domain.Group));
    }

    /// <summary>The worked example of docs/scoring.md: 2,500 curated examples for a house style.</summary>
    [Fact]
    public void Evaluate_DocsWorkedExample_GivesPilotAt92WithTheDocumentedBreakdown()
    {
        var answers = new AnswerSet(new Dictionary<string, string>
        {
            ["use_case_summary"] = "Draft support replies in our house style.",
            ["domain"] = "business", ["output_requirements"] = "consistent_style", ["prompting_status"] = "works_but_costly",
            ["knowledge_vs_behavior"] = "behavior", ["prompt_efficiency_need"] = "medium", ["request_volume"] = "high",
            ["example_count"] = "2500", ["data_quality"] = "curated", ["data_variety"] = "moderate", ["has_eval_set"] = "true",
            ["change_frequency"] = "quarterly", ["data_sensitivity"] = "personal", ["data_rights"] = "confirmed",
            ["bias_risk"] = "low", ["bias_mitigation"] = "none", ["budget"] = "moderate", ["ml_expertise"] = "some",
            ["maintenance_capacity"] = "occasional", ["model_hosting"] = "hosted_api",
        });

        var result = TestAnswers.Evaluate(answers);

        Assert.Equal((Verdict.Pilot, 92), (result.Verdict, result.ReadinessScore));
        Assert.Equal(
            ["domain-business", "format-style", "gap-behavior", "sensitive-hosted-api", "efficiency-need-medium", "prompting-costly", "costly-at-volume",
             "data-pilot-volume", "data-curated", "change-stable", "rights-confirmed", "budget-moderate", "open-source-at-volume", "expertise-some", "eval-set-ready"],
            result.FiredRules.Select(r => r.Id));
        Assert.Equal(42, result.FiredRules.Sum(r => r.Contribution));
        Assert.StartsWith("Readiness 92 is high, but first: 2,500 examples are enough for a pilot", result.VerdictReason, StringComparison.Ordinal);
        var criteria = result.Criteria.ToDictionary(c => c.Id, c => c.Score, StringComparer.Ordinal);
        Assert.Equal((100, 95, 30, 50), (criteria["efficiency"], criteria["custom_format"], criteria["privacy_security_fairness"], criteria["overfitting"]));
        Assert.Equal(
            [
                "Check the provider's data-processing terms, or remove personal data from the training set.",
                "Collect about 7,500 more curated examples to reach 10,000 for a robust production model.",
                "Compare API costs at your volume with fine-tuning and hosting an open-source model, maintenance included.",
            ],
            result.NextSteps);
    }

    [Fact]
    public void Evaluate_NextSteps_BlockersFirstThenByWeightWithoutDuplicates()
    {
        var ruleSet = RuleSetJson.Load(RuleSetJson.With(rules:
        [
            RuleSetJson.Rule("light", "support", 1, nextStep: "Light step."),
            RuleSetJson.Rule("heavy", "oppose", 9, nextStep: "Heavy step.", risk: "Shared risk."),
            RuleSetJson.Rule("again", "support", 5, nextStep: "Light step.", risk: "Shared risk."),
            RuleSetJson.Rule("block", "blocker", 0, nextStep: "Blocker step, {pilot_examples} rows."),
        ]));

        var result = RulesEngine.Evaluate(General, ruleSet);

        Assert.Equal(["Blocker step, 1,000 rows.", "Heavy step.", "Light step."], result.NextSteps);
        Assert.Equal(["Shared risk."], result.Risks);
        Assert.Equal(7, result.RuleSetVersion);
    }

    [Theory]
    [InlineData(0, "limited-data", "data-pilot-volume")]
    [InlineData(999, "limited-data", "data-pilot-volume")]
    [InlineData(1000, "data-pilot-volume", "limited-data")]
    [InlineData(9999, "data-pilot-volume", "data-production-volume")]
    [InlineData(10000, "data-production-volume", "data-pilot-volume")]
    public void Evaluate_DefaultExampleThresholds_FireTheRuleForTheirSide(long examples, string fires, string doesNotFire)
    {
        var answers = GoldenCaseFileAnswers().With("example_count", TestAnswers.Text(examples));

        var fired = TestAnswers.Evaluate(answers).FiredRules.Select(r => r.Id).ToList();

        Assert.Contains(fires, fired);
        Assert.DoesNotContain(doesNotFire, fired);
    }

    [Theory]
    [InlineData("rarely", "change-stable")]
    [InlineData("quarterly", "change-stable")]
    [InlineData("monthly", "change-monthly")]
    [InlineData("weekly", "change-weekly")]
    [InlineData("daily", "change-fast")]
    [InlineData("realtime", "change-fast")]
    public void Evaluate_ChangeFrequency_FiresExactlyOneFreshnessRule(string frequency, string expected)
    {
        var answers = GoldenCaseFileAnswers().With("change_frequency", frequency);

        var freshness = TestAnswers.Evaluate(answers).FiredRules.Where(r => r.Criterion == "rapidly_changing_information").Select(r => r.Id);

        Assert.Equal([expected], freshness);
    }

    [Fact]
    public void Evaluate_DefaultRulesWithoutExampleCount_TreatsItAsNoneAndAsksForAPilotsWorth()
    {
        var answers = new AnswerSet(GoldenCaseFileAnswers().Where(a => a.Key != "example_count"));

        var result = TestAnswers.Evaluate(answers);

        Assert.Contains("limited-data", result.FiredRules.Select(r => r.Id));
        Assert.Contains(result.FiredRules, r => r.Message.StartsWith("Only (not answered) examples", StringComparison.Ordinal));
        Assert.Contains("Collect about 1,000 more high-quality examples to reach about 1,000 for a pilot.", result.NextSteps);
        Assert.Equal(Verdict.NotReady, result.Verdict);
    }

    [Fact]
    public void Evaluate_DefaultRules_RendersAnswersIntoMessages()
    {
        var answers = GoldenCaseFileAnswers().With("example_count", "2500").With("change_frequency", "realtime");

        var result = TestAnswers.Evaluate(answers);

        Assert.Contains("2,500 examples are enough for a pilot (about 1,000) but short of the 10,000 or so for production.", result.FiredRules.Select(r => r.Message));
        Assert.Contains("Information that changes continuously goes stale in a fine-tuned model; retrieval keeps answers current.", result.FiredRules.Select(r => r.Message));
        Assert.Contains("Collect about 7,500 more curated examples to reach 10,000 for a robust production model.", result.NextSteps);
    }

    [Fact]
    public void Evaluate_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => RulesEngine.Evaluate(null!, TestAnswers.DefaultRules));
        Assert.Throws<ArgumentNullException>(() => RulesEngine.Evaluate(AnswerSet.Empty, null!));
    }

    /// <summary>A strong, complete profile: the legal-contract golden case.</summary>
    private static AnswerSet GoldenCaseFileAnswers() => GoldenCases.GoldenCaseFile.Named("legal-contract-clause-extraction").Answers;
}
