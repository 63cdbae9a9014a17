using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>A model whose oldest figure was last checked <see cref="DaysOld"/> days ago.</summary>
public sealed record StaleModel(string Id, string Name, DateOnly OldestCheck, int DaysOld);

/// <summary>
/// The "prices older than 90 days" warning of the catalogue page and the admin overview: every model with a figure
/// (training, prompting or fine-tuned prices, or its status) last checked more than <see cref="MaxAgeDays"/> days
/// before the clock's day, oldest first. Prices move; an estimate on a year-old price list misleads.
/// </summary>
public static class StalePrices
{
    public const int MaxAgeDays = 90;

    public static IReadOnlyList<StaleModel> Find(ProviderCatalogue catalogue, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return [.. catalogue.Models
            .Select(m => new StaleModel(m.Id, m.Name, m.OldestCheck, today.DayNumber - m.OldestCheck.DayNumber))
            .Where(m => m.DaysOld > MaxAgeDays)
            .OrderByDescending(m => m.DaysOld)
            .ThenBy(m => m.Name, StringComparer.Ordinal)];
    }
}
