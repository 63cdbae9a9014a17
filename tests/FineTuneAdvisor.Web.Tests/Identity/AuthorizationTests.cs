using System.Net;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Identity;

/// <summary>Deny by default: every endpoint is either on the explicit anonymous list or needs an admin (checklist C11).</summary>
public sealed partial class AuthorizationTests : IDisposable
{
    /// <summary>Everything anyone may reach without signing in. A new public endpoint must be added here on purpose.</summary>
    private static readonly HashSet<string> Anonymous = new(StringComparer.Ordinal)
    {
        "", "Index", "error/{code:int?}", "assess/{step?}", "assess/resume/{token}", "assess/saved", "assess/start", "assess/clear", "yours", "a/{token}", "compare",
        "a/{token}/r/{publicId}", "a/{token}/revise", "a/{token}/r/{publicId}/revise",
        "manage/{token}", "manage/{token}/delete", "manage/deleted",
        "admin/signin",
        "api/questionnaire", "api/assessments", "api/assessments/{shareToken}", "api/compare",
        "a/{token}/export.json", "a/{token}/export.md", "healthz", "health/live", "health/ready", "/openapi/{documentName}.json",
        "api/costs/estimate", "api/costs/catalogue",
        "data", "data/report/{id}", "api/datasets/analyze",
    };

    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryEndpoint_IsOnTheAnonymousListOrRequiresTheAdminPolicy()
    {
        using var client = _app.CreateClient();
        var endpoints = Endpoints();

        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            var isAnonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (isAnonymous)
            {
                Assert.True(Anonymous.Contains(pattern) || Anonymous.Contains("/" + pattern), $"{pattern} is anonymous but not on the list.");
            }
            else
            {
                Assert.False(Anonymous.Contains(pattern), $"{pattern} is on the anonymous list but requires sign-in.");
                var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
                Assert.All(policies, policy => Assert.Equal(AdminPolicy.Name, policy));
            }
        }

        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "admin/accounts");
        var fallback = await _app.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        Assert.IsType<AdminOrUnroutedRequirement>(Assert.Single(fallback!.Requirements));
    }

    [Fact]
    public async Task AdminPages_Anonymous_GetRedirectToSignInAndPostChangesNothing()
    {
        var client = _app.CreateBrowserClient();
        await _app.EnsureAdminAsync("victim@example.test");
        var before = await SnapshotAsync();

        foreach (var (url, acceptsGet) in AdminUrls())
        {
            using var get = await client.GetAsync(url);
            if (!acceptsGet)
            {
                Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
            }
            else
            {
                Assert.True(get.StatusCode == HttpStatusCode.Redirect, $"GET {url} answered {(int)get.StatusCode}.");
                Assert.Equal("/admin/signin", get.Headers.Location!.AbsolutePath);
                Assert.Equal("?returnUrl=" + Uri.EscapeDataString(url), get.Headers.Location.Query);
            }

            foreach (var handler in new[] { "", "?handler=Add", "?handler=Disable", "?handler=Enable" })
            {
                using var post = await client.PostAsync(url + handler, Form());
                Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed,
                    $"POST {url}{handler} answered {(int)post.StatusCode}.");
                Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
            }
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AdminPages_SignedInWithoutTheAdminRole_Get403AndPostChangesNothing()
    {
        await _app.EnsureAdminAsync("reader@example.test", admin: false);
        await _app.EnsureAdminAsync("victim@example.test");
        var client = _app.CreateBrowserClient();
        using (var signedIn = await client.SignInAsync("reader@example.test", AdminClients.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var before = await SnapshotAsync();

        foreach (var (url, acceptsGet) in AdminUrls())
        {
            if (acceptsGet)
            {
                using var get = await client.GetAsync(url);
                Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET {url} answered {(int)get.StatusCode}.");
                Assert.Contains("You do not have access to this page", await get.Content.ReadAsStringAsync());
            }

            using var post = await client.PostAsync(url + "?handler=Add", Form());
            Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed, $"POST {url} answered {(int)post.StatusCode}.");
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/assess/use_case")]
    [InlineData("/compare")]
    [InlineData("/api/questionnaire")]
    [InlineData("/healthz")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/admin/signin")]
    [InlineData("/css/site.css")]
    public async Task PublicAddresses_StayOpenWithoutSigningIn(string url)
    {
        using var response = await _app.CreateBrowserClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/admin/no-such-page")]
    public async Task UnknownAddresses_StillAnswer404(string url)
    {
        using var response = await _app.CreateBrowserClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private List<RouteEndpoint> Endpoints() =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    /// <summary>Every non-anonymous page or endpoint, route parameters filled with "1", and whether it answers GET.</summary>
    private List<(string Url, bool AcceptsGet)> AdminUrls() =>
        Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => ("/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), "1"),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true))
            .Distinct()
            .ToList() is { Count: > 0 } urls ? urls : throw new InvalidOperationException("No protected endpoint found.");

    private static FormUrlEncodedContent Form() => new(new Dictionary<string, string>
    {
        ["Input.Email"] = "intruder@example.test",
        ["Input.Password"] = "an intruder's long password",
        ["id"] = "1",
    });

    private async Task<(DatabaseSnapshot, DatabaseSnapshot, DatabaseSnapshot)> SnapshotAsync() => (
        await DatabaseSnapshot.TakeAsync(_app, "AspNetUsers"),
        await DatabaseSnapshot.TakeAsync(_app, "AspNetUserRoles"),
        await DatabaseSnapshot.TakeAsync(_app, "AuditEntries"));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
