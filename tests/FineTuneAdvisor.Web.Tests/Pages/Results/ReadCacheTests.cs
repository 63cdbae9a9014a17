using System.Net;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Tests.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

/// <summary>
/// The hot reads (issue 14, item 5): the JSON read is kept by the output cache like the share page, and dies with its
/// link at once; a link with an expiry is never kept; the 404 page is rendered once per kind for anonymous visitors
/// and never kept for a signed-in admin. Only a SQLite instance (or one with Redis) keeps responses: see SharePageCache.
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
public sealed class ReadCacheTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public ReadCacheTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ApiRead_IsServedFromTheCache_AndIs404AtOnceWhenTheLinkIsRevoked()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var linkId = Assert.Single(OwnerPages.LinkIds(await OwnerPages.ManageAsync(client, created.ManageToken)));
        using (var first = await client.GetAsync($"/api/assessments/{created.ShareToken}"))
        using (var second = await client.GetAsync($"/api/assessments/{created.ShareToken}"))
        {
            Assert.False(first.Headers.Age.HasValue, "The first read did not come from the database.");
            Assert.True(second.Headers.Age.HasValue, "The second read was not served from the output cache.");
            Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        }

        await OwnerPages.RevokeAsync(client, created.ManageToken, linkId);

        using var revoked = await client.GetAsync($"/api/assessments/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
    }

    [Fact]
    public async Task ApiRead_OfALinkWithAnExpiry_IsNeverKept_SoItEndsWithTheLink()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        var linkId = Assert.Single(OwnerPages.LinkIds(manage));
        using (var set = await OwnerPages.PostFormAsync(client, OwnerPages.LinkForm(manage, linkId, "SetExpiry"),
            new Dictionary<string, string> { ["Input.ExpiresOn"] = "2027-03-12" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        using (var open = await client.GetAsync($"/api/assessments/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        // The output cache keeps entries by the wall clock; only the app's clock moves here.
        _time.SetUtcNow(new DateTimeOffset(2027, 3, 13, 0, 0, 0, TimeSpan.Zero));

        using var lapsed = await client.GetAsync($"/api/assessments/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.NotFound, lapsed.StatusCode);
    }

    [Fact]
    public async Task UnknownLink_404Page_IsRenderedOnceThenServedFromTheCache_WithTheSameWordsAndHeaders()
    {
        var client = _app.CreateClient();

        using var first = await client.GetAsync($"/a/{ShareTokens.Create().Token}");
        using var second = await client.GetAsync($"/a/{ShareTokens.Create().Token}");
        using var otherKind = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.False(first.Headers.Age.HasValue, "The first 404 was not rendered.");
        Assert.True(second.Headers.Age.HasValue, "The second 404 for a share link was rendered again instead of served from the cache.");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(OwnerPages.HeadersWithoutFramingOf(first), OwnerPages.HeadersWithoutFramingOf(second));
        // Each kind has its own words, so its own entry.
        Assert.False(otherKind.Headers.Age.HasValue);
        Assert.Contains("Page not found", await otherKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFoundPage_ForAVisitorWithCookies_IsNeverKeptOrServedFromTheCache()
    {
        var anonymous = _app.CreateClient();
        using (await anonymous.GetAsync($"/a/{ShareTokens.Create().Token}"))
        {
        }

        var withCookie = _app.CreateClient();
        withCookie.DefaultRequestHeaders.Add("Cookie", "advisor-owner=x");

        using var response = await withCookie.GetAsync($"/a/{ShareTokens.Create().Token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Age.HasValue, "A visitor with cookies got the cached 404 (it may differ: the admin navigation, for one).");
    }
}
