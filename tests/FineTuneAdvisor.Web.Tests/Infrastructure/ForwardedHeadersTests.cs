using System.Net;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// Per-client limits behind a proxy (checklist C09): the forwarded client address counts only when the request
/// comes from a configured proxy; anyone else's X-Forwarded-For is ignored, so it cannot buy a fresh budget.
/// Runs on Kestrel, so the connection's address is real (127.0.0.1).
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly string Unknown = "/a/" + new string('A', 43);

    [Fact]
    public async Task ForwardedFor_WithoutAConfiguredProxy_IsIgnoredAndBuysNoFreshBudget()
    {
        using var app = new KestrelAppFactory().WithSetting("RateLimiting:SharedLinksPerMinute", "3");
        using var client = new HttpClient { BaseAddress = ((KestrelAppFactory)app).Start() };

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, Unknown, $"203.0.113.{i + 1}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, Unknown, "203.0.113.99"));
    }

    [Fact]
    public async Task ForwardedFor_FromAConfiguredProxy_GivesEachClientItsOwnBudgetAndTheForwardedScheme()
    {
        using var app = new KestrelAppFactory()
            .WithSetting("RateLimiting:SharedLinksPerMinute", "3")
            .WithSetting("ForwardedHeaders:KnownProxies", "127.0.0.1, ::1");
        using var client = new HttpClient { BaseAddress = ((KestrelAppFactory)app).Start() };

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, Unknown, "203.0.113.1"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, Unknown, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, Unknown, "203.0.113.2"));

        // A client cannot prepend its own address: only the entry the proxy added (the last) counts.
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, Unknown, "198.51.100.7, 203.0.113.1"));

        // TLS ended at the proxy: links handed out are https.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessments") { Content = ApiAssessments.Json(Answers.ToJsonBody(Answers.StrongCase())) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.3");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var created = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var shareUrl = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["shareUrl"]!.GetValue<string>();
        Assert.StartsWith("https://", shareUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedFor_FromAConfiguredNetwork_GivesEachClientItsOwnBudget()
    {
        using var app = new KestrelAppFactory()
            .WithSetting("RateLimiting:SharedLinksPerMinute", "1")
            .WithSetting("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8");
        using var client = new HttpClient { BaseAddress = ((KestrelAppFactory)app).Start() };

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, Unknown, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, Unknown, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, Unknown, "203.0.113.2"));
    }

    [Theory]
    [InlineData("KnownProxies", "banana", "'banana' is not an IP address")]
    [InlineData("KnownNetworks", "10.0.0.0/99", "'10.0.0.0/99' is not a network")]
    public void StartUp_WithAMistypedProxySetting_StopsAndNamesIt(string setting, string value, string message)
    {
        using var app = new AdvisorAppFactory().WithSetting($"ForwardedHeaders:{setting}", value);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
