using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Admin;

/// <summary>One bar of a chart on the overview.</summary>
public sealed record Bar(string Label, int Value);

/// <summary>A server-drawn horizontal bar chart with its text alternative (a caption and the same numbers in a table).</summary>
public sealed record BarChart(string Id, string Title, string Description, IReadOnlyList<Bar> Bars);

/// <summary>Rows of the fired-blocker query.</summary>
public sealed class BlockerCount
{
    public string RuleId { get; set; } = "";
    public int Count { get; set; }
}

/// <summary>
/// The admin overview: assessments by verdict, per week over the last <see cref="Weeks"/> weeks, and the blockers
/// that fired most in that time. Bounded queries: one aggregate, one indexed count a week, one top-ten.
/// </summary>
public sealed class IndexModel(AdvisorDbContext db, DatabaseSettings settings, TimeProvider time, Costs.ActiveCatalogue catalogue) : PageModel
{
    public const int Weeks = 12;
    public const int TopBlockers = 10;

    public int Total { get; private set; }
    public BarChart ByVerdict { get; private set; } = null!;
    public BarChart PerWeek { get; private set; } = null!;
    public BarChart Blockers { get; private set; } = null!;

    /// <summary>Catalogue models whose prices were last checked more than 90 days ago (the catalogue page lists the same).</summary>
    public IReadOnlyList<Catalogue.StaleModel> StalePrices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        StalePrices = Catalogue.StalePrices.Find(catalogue.Current, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var counts = await db.Assessments.GroupBy(a => a.Verdict).Select(g => new { Verdict = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        Total = counts.Sum(c => c.Count);
        ByVerdict = new("chart-verdicts", "Assessments by verdict", $"{Total} assessments in all, by the verdict they were given.",
            [.. Verdicts.All.Select(v => new Bar(v.Headline, counts.FirstOrDefault(c => c.Verdict == v.Code)?.Count ?? 0))]);

        var start = WeekStart(time.GetUtcNow().UtcDateTime).AddDays(-7 * (Weeks - 1));
        var weeks = new List<Bar>();
        for (var i = 0; i < Weeks; i++)
        {
            var from = start.AddDays(7 * i);
            var to = from.AddDays(7);
            var count = await db.Assessments.CountAsync(a => a.CreatedAt >= from && a.CreatedAt < to, cancellationToken);
            weeks.Add(new($"Week of {from.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", count));
        }

        PerWeek = new("chart-weeks", $"Assessments per week, last {Weeks} weeks", "Weeks start on Monday (UTC); the last one is the current week.", weeks);

        var blockers = await (settings.IsSqlite ? SqliteBlockers(start) : PostgresBlockers(start)).ToListAsync(cancellationToken);
        Blockers = new("chart-blockers", $"Most frequent blockers, last {Weeks} weeks", "How many assessments each blocker rule fired in.",
            [.. blockers.Select(b => new Bar(b.RuleId, b.Count))]);
    }

    /// <summary>The blockers in stored results, with SQLite's JSON functions; rule ids sort by code point, as on PostgreSQL.</summary>
    private IQueryable<BlockerCount> SqliteBlockers(DateTime start) => db.Database.SqlQuery<BlockerCount>($"""
        SELECT json_extract(f.value, '$.id') AS RuleId, COUNT(*) AS Count
        FROM Assessments AS a, json_each(a.ResultJson, '$.firedRules') AS f
        WHERE a.CreatedAt >= {start} AND json_extract(f.value, '$.effect') = {RuleEffect.Blocker.JsonName()}
        GROUP BY RuleId
        ORDER BY Count DESC, RuleId
        LIMIT {TopBlockers}
        """);

    /// <summary>The same with PostgreSQL's; the result is stored as text (exactly as the API returns it), read here as jsonb.</summary>
    private IQueryable<BlockerCount> PostgresBlockers(DateTime start) => db.Database.SqlQuery<BlockerCount>($"""
        SELECT b."RuleId", b."Count"
        FROM (
            SELECT f.value ->> 'id' AS "RuleId", COUNT(*)::int AS "Count"
            FROM "Assessments" AS a, jsonb_array_elements(a."ResultJson"::jsonb -> 'firedRules') AS f(value)
            WHERE a."CreatedAt" >= {start} AND f.value ->> 'effect' = {RuleEffect.Blocker.JsonName()}
            GROUP BY 1
        ) AS b
        ORDER BY b."Count" DESC, b."RuleId" COLLATE "C"
        LIMIT {TopBlockers}
        """);

    /// <summary>Monday 00:00 UTC of the week holding <paramref name="utc"/>.</summary>
    public static DateTime WeekStart(DateTime utc) => utc.Date.AddDays(-(((int)utc.DayOfWeek + 6) % 7));
}
