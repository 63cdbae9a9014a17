using System.Net;
using FineTuneAdvisor.Web.Tests.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

/// <summary>
/// A link opens its family's history, but only the members still shared: revoking every link of an assessment must
/// end a viewer's access to it even through a revision the viewer made from it (checklist C05).
/// </summary>
public sealed class FamilyVisibilityTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly AdvisorAppFactory _app = new();

    public FamilyVisibilityTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RevokingTheParentsLinks_HidesItFromTheViewersRevision_AndANewLinkSharesItAgain()
    {
        var owner = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(owner);
        var viewer = _app.CreateBrowserClient();
        var revision = await RevisionTests.ReviseThroughFormsAsync(viewer, $"/a/{parent.ShareToken}/revise",
            new Dictionary<string, string> { ["example_count"] = "3000" });
        var parentThroughRevision = $"/a/{revision}/r/{parent.PublicId}";
        var revisionManage = (await viewer.GetDocumentAsync($"/a/{revision}")).QuerySelector("#manage-url")!.GetAttribute("value")!.Split('/')[^1];
        Assert.Equal(2, (await OwnerPages.ManageAsync(viewer, revisionManage)).QuerySelectorAll(".timeline > li").Length);

        // The viewer's browser holds the revision's owner cookie, which bypasses the output cache; a teammate the
        // viewer sent the revision's link to reads the cached pages.
        var teammate = _app.CreateBrowserClient();
        Assert.Equal(2, await TimelineLengthAsync(teammate, $"/a/{revision}"));
        using (var before = await teammate.GetAsync(parentThroughRevision))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var linkId = Assert.Single(OwnerPages.LinkIds(await OwnerPages.ManageAsync(owner, parent.ManageToken)));
        await OwnerPages.RevokeAsync(owner, parent.ManageToken, linkId);

        foreach (var reader in new[] { viewer, teammate })
        {
            var page = await reader.GetDocumentAsync($"/a/{revision}");
            Assert.Single(page.QuerySelectorAll(".timeline > li"));
            Assert.DoesNotContain(parent.PublicId, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
            await OwnerPages.AssertNotSharedAsync(reader, parentThroughRevision);
            await OwnerPages.AssertNotSharedAsync(reader, $"{parentThroughRevision}/revise");
        }

        // The revision's own manage page shows no more of the hidden parent than its share page does.
        var managed = await OwnerPages.ManageAsync(viewer, revisionManage);
        Assert.Single(managed.QuerySelectorAll(".timeline > li"));
        Assert.DoesNotContain(parent.PublicId, managed.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var compare = $"/api/compare?a={Uri.EscapeDataString($"https://localhost{parentThroughRevision}")}&b={revision}";
        using (var refused = await viewer.GetAsync(compare))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        // The owner still sees their own assessment; sharing it again shares it with the family again.
        var manage = await OwnerPages.ManageAsync(owner, parent.ManageToken);
        Assert.Equal(2, manage.QuerySelectorAll(".timeline > li").Length);
        await OwnerPages.NewLinkAsync(owner, parent.ManageToken);
        Assert.Equal(2, await TimelineLengthAsync(teammate, $"/a/{revision}"));
        using var again = await viewer.GetAsync(compare);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task RevisionStartedBeforeTheRevoke_IsSavedButDoesNotReopenTheParent()
    {
        var owner = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(owner);
        var viewer = _app.CreateBrowserClient();
        var linkId = Assert.Single(OwnerPages.LinkIds(await OwnerPages.ManageAsync(owner, parent.ManageToken)));

        // The viewer starts the revision while the link works; the owner revokes it before the viewer submits.
        var confirm = await viewer.GetDocumentAsync($"/a/{parent.ShareToken}/revise");
        using (var start = await viewer.SubmitAsync(confirm, "Start the revision"))
        {
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        }

        await OwnerPages.RevokeAsync(owner, parent.ManageToken, linkId);
        var review = await viewer.GetDocumentAsync("/assess/review");
        using var submitted = await viewer.SubmitAsync(review, "See the result");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var revision = submitted.Headers.Location!.OriginalString["/a/".Length..];

        var page = await viewer.GetDocumentAsync($"/a/{revision}");
        Assert.Single(page.QuerySelectorAll(".timeline > li"));
        Assert.DoesNotContain(parent.PublicId, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        await OwnerPages.AssertNotSharedAsync(viewer, $"/a/{revision}/r/{parent.PublicId}");
    }

    [Fact]
    public async Task ParentsLinkExpiring_HidesItFromTheRevisionAtMidnight_WithNothingServedFromTheCache()
    {
        var owner = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(owner);
        var viewer = _app.CreateBrowserClient();
        var revision = await RevisionTests.ReviseThroughFormsAsync(viewer, $"/a/{parent.ShareToken}/revise",
            new Dictionary<string, string> { ["example_count"] = "3000" });

        var manage = await OwnerPages.ManageAsync(owner, parent.ManageToken);
        var linkId = Assert.Single(OwnerPages.LinkIds(manage));
        using (var set = await OwnerPages.PostFormAsync(owner, OwnerPages.LinkForm(manage, linkId, "SetExpiry"),
            new Dictionary<string, string> { ["Input.ExpiresOn"] = "2027-06-02" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        // A reader without the owner cookie, whose page views the output cache would serve.
        var reader = _app.CreateBrowserClient();
        _time.SetUtcNow(new DateTimeOffset(2027, 6, 2, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal(2, await TimelineLengthAsync(reader, $"/a/{revision}"));
        Assert.Equal(2, await TimelineLengthAsync(reader, $"/a/{revision}"));

        // No owner action evicts anything here: only the clock moves, so the page must not have been cached.
        _time.SetUtcNow(new DateTimeOffset(2027, 6, 3, 0, 0, 1, TimeSpan.Zero));
        Assert.Equal(1, await TimelineLengthAsync(reader, $"/a/{revision}"));
        await OwnerPages.AssertNotSharedAsync(reader, $"/a/{revision}/r/{parent.PublicId}");
    }

    private static async Task<int> TimelineLengthAsync(HttpClient client, string path) =>
        (await client.GetDocumentAsync(path)).QuerySelectorAll(".timeline > li").Length;
}
