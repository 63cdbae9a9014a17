using FineTuneAdvisor.Scoring.Evaluation;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A rule's weight given in part, rising smoothly with a measure on a log scale: none at or below <see cref="From"/>,
/// all of it at or above <see cref="To"/>, log-linear between (so 100 → 1,000 is as far as 1,000 → 10,000). A
/// supporting rule adds <c>weight × fraction</c>; an opposing rule or blocker takes away <c>weight × (1 − fraction)</c>,
/// fading out as the measure rises. Ramps instead of thresholds keep the score free of cliffs.
/// </summary>
public sealed record Ramp(Measure Measure, Quantity From, Quantity To)
{
    internal double Fraction(Facts facts)
    {
        var value = facts.Measure(Measure);
        var from = Math.Max(1, From.ValueIn(facts));
        var to = To.ValueIn(facts);
        if (!(value > from))
        {
            return 0;
        }

        if (value >= to)
        {
            return 1;
        }

        return Math.Log(value / from) / Math.Log(to / from);
    }
}
