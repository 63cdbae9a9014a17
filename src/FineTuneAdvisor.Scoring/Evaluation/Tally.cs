using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// Which rules fired, what each contributed (by position in the rule set), and the running sums the procedure reads:
/// the case and team sums, how many fired rules carry each signal, how many blockers fired. The hinge search keeps the
/// tally of the answers as given, copies it, and re-fires only the rules a changed answer can affect, adjusting the
/// sums as it goes instead of adding everything up again.
/// </summary>
internal sealed class Tally(int rules)
{
    private static readonly int SignalCount = Enum.GetValues<RuleSignal>().Length;

    private readonly int[] _signals = new int[SignalCount];
    private double _caseSum;
    private double _teamSum;
    private int _blockers;

    public bool[] Fired { get; } = new bool[rules];
    public double[] Contributions { get; } = new double[rules];

    public void CopyFrom(Tally other)
    {
        Array.Copy(other.Fired, Fired, Fired.Length);
        Array.Copy(other.Contributions, Contributions, Contributions.Length);
        Array.Copy(other._signals, _signals, SignalCount);
        (_caseSum, _teamSum, _blockers) = (other._caseSum, other._teamSum, other._blockers);
    }

    /// <summary>Fires (or not) the rule at this position for these facts, replacing what it did before.</summary>
    public void Fire(Rule rule, int position, Facts facts)
    {
        if (Fired[position])
        {
            Count(rule, -Contributions[position], -1);
        }

        var fires = rule.Enabled && rule.When.Holds(facts);
        Fired[position] = fires;
        Contributions[position] = fires ? rule.ContributionIn(facts) : 0;
        if (fires)
        {
            Count(rule, Contributions[position], 1);
        }
    }

    private void Count(Rule rule, double contribution, int count)
    {
        if (rule.Dimension == Dimension.Case)
        {
            _caseSum += contribution;
        }
        else
        {
            _teamSum += contribution;
        }

        if (rule.Signal is { } signal)
        {
            _signals[(int)signal] += count;
        }

        if (rule.Effect == RuleEffect.Blocker)
        {
            _blockers += count;
        }
    }

    /// <summary>The scores and the verdict of this tally (docs/scoring.md, "Scores" and "The procedure").</summary>
    public Decision Conclude(ProcedureParameters procedure)
    {
        var signals = 0;
        for (var i = 0; i < SignalCount; i++)
        {
            if (_signals[i] > 0)
            {
                signals |= 1 << i;
            }
        }

        var caseScore = RulesEngine.Score(_caseSum, procedure.ScoreSpread);
        var readiness = RulesEngine.Score(_caseSum + _teamSum, procedure.ScoreSpread);
        var (verdict, stage) = RulesEngine.Procedure(signals, _blockers > 0, caseScore, readiness, procedure);
        return new Decision(verdict, stage, readiness, caseScore, RulesEngine.Score(_teamSum, procedure.ScoreSpread));
    }
}
