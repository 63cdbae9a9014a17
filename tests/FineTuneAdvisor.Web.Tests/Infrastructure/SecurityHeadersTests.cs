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
