using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

public sealed class ComparisonsTests
{
    private static readonly RuleSet Rules = RuleSetLoader.LoadDefault();

    private static Dictionary<string, string> Pilot() => new(StringComparer.Ordinal)
    {
        ["use_case_summary"] = "Tickets to SQL", ["domain"] = "specialized", ["output_requirements"] = "strict_format",
        ["prompting_status"] = "insufficient", ["knowledge_vs_behavior"] = "behavior", ["prompt_efficiency_need"] = "high",
        ["request_volume"] = "high", ["example_count"] = "2500", ["data_quality"] = "curated", ["data_variety"] = "broad",
        ["has_eval_set"] = "true", ["change_frequency"] = "rarely", ["data_sensitivity"] = "internal", ["data_rights"] = "confirmed",
        ["bias_risk"] = "low", ["budget"] = "substantial", ["ml_expertise"] = "dedicated_team",
        ["maintenance_capacity"] = "ongoing", ["model_hosting"] = "hosted_api",
    };

    [Fact]
    public void Compare_MoreExamplesCollected_ShowsTheAnswerVerdictScoreCriterionAndRulesThatMoved()
    {
        var before = Pilot();
        var after = new Dictionary<string, string>(before) { ["example_count"] = "30000" };

        var comparison = Comparisons.Compare(
            before, RulesEngine.Evaluate(new AnswerSet(before), Rules),
            after, RulesEngine.Evaluate(new AnswerSet(after), Rules));

        Assert.Equal([new AnswerChange("example_count", "2500", "30000")], comparison.ChangedAnswers);
        Assert.Equal(Verdict.Pilot, comparison.VerdictBefore);
        Assert.Equal(Verdict.FineTune, comparison.VerdictAfter);
        Assert.Equal(comparison.ScoreAfter - comparison.ScoreBefore, comparison.ScoreDelta);
        Assert.Contains(comparison.RulesStarted, r => r.Id == "data-production-volume");
        Assert.Contains(comparison.RulesStopped, r => r.Id == "data-toward-production");
        var data = comparison.Criteria.Single(c => c.Id == "sufficient_data");
        Assert.True(data.Delta > 0, $"sufficient_data moved {data.Delta}");
        Assert.Equal(Criteria.All.Count, comparison.Criteria.Count);
    }

    [Fact]
    public void Compare_SameAnswers_ShowsNothingMoved()
    {
        var answers = Pilot();
        var result = RulesEngine.Evaluate(new AnswerSet(answers), Rules);

        var comparison = Comparisons.Compare(answers, result, answers, result);

        Assert.Empty(comparison.ChangedAnswers);
        Assert.Empty(comparison.RulesStarted);
        Assert.Empty(comparison.RulesStopped);
        Assert.Equal(0, comparison.ScoreDelta);
        Assert.All(comparison.Criteria, c => Assert.Equal(0, c.Delta));
    }
}
