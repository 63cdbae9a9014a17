using System.Net;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue.AdminCatalogue;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue;

/// <summary>A catalogue published through one instance reaches the estimates of another on the same database within RuleSets:RefreshSeconds.</summary>
public sealed class CatalogueRefreshTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _a;
    private readonly AdvisorAppFactory _b;

    public CatalogueRefreshTests()
    {
        _a = new AdvisorAppFactory { Time = _time }.WithSetting("RuleSets:RefreshSeconds", "5");
        _b = new AdvisorAppFactory { Time = _time }.WithSetting("RuleSets:RefreshSeconds", "5").WithSetting("ConnectionStrings:Default", _a.ConnectionString);
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }

    [Fact]
    public async Task Publish_ThroughOneInstance_TheOthersEstimatesUseTheNewPricesAfterTheRefreshInterval()
    {
        var admin = await _a.CreateAdminClientAsync();
        var other = _b.CreateBrowserClient();
        Assert.Equal(0.0003m, (await EstimateAsync(other)).GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
        using (var saved = await SaveAsync(admin, new Dictionary<(string, string), string> { [(Mini, "FineTunedInput")] = "0.60" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var published = await PublishAsync(admin))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        Assert.Equal(0.00036m, (await EstimateAsync(admin)).GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
        Assert.Equal(0.0003m, (await EstimateAsync(other)).GetProperty("perCall").GetProperty("fineTuned").GetDecimal());

        _time.Advance(TimeSpan.FromSeconds(5));
        for (var attempt = 0; attempt < 1200 && _b.Services.GetRequiredService<ActiveCatalogue>().Current.Version != 2; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, _b.Services.GetRequiredService<ActiveCatalogue>().Current.Version);
        Assert.Equal(0.00036m, (await EstimateAsync(other)).GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
        Assert.Contains(_b.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Provider-catalogue version {Version}, published by another instance", StringComparison.Ordinal));
    }
}
