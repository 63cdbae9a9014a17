using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// "Scored with rule-set version N; the current rules (version M) would say X": shown on a saved assessment
/// whose verdict the active rules would now change. The stored result itself never changes.
/// </summary>
public sealed record CurrentRulesNote(int ScoredWith, int CurrentVersion, string Headline)
{
    /// <summary>
    /// Null when the assessment was scored with the current rules or they agree (the same verdict at the same stage). Only
    /// the decision is computed (<see cref="RulesEngine.Decide"/>: microseconds); the answers are the stored ones,
    /// without any the current questionnaire no longer asks.
    /// </summary>
    public static CurrentRulesNote? For(StoredAssessment assessment, RuleSet current)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(current);
        if (assessment.Result.RuleSetVersion == current.Version)
        {
            return null;
        }

        var now = RulesEngine.Decide(new AnswerSet(assessment.Answers), current);
        var then = Verdicts.Headline(assessment.Result.Verdict, assessment.Result.FineTuneStage);
        var headline = Verdicts.Headline(now.Verdict, now.FineTuneStage);
        return headline == then ? null : new CurrentRulesNote(assessment.Result.RuleSetVersion, current.Version, headline);
    }
}
