using System.Net;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue;
using FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Tests.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FineTuneAdvisor.Web.Tests.Infrastructure.Redis;

/// <summary>
/// Issue 14, item 2: with <c>ConnectionStrings:Redis</c> set, instances share the output cache and the rate limits and
/// hear each other's publishes; with Redis unreachable, each goes on alone, still limiting, and says so in the log.
/// </summary>
public sealed class RedisSharedStateTests : IDisposable
{
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            _disposables[i].Dispose();
        }
    }

    /// <summary>Each host on a database of its own: a client's budget is one whatever instance it reaches.</summary>
    [Fact]
    public async Task ApiWriteLimit_IsOneBudgetAcrossInstances()
    {
        var prefix = TestRedis.NewPrefix();
        var a = Track(new AdvisorAppFactory().WithRedis(prefix).WithSetting("RateLimiting:ApiWritesPerMinute", "3"));
        var b = Track(new AdvisorAppFactory().WithRedis(prefix).WithSetting("RateLimiting:ApiWritesPerMinute", "3"));
        var throughA = a.CreateBrowserClient();
        var throughB = b.CreateBrowserClient();

        await ApiAssessments.CreateAsync(throughA);
        await ApiAssessments.CreateAsync(throughA);
        await ApiAssessments.CreateAsync(throughB);
        using var limitedOnB = await PostAssessmentAsync(throughB);
        using var limitedOnA = await PostAssessmentAsync(throughA);

        Assert.Equal(HttpStatusCode.TooManyRequests, limitedOnB.StatusCode);
        Assert.True(limitedOnB.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After {limitedOnB.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedOnA.StatusCode);

        // Another deployment on the same Redis (another prefix) has a budget of its own.
        var other = Track(new AdvisorAppFactory().WithRedis(TestRedis.NewPrefix()).WithSetting("RateLimiting:ApiWritesPerMinute", "3"));
        await ApiAssessments.CreateAsync(other.CreateBrowserClient());
    }

    [Fact]
    public async Task RedisUnreachable_RequestsAreServedAndLimitedLocally_AndTheOutageIsLogged()
    {
        var app = Track(new AdvisorAppFactory()
            .WithRedis(TestRedis.NewPrefix(), TestRedis.Unreachable)
            .WithSetting("RateLimiting:ApiWritesPerMinute", "2"));
        var client = app.CreateBrowserClient();

        var created = await ApiAssessments.CreateAsync(client);
        for (var read = 0; read < 2; read++)
        {
            using var page = await client.GetAsync($"/a/{created.ShareToken}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await ApiAssessments.CreateAsync(client);
        using var limited = await PostAssessmentAsync(client);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotEmpty(await app.Logs.WaitForAsync(e =>
            e.Level == Serilog.Events.LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Redis at {EndPoint} is unavailable", StringComparison.Ordinal)));
        Assert.DoesNotContain(app.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    /// <summary>
    /// Two instances on one PostgreSQL database and one Redis: B keeps A's share page in the shared cache, and a link
    /// revoked through A is gone from B at once; a rule set published through A scores B's next assessment without
    /// waiting for B's refresh interval (an hour here).
    /// </summary>
    [Fact]
    [Trait(TestDatabases.Trait, TestDatabases.PostgresOnly)]
    public async Task TwoInstances_ShareTheCache_EvictionsAndPublishes()
    {
        var prefix = TestRedis.NewPrefix();
        var a = Track(new AdvisorAppFactory().WithRedis(prefix));
        var b = Track(new AdvisorAppFactory().WithRedis(prefix).WithSetting("ConnectionStrings:Default", a.ConnectionString));
        var owner = a.CreateBrowserClient();
        var reader = b.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(owner);
        for (var read = 0; read < 2; read++)
        {
            using var page = await reader.GetAsync($"/a/{created.ShareToken}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.NotEmpty(await OutputCacheKeysAsync(prefix));

        var manage = await OwnerPages.ManageAsync(owner, created.ManageToken);
        await OwnerPages.RevokeAsync(owner, created.ManageToken, Assert.Single(OwnerPages.LinkIds(manage)));

        using (var revoked = await reader.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        }

        var admin = await a.CreateAdminClientAsync();
        using (var saved = await AdminRules.SaveAsync(admin, new Dictionary<(string, string), string> { [("domain-specialized", "Weight")] = "3" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var published = await AdminRules.PublishAsync(admin))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        // Pub/sub delivers in milliseconds; the bound only keeps a broken delivery from hanging the run.
        var active = b.Services.GetRequiredService<ActiveRuleSet>();
        for (var attempt = 0; attempt < 200 && active.Current.Version != 2; attempt++)
        {
            await Task.Delay(50);
        }

        var next = await ApiAssessments.CreateAsync(reader);
        Assert.Equal(2, next.Body["result"]!["ruleSetVersion"]!.GetValue<int>());
    }

    /// <summary>
    /// Two instances on one PostgreSQL database and one Redis: a provider catalogue published through A prices B's next
    /// estimate at once. B's refresh interval is an hour and its clock never moves, so only A's signal can bring it.
    /// </summary>
    [Fact]
    [Trait(TestDatabases.Trait, TestDatabases.PostgresOnly)]
    public async Task TwoInstances_ACataloguePublishedThroughOne_PricesTheOthersEstimatesAtOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var prefix = TestRedis.NewPrefix();
        var a = Track(new AdvisorAppFactory { Time = time }.WithRedis(prefix).WithSetting("RuleSets:RefreshSeconds", "3600"));
        var b = Track(new AdvisorAppFactory { Time = time }.WithRedis(prefix).WithSetting("RuleSets:RefreshSeconds", "3600")
            .WithSetting("ConnectionStrings:Default", a.ConnectionString));
        var admin = await a.CreateAdminClientAsync();
        var other = b.CreateBrowserClient();
        Assert.Equal(0.0003m, (await AdminCatalogue.EstimateAsync(other)).GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
        using (var saved = await AdminCatalogue.SaveAsync(admin, new Dictionary<(string, string), string> { [(AdminCatalogue.Mini, "FineTunedInput")] = "0.60" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var published = await AdminCatalogue.PublishAsync(admin))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        // Pub/sub delivers in milliseconds; the bound only keeps a broken delivery from hanging the run.
        var active = b.Services.GetRequiredService<ActiveCatalogue>();
        for (var attempt = 0; attempt < 200 && active.Current.Version != 2; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, active.Current.Version);
        Assert.Equal(0.00036m, (await AdminCatalogue.EstimateAsync(other)).GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
    }

    /// <summary>
    /// Redis goes down after a share page was cached in it, the link is revoked meanwhile (the eviction cannot reach
    /// Redis), and Redis comes back holding the old page: the page is never served again, and no request failed.
    /// </summary>
    [Fact]
    public async Task RedisOutage_DuringARevocation_NeverBringsTheRevokedPageBack()
    {
        using var redis = new RedisProcess();
        await redis.StartAsync();
        var prefix = TestRedis.NewPrefix();
        var app = Track(new AdvisorAppFactory().WithRedis(prefix, redis.Server));
        var owner = app.CreateBrowserClient();
        var reader = app.CreateClient();
        var created = await ApiAssessments.CreateAsync(owner);
        for (var read = 0; read < 2; read++)
        {
            using var page = await reader.GetAsync($"/a/{created.ShareToken}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.NotEmpty(await OutputCacheKeysAsync(prefix, redis.Server));
        var manage = await OwnerPages.ManageAsync(owner, created.ManageToken);
        await redis.StopAsync();
        var connection = app.Services.GetRequiredService<FineTuneAdvisor.Web.Infrastructure.Redis.RedisConnection>();
        await WaitUntilAsync(() => !connection.IsConnected);

        await OwnerPages.RevokeAsync(owner, created.ManageToken, Assert.Single(OwnerPages.LinkIds(manage)));
        using (var duringOutage = await reader.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, duringOutage.StatusCode);
        }

        await redis.StartAsync();
        await WaitUntilAsync(() => connection.IsConnected);
        // The eviction owed since the outage is made in Redis itself, for every instance, not just skipped here.
        var evicted = false;
        for (var attempt = 0; attempt < 200 && !evicted; attempt++)
        {
            evicted = (await OutputCacheKeysAsync(prefix, redis.Server)).Count == 0;
            await Task.Delay(evicted ? 0 : 50);
        }

        Assert.True(evicted, "The share page stored before the outage is still in Redis: " + string.Join(", ", await OutputCacheKeysAsync(prefix, redis.Server)));
        for (var read = 0; read < 3; read++)
        {
            using var afterOutage = await reader.GetAsync($"/a/{created.ShareToken}");
            Assert.Equal(HttpStatusCode.NotFound, afterOutage.StatusCode);
        }

        Assert.DoesNotContain(app.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
        Assert.NotEmpty(await app.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("Redis at {EndPoint} is back", StringComparison.Ordinal)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 400 && !condition(); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "The connection to Redis did not change state within 20 seconds.");
    }

    private static async Task<HttpResponseMessage> PostAssessmentAsync(HttpClient client) =>
        await client.PostAsync("/api/assessments",
            new StringContent(Answers.ToJsonBody(Answers.StrongCase()), System.Text.Encoding.UTF8, "application/json"));

    /// <summary>The responses stored in the output cache of the deployment with this prefix.</summary>
    private static async Task<List<RedisKey>> OutputCacheKeysAsync(string prefix, string? address = null)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(address ?? TestRedis.Server);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        // The stored responses, not the store's index of tags (__MSOCT…), which outlives them.
        return await server.KeysAsync(pattern: prefix + "output-cache:__MSOCV_*").ToListAsync();
    }

    private T Track<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }
}
