using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

public class DefaultRuleSetTests
{
    /// <summary>The criterion ids of the product spec, "Criteria (ids used in results)".</summary>
    private static readonly string[] SpecCriteria =
    [
        "specialized_domain", "custom_format", "privacy_security_fairness", "efficiency", "sufficient_data",
        "limited_data", "rapidly_changing_information", "ethical_compliance_risk",
        "cost", "expertise", "maintenance", "overfitting", "open_source", "continuous_iteration",
    ];

    private static RuleSet Rules => TestAnswers.DefaultRules;

    [Fact]
    public void LoadDefault_Parameters_AreTheArticlesThresholds()
    {
        // When Not to Fine-Tune #1: "1000 rows can get you an answer", "about 10,000 ... robust production model";
        // When Not to Fine-Tune #2: daily or faster points to retrieval.
        Assert.Equal(1000, Rules.Number(RequiredParameters.PilotExamples));
        Assert.Equal(10000, Rules.Number(RequiredParameters.ProductionExamples));
        Assert.Equal("daily", Rules.Text(RequiredParameters.RetrievalChangeFrequency));
        // Other Considerations: Continuous iteration: "tens of thousands of examples for more complex or specialized tasks".
        Assert.Equal((1.0, 0.5), (Rules.Number(RequiredParameters.ProductionBonusSpecialized), Rules.Number(RequiredParameters.ProductionBonusStrictFormat)));
        // Raw and partly reviewed rows count at a discount; "not sure" like partly reviewed (its hint says so).
        Assert.Equal((0.1, 0.4, 1.0, 0.4), (Rules.Number(RequiredParameters.QualityFactorRaw), Rules.Number(RequiredParameters.QualityFactorPartiallyReviewed),
            Rules.Number(RequiredParameters.QualityFactorCurated), Rules.Number(RequiredParameters.QualityFactorNotSure)));
        Assert.True(Rules.Version >= 1);
        Assert.False(string.IsNullOrWhiteSpace(Rules.Name));
    }

    [Fact]
    public void Criteria_All_AreExactlyTheSpecsCriterionIds()
    {
        Assert.Equal(SpecCriteria, Criteria.All.Select(c => c.Id));
    }

    [Fact]
    public void DefaultRuleSet_EverySpecCriterion_HasAtLeastOneRule()
    {
        var served = Rules.Rules.Select(r => r.Criterion).ToHashSet(StringComparer.Ordinal);

        var orphans = SpecCriteria.Where(c => !served.Contains(c)).ToList();

        Assert.True(orphans.Count == 0, $"criteria without a rule: {string.Join(", ", orphans)}");
    }

    [Fact]
    public void DefaultRuleSet_EveryCitation_NamesAnArticleSection()
    {
        var citations = Rules.Rules.Select(r => (What: $"rule {r.Id}", r.Citation))
            .Concat(Criteria.All.Select(c => (What: $"criterion {c.Id}", c.Citation)))
            .Concat(QuestionCatalogue.Questions.Select(q => (What: $"question {q.Id}", q.Citation)));

        var bad = citations.Where(c => !ArticleSections.IsSection(c.Citation)).Select(c => $"{c.What}: '{c.Citation}'").ToList();

        Assert.True(bad.Count == 0, "citations that name no article section:" + Environment.NewLine + string.Join(Environment.NewLine, bad));
    }

    [Fact]
    public void DefaultRuleSet_EveryRule_FiresForSomeAnswerSet()
    {
        var fired = TestAnswers.CorpusResults
            .SelectMany(e => e.Result.FiredRules.Select(r => r.Id))
            .ToHashSet(StringComparer.Ordinal);

        var neverFired = Rules.Rules.Where(r => !fired.Contains(r.Id)).Select(r => r.Id).ToList();

        Assert.True(neverFired.Count == 0, $"rules that never fire over {TestAnswers.Corpus.Count} answer sets: {string.Join(", ", neverFired)}");
    }

    /// <summary>
    /// Every verdict and stage is reached by the golden cases and by their one-answer neighbours. Random answer sets
    /// reach every verdict but a production fine-tune, which needs everything at once (as it should).
    /// </summary>
    [Fact]
    public void DefaultRuleSet_EveryVerdictAndStage_IsReachedByGoldenCasesTheirNeighboursAndMostlyByTheGenerator()
    {
        static HashSet<(Verdict, FineTuneStage)> Reached(IEnumerable<AssessmentResult> results) => [.. results.Select(r => (r.Verdict, r.FineTuneStage!.Value))];
        var all = Verdicts.All.SelectMany(v => Verdicts.StagesOf(v.Verdict).Select(s => (v.Verdict, s))).ToList();
        var fromGolden = Reached(GoldenCaseFile.All.Select(c => TestAnswers.Evaluate(c.Answers)));
        var fromNeighbours = Reached(TestAnswers.CorpusResults.Where(e => e.Source == CorpusSource.Neighbour).Select(e => e.Result));
        var generated = TestAnswers.CorpusResults.Where(e => e.Source == CorpusSource.Generated).ToList();
        var fromGenerator = generated.Select(e => e.Result.Verdict).ToHashSet();

        Assert.Equal(TestAnswers.GeneratedCount, generated.Count);
        Assert.True(all.All(fromGolden.Contains), $"golden cases miss: {string.Join(", ", all.Except(fromGolden))}");
        Assert.True(all.All(fromNeighbours.Contains), $"neighbours miss: {string.Join(", ", all.Except(fromNeighbours))}");
        Assert.Equal(Verdicts.All.Select(v => v.Verdict).Where(v => v != Verdict.FineTune).Order(), fromGenerator.Where(v => v != Verdict.FineTune).Order());
    }

    /// <summary>
    /// The spec and issue 9: blockers (too few effective examples, rights not confirmed, unclear included, high bias risk
    /// or regulated data without mitigation) are explicit rules.
    /// </summary>
    [Theory]
    [InlineData("limited-data", "limited_data")]
    [InlineData("rights-none", "ethical_compliance_risk")]
    [InlineData("rights-unclear", "ethical_compliance_risk")]
    [InlineData("bias-unmitigated", "ethical_compliance_risk")]
    [InlineData("bias-high-planned", "ethical_compliance_risk")]
    [InlineData("regulated-unconfirmed", "ethical_compliance_risk")]
    public void DefaultRuleSet_EachNotReadyReason_IsAnExplicitBlockerWithAStepThatRemovesIt(string ruleId, string criterion)
    {
        var rule = Rules.Rules.Single(r => r.Id == ruleId);

        Assert.Equal((RuleEffect.Blocker, criterion), (rule.Effect, rule.Criterion));
        Assert.True(rule.Enabled);
        Assert.Contains(Rules.Steps, s => s.Group == StepGroup.RemoveFirst && s.Serves(Verdict.NotReady, FineTuneStage.Blocked) && s.Serves(Verdict.Rag, FineTuneStage.Blocked)
                                          && s.When?.ToString().Contains($"\"fired\":\"{ruleId}\"", StringComparison.Ordinal) == true);
    }

    /// <summary>not_ready is for data that is too thin, and for ethical or compliance risk: blockers serve only those criteria.</summary>
    [Fact]
    public void DefaultRuleSet_Blockers_ServeOnlyTheCriteriaOfNotReadyReasons()
    {
        var blockers = Rules.Rules.Where(r => r.Effect == RuleEffect.Blocker).ToList();

        Assert.Equal(6, blockers.Count);
        Assert.All(blockers, r => Assert.Contains(r.Criterion, new[] { "limited_data", "ethical_compliance_risk" }));
    }

    /// <summary>Schema 2 keeps the plan apart from the rules: every step declares verdicts, a blocker's step names its rule.</summary>
    [Fact]
    public void DefaultRuleSet_Steps_DeclareVerdictsAndCiteTheArticle()
    {
        Assert.All(Rules.Steps, s =>
        {
            Assert.NotEmpty(s.Verdicts);
            Assert.True(ArticleSections.IsSection(s.Citation), $"step {s.Id}: '{s.Citation}'");
        });
        Assert.All(Verdicts.All, v => Assert.Contains(Rules.Steps, s => s.Verdicts.Contains(v.Verdict)));
    }

    /// <summary>Every unsure answer has a step that settles it, for every verdict where the answer can matter.</summary>
    [Fact]
    public void DefaultRuleSet_EveryUnsureAnswer_HasAStepThatResolvesIt()
    {
        var resolvable = QuestionCatalogue.Questions.Where(q => q.Choices.Any(c => c.Unsure)).Select(q => q.Id);

        Assert.All(resolvable, id => Assert.Contains(Rules.Steps, s => s.Resolves == id));
    }

    [Fact]
    public void DefaultRuleSet_EveryQuestionButTheSummary_CanChangeWhichRulesFire()
    {
        var inert = new List<string>();
        // The cost questions feed the cost estimate, not the rules; requests a month decides the request volume.
        foreach (var question in QuestionCatalogue.Questions.Where(q => q.Type != QuestionType.Text && (!q.Optional || q.Id == FineTuneAdvisor.Scoring.Costs.CostAnswers.RequestsPerMonth)))
        {
            var matters = GoldenCaseFile.All.Any(c =>
                TestAnswers.ValuesOf(question)
                    .Select(v => string.Join(",", RulesEngine.Fire(c.Answers.With(question.Id, v), Rules).Select(r => r.Id)))
                    .Distinct(StringComparer.Ordinal)
                    .Count() > 1);
            if (!matters)
            {
                inert.Add(question.Id);
            }
        }

        Assert.True(inert.Count == 0, $"questions no rule reads: {string.Join(", ", inert)}");
    }

    [Fact]
    public void DefaultRuleSet_Signals_EachVerdictDrivingSignalIsUsed()
    {
        var signals = Rules.Rules.Where(r => r.Signal is not null).Select(r => r.Signal!.Value).ToHashSet();

        Assert.Superset(new HashSet<RuleSignal> { RuleSignal.Retrieval, RuleSignal.Prompting, RuleSignal.Behavior, RuleSignal.PilotFirst }, signals);
    }
}
