using System.Net;
using System.Net.Http.Json;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

public sealed class RateLimitingTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new AdvisorAppFactory()
        .WithSetting("RateLimiting:SharedLinksPerMinute", "5")
        .WithSetting("RateLimiting:ApiWritesPerMinute", "3");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SharePage_OverTheLimit_Answers429WithRetryAfterAndAFriendlyPage()
    {
        var client = _app.CreateBrowserClient();
        var unknown = "/a/" + new string('A', 43);
        for (var i = 0; i < 5; i++)
        {
            using var allowed = await client.GetAsync(unknown);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var limited = await client.GetAsync(unknown);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells the client when to come back.");
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync());
        Assert.True(limited.Headers.CacheControl?.NoStore, $"Cache-Control {limited.Headers.CacheControl}");
        Assert.Equal("noindex, nofollow", Assert.Single(limited.Headers.GetValues("X-Robots-Tag")));

        // The API's share-link reads count against the same budget.
        using var api = await client.GetAsync("/api/assessments/" + new string('A', 43));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("noindex, nofollow", Assert.Single(api.Headers.GetValues("X-Robots-Tag")));
    }

    [Fact]
    public async Task SharePage_ServedFromTheOutputCache_StillCountsAgainstTheLimit()
    {
        var client = _app.CreateBrowserClient();
        using var created = await client.PostAsync("/api/assessments",
            new StringContent(Answers.ToJsonBody(Answers.StrongCase()), System.Text.Encoding.UTF8, "application/json"));
        var token = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("shareToken").GetString();
        for (var i = 0; i < 5; i++)
        {
            using var allowed = await client.GetAsync($"/a/{token}");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await client.GetAsync($"/a/{token}");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task ApiWrites_OverTheLimit_Answer429AndStoreNothingMore()
    {
        var client = _app.CreateBrowserClient();
        var body = Answers.ToJsonBody(Answers.StrongCase());
        for (var i = 0; i < 3; i++)
        {
            using var created = await client.PostAsync("/api/assessments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var limited = await client.PostAsync("/api/assessments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        var problem = await limited.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Health_IsNeverRateLimited()
    {
        var client = _app.CreateBrowserClient();
        for (var i = 0; i < 50; i++)
        {
            using var response = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb:cccc:dddd:eeee", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData(null, "unknown")]
    public void ClientKey_CountsIPv4AddressesAndIPv6Slash64s(string? address, string key) =>
        Assert.Equal(key, RateLimitingSetup.ClientKey(address is null ? null : IPAddress.Parse(address)));
}
