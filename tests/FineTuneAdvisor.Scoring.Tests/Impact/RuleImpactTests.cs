using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Impact;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Impact;

/// <summary>The publish preview's numbers: every golden case re-scored with the published rules and with a draft.</summary>
public sealed class RuleImpactTests
{
    private static readonly DateTime Saved = new(2027, 3, 1, 9, 30, 0, DateTimeKind.Utc);

    private static List<ImpactInput> Golden() =>
        [.. GoldenCaseFile.All.Select((c, i) => new ImpactInput(c.Name, Saved.AddMinutes(i), c.Answers))];

    [Fact]
    public void Compute_DraftEqualToPublished_ChangesNothing()
    {
        var rules = TestAnswers.DefaultRules;

        var report = RuleImpact.Compute(Golden(), rules, RuleSetLoader.LoadOrThrow(rules.Json));

        Assert.Equal(GoldenCaseFile.All.Count, report.Assessed);
        Assert.Empty(report.Changes);
        Assert.Empty(report.Transitions);
        Assert.Equal(0, report.MeanScoreShift);
        Assert.Equal(Criteria.All.Select(c => (c.Id, c.Title, 0.0)), report.CriterionShifts.Select(s => (s.Id, s.Title, s.MeanShift)));
    }

    /// <summary>Every number is what scoring each assessment twice by hand gives.</summary>
    [Fact]
    public void Compute_DraftThatBlocksGeneralDomainsAndRaisesTheBar_MatchesScoringEachAssessmentByHand()
    {
        var published = TestAnswers.DefaultRules;
        var json = RuleSetJson.Default();
        RuleSetJson.RuleOf(json, "domain-general")["effect"] = "blocker";
        json["parameters"]!["fine_tune_min_score"] = 95;
        var draft = RuleSetLoader.LoadOrThrow(json.ToJsonString());
        var inputs = Golden();

        var report = RuleImpact.Compute(inputs, published, draft);

        var byHand = inputs.Select(a => (a.PublicId, a.CreatedAt, From: RulesEngine.Evaluate(a.Answers, published), To: RulesEngine.Evaluate(a.Answers, draft))).ToList();
        var changed = byHand.Where(x => x.From.Verdict != x.To.Verdict).ToList();
        Assert.True(changed.Count >= 2, $"only {changed.Count} verdicts changed");
        Assert.Equal(
            changed.Select(c => new ImpactChange(c.PublicId, c.CreatedAt, c.From.Verdict, c.To.Verdict, c.From.ReadinessScore, c.To.ReadinessScore)),
            report.Changes);
        Assert.Equal(changed.Count, report.Changed);
        Assert.Equal(byHand.Average(x => (double)(x.To.ReadinessScore - x.From.ReadinessScore)), report.MeanScoreShift, 10);
        Assert.Equal(
            Criteria.All.Select((c, i) => byHand.Average(x => (double)(x.To.Criteria[i].Score - x.From.Criteria[i].Score))),
            report.CriterionShifts.Select(s => s.MeanShift),
            new ToleranceComparer(1e-10));
        Assert.Equal(changed.Count, report.Transitions.Sum(t => t.Count));
        Assert.All(report.Transitions, t => Assert.Equal(changed.Count(c => c.From.Verdict == t.From && c.To.Verdict == t.To), t.Count));
    }

    [Fact]
    public void Compute_Transitions_MostFrequentFirstThenByVerdictCode()
    {
        var published = RuleSetJson.Load(RuleSetJson.With(rules: [RuleSetJson.Rule("up", "support", 25, when: """{"question": "domain", "oneOf": ["general", "business"]}""")]));
        var draft = RuleSetJson.Load(RuleSetJson.With(rules:
        [
            RuleSetJson.Rule("up", "support", 25, when: """{"question": "domain", "oneOf": ["general", "business"]}"""),
            RuleSetJson.Rule("stop", "blocker", 0, when: """{"question": "domain", "equals": "general"}"""),
            RuleSetJson.Rule("retrieve", "support", 0, "retrieval", when: """{"question": "domain", "equals": "business"}"""),
        ]));
        ImpactInput Input(string id, string domain) => new(id, Saved, new([new("domain", domain)]));

        var report = RuleImpact.Compute([Input("b1", "business"), Input("g1", "general"), Input("g2", "general"), Input("s1", "specialized")], published, draft);

        Assert.Equal(
            [new VerdictTransition(Verdict.Pilot, Verdict.NotReady, 2), new VerdictTransition(Verdict.Pilot, Verdict.Rag, 1)],
            report.Transitions);
        Assert.Equal(["b1", "g1", "g2"], report.Changes.Select(c => c.PublicId));
    }

    [Fact]
    public void Compute_NoAssessments_ReportsZeroShiftsRatherThanNaN()
    {
        var report = RuleImpact.Compute([], TestAnswers.DefaultRules, TestAnswers.DefaultRules);

        Assert.Equal((0, 0, 0.0), (report.Assessed, report.Changed, report.MeanScoreShift));
        Assert.All(report.CriterionShifts, s => Assert.Equal(0.0, s.MeanShift));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
