using System.Net;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Pages.Results;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Manage;

/// <summary>Deleting asks first, then removes the assessment and every link to it; revisions made from it stay.</summary>
public sealed class DeleteTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public DeleteTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Delete_ConfirmThenPost_RemovesTheAssessmentAndItsLinks_AndARevisionSurvivesWithoutItsParent()
    {
        var owner = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(owner);
        var secondLink = await OwnerPages.NewLinkAsync(owner, parent.ManageToken);
        _time.Advance(TimeSpan.FromDays(1));
        var revision = await RevisionTests.ReviseThroughFormsAsync(owner, $"/a/{parent.ShareToken}/revise", new Dictionary<string, string> { ["example_count"] = "2500" });
        var viewer = _app.CreateBrowserClient();
        foreach (var token in new[] { parent.ShareToken, secondLink, revision })
        {
            // Cached before the deletion.
            using var response = await viewer.GetAsync($"/a/{token}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var manage = await OwnerPages.ManageAsync(owner, parent.ManageToken);
        var deleteHref = manage.QuerySelector(".danger-zone a")!.GetAttribute("href");
        Assert.Equal($"/manage/{parent.ManageToken}/delete", deleteHref);
        var before = await OwnerPages.SnapshotAsync(_app);

        var confirm = await owner.GetDocumentAsync(deleteHref!);

        Assert.Equal("Delete this assessment?", confirm.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains("All 2 share link(s) stop working", confirm.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/manage/{parent.ManageToken}", confirm.QuerySelector("main form a.button")!.GetAttribute("href"));
        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));

        using (var deleted = await owner.SubmitAsync(confirm, "Delete permanently"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.Equal("/manage/deleted", deleted.Headers.Location!.OriginalString);
        }

        Assert.Equal("Assessment deleted", (await owner.GetDocumentAsync("/manage/deleted")).QuerySelector("main h1")!.TextContent.Trim());
        foreach (var path in new[] { $"/a/{parent.ShareToken}", $"/a/{secondLink}", $"/manage/{parent.ManageToken}", $"/manage/{parent.ManageToken}/delete" })
        {
            await OwnerPages.AssertNotSharedAsync(viewer, path);
            await OwnerPages.AssertNotSharedAsync(owner, path);
        }

        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
            Assert.False(await db.Assessments.AnyAsync(a => a.PublicId == parent.PublicId));
            var survivor = await db.Assessments.Include(a => a.ShareLinks).SingleAsync();
            Assert.Null(survivor.ParentPublicId);
            Assert.Single(survivor.ShareLinks);
            Assert.Equal(1, await db.ShareLinks.CountAsync());
        }

        // The revision still opens, now as the first and only version of its history.
        var child = await viewer.GetDocumentAsync($"/a/{revision}");
        var entry = Assert.Single(child.QuerySelectorAll(".timeline > li"));
        Assert.Contains("First version", entry.TextContent, StringComparison.Ordinal);
        Assert.Empty(child.QuerySelectorAll($"a[href*='{parent.PublicId}']"));
    }

    [Fact]
    public async Task Delete_ThroughTheOwnersBrowser_ForgetsItsManageLink()
    {
        var owner = _app.CreateBrowserClient();
        var location = await Pages.Assess.QuestionnairePageTests.CompleteAsync(owner, Answers.StrongCase());
        var page = await owner.GetDocumentAsync(location);
        var manageUrl = page.QuerySelector(".owner-panel a.button")!.GetAttribute("href")!;
        var confirm = await owner.GetDocumentAsync(manageUrl + "/delete");

        using (var deleted = await owner.SubmitAsync(confirm, "Delete permanently"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            var cookie = string.Join("\n", deleted.Headers.GetValues("Set-Cookie"));
            Assert.Contains("advisor-owner=;", cookie, StringComparison.Ordinal);
        }

        await OwnerPages.AssertNotSharedAsync(owner, location);
    }
}
