using System.Globalization;
using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>
/// The geometry of the "cost over time" chart: both paths' cumulative cost at every month of the horizon, in a
/// 400 × 250 view box (small enough that its 12-pixel labels stay readable on a 390-pixel phone). The y axis starts at
/// $0 and ends at a round amount; the markup (_CostChart.cshtml) only draws what this computes.
/// </summary>
public sealed class CostChart
{
    public const int Width = 400;
    public const int Height = 250;
    public const int Left = 64;
    public const int Right = 12;
    public const int Top = 14;
    public const int Bottom = 36;

    private CostChart(IReadOnlyList<CostPoint> points, decimal months, decimal maxAmount, decimal? breakEvenMonths)
    {
        Points = points;
        Months = months;
        MaxAmount = maxAmount;
        BreakEvenMonths = breakEvenMonths is { } b && b <= months ? b : null;
    }

    public IReadOnlyList<CostPoint> Points { get; }

    public decimal Months { get; }

    /// <summary>The top of the y axis: a round amount at or above every point.</summary>
    public decimal MaxAmount { get; }

    /// <summary>Where the lines cross, when that is within the horizon.</summary>
    public decimal? BreakEvenMonths { get; }

    public static CostChart? For(CostEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        if (estimate.Timeline.Count < 2 || estimate.Horizon.Months <= 0m)
        {
            return null;
        }

        var highest = estimate.Timeline.Max(p => Math.Max(p.Prompting, p.FineTuned));
        return new CostChart(estimate.Timeline, estimate.Horizon.Months, NiceCeiling(highest), estimate.BreakEven.Months);
    }

    public static decimal PlotWidth => Width - Left - Right;

    public static decimal PlotHeight => Height - Top - Bottom;

    public string X(decimal month) => N(Left + month / Months * PlotWidth);

    public string Y(decimal amount) => N(Top + PlotHeight - (MaxAmount == 0m ? 0m : amount / MaxAmount * PlotHeight));

    public string Line(Func<CostPoint, decimal> amount) => string.Join(" ", Points.Select(p => $"{X(p.Month)},{Y(amount(p))}"));

    /// <summary>Five amounts from $0 to the top of the axis.</summary>
    public IReadOnlyList<decimal> AmountTicks => [.. Enumerable.Range(0, 5).Select(i => MaxAmount * i / 4)];

    /// <summary>Whole months, at most seven labels so that they never collide.</summary>
    public IReadOnlyList<int> MonthTicks
    {
        get
        {
            var whole = (int)decimal.Floor(Months);
            var step = Math.Max(1, (int)Math.Ceiling(whole / 6.0));
            return [.. Enumerable.Range(0, whole / step + 1).Select(i => i * step)];
        }
    }

    /// <summary>$1.2k, $35, $0.40: short labels for the y axis.</summary>
    public static string AxisLabel(decimal amount) =>
        amount >= 1_000_000m ? $"${(amount / 1_000_000m).ToString("0.#", CultureInfo.InvariantCulture)}M"
        : amount >= 1_000m ? $"${(amount / 1_000m).ToString("0.#", CultureInfo.InvariantCulture)}k"
        : amount >= 10m || amount == 0m ? $"${amount.ToString("0", CultureInfo.InvariantCulture)}"
        : $"${amount.ToString("0.##", CultureInfo.InvariantCulture)}";

    /// <summary>1, 2, 2.5 or 5 times a power of ten, at or above <paramref name="value"/> (1 for nothing to show).</summary>
    public static decimal NiceCeiling(decimal value)
    {
        if (value <= 0m)
        {
            return 1m;
        }

        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)value)));
        foreach (var step in new[] { 1m, 2m, 2.5m, 5m, 10m })
        {
            if (power * step >= value)
            {
                return power * step;
            }
        }

        return power * 10m;
    }

    private static string N(decimal value) => decimal.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
