using System.Globalization;

namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>How amounts, counts and days read in messages: invariant, whatever the server's culture.</summary>
internal static class CostText
{
    public static string Count(decimal value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>$4.50, $0.000435: cents when there are any, then as many places as the amount needs (up to 8).</summary>
    public static string Money(decimal amount) =>
        "$" + (decimal.Round(amount, 2) == amount
            ? amount.ToString("N2", CultureInfo.InvariantCulture)
            : amount.ToString("#,0.00######", CultureInfo.InvariantCulture));

    /// <summary>6 January 2027.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Number(decimal value, int places) =>
        decimal.Round(value, places, MidpointRounding.AwayFromZero).ToString("#,0.##########", CultureInfo.InvariantCulture);
}
