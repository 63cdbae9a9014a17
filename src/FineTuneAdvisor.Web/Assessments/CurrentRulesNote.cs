using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// "Scored with rule-set version N; the current rules (version M) would say X": shown on a saved assessment
/// whose verdict the active rules would now change. The stored result itself never changes.
/// </summary>
public sealed record CurrentRulesNote(int ScoredWith, int CurrentVersion, VerdictText Verdict)
{
    /// <summary>Null when the assessment was scored with the current rules or they agree. Evaluating is pure and fast.</summary>
    public static CurrentRulesNote? For(StoredAssessment assessment, RuleSet current)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(current);
        if (assessment.Result.RuleSetVersion == current.Version)
        {
            return null;
        }

        var now = RulesEngine.Evaluate(new AnswerSet(assessment.Answers), current);
        return now.Verdict == assessment.Result.Verdict
            ? null
            : new CurrentRulesNote(assessment.Result.RuleSetVersion, current.Version, Verdicts.Of(now.Verdict));
    }
}
