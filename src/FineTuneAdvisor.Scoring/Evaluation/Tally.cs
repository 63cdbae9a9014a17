using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// Which rules fired and what each contributed, by position in the rule set. The hinge search keeps the tally of the
/// answers as given, copies it, re-fires only the rules a changed answer can affect and concludes again: the same sums
/// in the same order as a full evaluation, so the same scores to the last bit.
/// </summary>
internal sealed class Tally(int rules)
{
    public bool[] Fired { get; } = new bool[rules];
    public double[] Contributions { get; } = new double[rules];

    public void CopyFrom(Tally other)
    {
        Array.Copy(other.Fired, Fired, Fired.Length);
        Array.Copy(other.Contributions, Contributions, Contributions.Length);
    }

    /// <summary>Fires (or not) the rule at this position for these facts.</summary>
    public void Fire(Rule rule, int position, Facts facts)
    {
        var fires = rule.Enabled && rule.When.Holds(facts);
        Fired[position] = fires;
        Contributions[position] = fires ? rule.ContributionIn(facts) : 0;
    }

    /// <summary>The scores and the verdict of this tally (docs/scoring.md, "Scores" and "The procedure").</summary>
    public Decision Conclude(RuleSet ruleSet)
    {
        var procedure = ruleSet.Procedure!;
        double caseSum = 0, teamSum = 0;
        var signals = 0;
        var blocked = false;
        var rules = ruleSet.Rules;
        for (var i = 0; i < Fired.Length; i++)
        {
            if (!Fired[i])
            {
                continue;
            }

            var rule = rules[i];
            if (rule.Dimension == Dimension.Case)
            {
                caseSum += Contributions[i];
            }
            else
            {
                teamSum += Contributions[i];
            }

            if (rule.Signal is { } signal)
            {
                signals |= 1 << (int)signal;
            }

            blocked |= rule.Effect == RuleEffect.Blocker;
        }

        var caseScore = RulesEngine.Score(caseSum, procedure.ScoreSpread);
        var readiness = RulesEngine.Score(caseSum + teamSum, procedure.ScoreSpread);
        var (verdict, stage) = RulesEngine.Procedure(signals, blocked, caseScore, readiness, procedure);
        return new Decision(verdict, stage, readiness, caseScore, RulesEngine.Score(teamSum, procedure.ScoreSpread));
    }
}
