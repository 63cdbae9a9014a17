using System.Globalization;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// A rule's weight is 0 (the rule counts for nothing) or at least <see cref="Precision"/>: results show contributions
/// to two decimals, and a weight such as 0.001, or 1e-400 (which a double stores as 0), would look like a weight to
/// whoever typed it while counting for nothing in every result.
/// </summary>
public static class WeightCheck
{
    public const double Precision = 0.01;

    /// <summary>
    /// True when the weight, as <paramref name="typed"/> and as read (<paramref name="value"/>), is not zero but would be
    /// stored or shown as 0.
    /// </summary>
    public static bool RoundsToZero(string? typed, double value) =>
        value == 0 ? typed is not null && HasNonZeroDigit(typed) : Math.Abs(value) < Precision / 2;

    public static string Message(string typed) =>
        $"{typed} rounds to 0 in every result: enter 0 to give the rule no weight, or at least {Precision.ToString(CultureInfo.InvariantCulture)}.";

    /// <summary>A digit 1–9 before any exponent: "1e-400" and "0.0001" are not zero as typed, "0.0e5" is.</summary>
    private static bool HasNonZeroDigit(string typed)
    {
        foreach (var c in typed)
        {
            if (c is 'e' or 'E')
            {
                return false;
            }

            if (c is >= '1' and <= '9')
            {
                return true;
            }
        }

        return false;
    }
}
