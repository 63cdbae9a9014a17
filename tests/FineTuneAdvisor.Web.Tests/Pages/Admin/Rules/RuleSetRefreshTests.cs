using System.Net;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;

/// <summary>
/// A rule set published through one instance becomes active on another instance of the same database within
/// RuleSets:RefreshSeconds, without a restart and without a query per request.
/// </summary>
public sealed class RuleSetRefreshTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _a;
    private readonly AdvisorAppFactory _b;

    public RuleSetRefreshTests()
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
    public async Task Publish_ThroughOneInstance_ScoresTheOthersNextAssessmentsAfterTheRefreshInterval()
    {
        var admin = await _a.CreateAdminClientAsync();
        var other = _b.CreateBrowserClient();
        using (var saved = await AdminRules.SaveAsync(admin, new Dictionary<(string, string), string> { [("domain-specialized", "Weight")] = "3" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var published = await AdminRules.PublishAsync(admin))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        // Until B looks again, it scores with the version before, and says which.
        Assert.Equal(1, await ScoredVersionAsync(other));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, await ScoredVersionAsync(other));

        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => _b.Services.GetRequiredService<ActiveRuleSet>().Current.Version == 2);

        Assert.Equal(2, await ScoredVersionAsync(other));
        Assert.Contains(_b.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Rule set version {Version}, published by another instance", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    public void RefreshSeconds_OutOfRange_StopsStartUpNamingTheSetting(string seconds)
    {
        using var app = new AdvisorAppFactory().WithSetting("RuleSets:RefreshSeconds", seconds);

        var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("RuleSets:RefreshSeconds must be a whole number of seconds from 1 to 3600.", refused.ToString(), StringComparison.Ordinal);
    }

    private static async Task<int> ScoredVersionAsync(HttpClient client) =>
        (await ApiAssessments.CreateAsync(client)).Body["result"]!["ruleSetVersion"]!.GetValue<int>();

    /// <summary>The refresh runs on its own after the clock moved; a minute without the awaited state fails the test.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 1200 && !condition(); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "The other instance never picked up the published rule set.");
    }
}
