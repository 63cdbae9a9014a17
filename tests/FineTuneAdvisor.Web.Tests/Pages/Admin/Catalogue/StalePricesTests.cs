using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue;

/// <summary>The "prices older than 90 days" warning follows the injected clock, on the catalogue page and the overview.</summary>
public sealed class StalePricesTests : IDisposable
{
    // The seed's Vertex prices were checked on 2026-03-09 and the OpenAI ones on 2026-11-30.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public StalePricesTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    private async Task<List<string>> StaleOnCatalogueAsync()
    {
        var client = await _app.CreateAdminClientAsync();
        var page = await client.GetDocumentAsync("/admin/catalogue");
        return [.. page.QuerySelectorAll(".catalogue-stale li strong").Select(s => s.TextContent)];
    }

    private async Task<string?> OverviewWarningAsync()
    {
        var client = await _app.CreateAdminClientAsync();
        return (await client.GetDocumentAsync("/admin")).QuerySelector(".catalogue-stale")?.TextContent;
    }

    [Fact]
    public async Task Warning_MovesWithTheClock_ModelsNamedOnlyOnceTheirCheckIsMoreThan90DaysOld()
    {
        // 2026-06-07 is 90 days after 2026-03-09: not yet stale.
        var day90 = await StaleOnCatalogueAsync();
        Assert.DoesNotContain("Gemini 2.5 Flash", day90);
        Assert.DoesNotContain(day90, n => n.StartsWith("GPT-4o mini", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromDays(1));
        var day91 = await StaleOnCatalogueAsync();
        Assert.Contains("Gemini 2.5 Flash", day91);
        Assert.DoesNotContain(day91, n => n.StartsWith("GPT-4o mini", StringComparison.Ordinal));
        Assert.Contains("Gemini 2.5 Flash", await OverviewWarningAsync() ?? "", StringComparison.Ordinal);

        // 2027-03-01 is 91 days after 2026-11-30: now every model is named, OpenAI's too.
        _time.SetUtcNow(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var later = await StaleOnCatalogueAsync();
        Assert.Equal(12, later.Count);
        Assert.Contains("GPT-4o mini (2024-07-18)", later);
        Assert.Contains("GPT-4o mini (2024-07-18)", await OverviewWarningAsync() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warning_EveryCheckRecent_NoWarningAnywhere()
    {
        // Within 90 days of the oldest seed check (2025-07-03) nothing is stale.
        _app.Time = new FakeTimeProvider(new DateTimeOffset(2025, 7, 20, 0, 0, 0, TimeSpan.Zero));
        var client = await _app.CreateAdminClientAsync();

        Assert.Null((await client.GetDocumentAsync("/admin/catalogue")).QuerySelector(".catalogue-stale"));
        Assert.Null(await OverviewWarningAsync());
    }
}
