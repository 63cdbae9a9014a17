using System.Net;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

public sealed class SecurityHeadersTests : IDisposable
{
    private const string UnknownToken = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/assess/use_case", HttpStatusCode.OK)]
    [InlineData("/assess/review", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/a/" + UnknownToken, HttpStatusCode.NotFound)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/js/site.js", HttpStatusCode.OK)]
    [InlineData("/favicon.svg", HttpStatusCode.OK)]
    [InlineData("/api/questionnaire", HttpStatusCode.OK)]
    [InlineData("/api/assessments/" + UnknownToken, HttpStatusCode.NotFound)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task Get_AnyResponse_CarriesStrictCspNosniffAndNoReferrer(string path, HttpStatusCode status)
    {
        var client = _app.CreateBrowserClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    /// <summary>Checklist C08 for the failure answers too: a dead or mistyped secret link is never cached or indexed.</summary>
    [Theory]
    [InlineData("/a/" + UnknownToken)]
    [InlineData("/a/" + UnknownToken + "/r/abcdefghijklmnop")]
    [InlineData("/a/" + UnknownToken + "/revise")]
    [InlineData("/a/" + UnknownToken + "/export.md")]
    [InlineData("/a/" + UnknownToken + "/export.json")]
    [InlineData("/manage/" + UnknownToken)]
    [InlineData("/manage/" + UnknownToken + "/delete")]
    [InlineData("/assess/resume/" + UnknownToken)]
    [InlineData("/api/assessments/" + UnknownToken)]
    [InlineData("/api/compare?a=x&b=y")]
    [InlineData("/compare?a=x&b=y")]
    public async Task Get_SecretLinkPathThatOpensNothing_IsNeverCachedOrIndexed(string path)
    {
        var client = _app.CreateBrowserClient();

        using var response = await client.GetAsync(path);

        Assert.True((int)response.StatusCode >= 400 || path.StartsWith("/compare", StringComparison.Ordinal), $"{path}: {response.StatusCode}");
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
        Assert.Equal("noindex, nofollow", Assert.Single(response.Headers.GetValues("X-Robots-Tag")));
        AssertSecurityHeaders(response);
    }

    /// <summary>The admin area and every error answer are kept out of caches and indexes by the same one rule.</summary>
    [Theory]
    [InlineData("/admin/signin", HttpStatusCode.OK)]
    [InlineData("/admin", HttpStatusCode.Redirect)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/assess/no-such-step", HttpStatusCode.NotFound)]
    public async Task Get_AdminOrErrorAnswer_IsNeverCachedOrIndexed(string path, HttpStatusCode status)
    {
        using var response = await _app.CreateBrowserClient().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
        Assert.Equal("noindex, nofollow", Assert.Single(response.Headers.GetValues("X-Robots-Tag")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/assess/use_case")]
    [InlineData("/css/site.css")]
    public async Task Get_PublicPage_IsIndexable(string path)
    {
        using var response = await _app.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Robots-Tag"), path);
    }

    /// <summary>Checklist C29: over HTTPS on a real host name, browsers are told to keep to HTTPS for a year.</summary>
    [Fact]
    public async Task Get_OverHttpsOnAPublicHost_SendsHstsForAYear()
    {
        var client = _app.CreateClient(new() { BaseAddress = new Uri("https://advisor.example"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Post_ApiBadRequest_CarriesTheSameHeaders()
    {
        var client = _app.CreateBrowserClient();
        using var content = new StringContent("{", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    /// <summary>The baseline every response must carry (checklist C28, C29); shared with the error-handling tests.</summary>
    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var path = response.RequestMessage!.RequestUri!.PathAndQuery;
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values), $"{path} has no CSP");
        var csp = ParseCsp(Assert.Single(values));
        Assert.DoesNotContain(csp.Values, sources => sources.Contains("'unsafe-inline'") || sources.Contains("'unsafe-eval'"));
        Assert.Equal(["'self'"], csp["default-src"]);
        Assert.DoesNotContain("'unsafe-inline'", csp.GetValueOrDefault("script-src", csp["default-src"]));
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'none'"], csp["base-uri"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'self'"], csp["form-action"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    private static Dictionary<string, string[]> ParseCsp(string header) => header
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .ToDictionary(d => d[0].ToLowerInvariant(), d => d[1..], StringComparer.Ordinal);
}
