using System.Net;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Manage;

/// <summary>Checklist C03 and C05: one link revoked through the manage page dies at once, cached or not; the others live on.</summary>
public sealed class ShareLinkRevocationTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Only a SQLite instance keeps share pages in memory (on PostgreSQL they are never cached: see SharePageCache).</summary>
    [Fact]
    [Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
    public async Task Revoke_LinkServedFromTheOutputCacheJustBefore_Is404AtOnceWithTheBodyOfAnUnknownToken()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var linkId = Assert.Single(OwnerPages.LinkIds(await OwnerPages.ManageAsync(client, created.ManageToken)));

        using (var first = await client.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // Proof that the next read comes from the output cache: a note written behind the app's back does not show.
        await ExecuteSqlAsync("UPDATE \"Assessments\" SET \"NotesJson\" = '{\"domain\":\"written behind the cache\"}'");
        using (var cached = await client.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.DoesNotContain("written behind the cache", await cached.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await OwnerPages.RevokeAsync(client, created.ManageToken, linkId);

        using var unknown = await client.GetAsync($"/a/{ShareTokens.Create().Token}");
        using var revoked = await client.GetAsync($"/a/{created.ShareToken}");
        await OwnerPages.AssertNotSharedAsync(revoked);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await revoked.Content.ReadAsStringAsync());
        Assert.Equal(OwnerPages.HeadersOf(unknown), OwnerPages.HeadersOf(revoked));

        // The API and the exports under the link die with it.
        using var api = await client.GetAsync($"/api/assessments/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        using var export = await client.GetAsync($"/a/{created.ShareToken}/export.md");
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);

        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        Assert.Contains("Revoked", manage.QuerySelector(".links-table tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Null(manage.QuerySelector(".links-table form[action$='handler=Revoke']"));
    }

    [Fact]
    public async Task NewLink_AfterRevoking_WorksWhileTheOldStaysDead()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var oldId = Assert.Single(OwnerPages.LinkIds(await OwnerPages.ManageAsync(client, created.ManageToken)));
        await OwnerPages.RevokeAsync(client, created.ManageToken, oldId);

        var fresh = await OwnerPages.NewLinkAsync(client, created.ManageToken);

        Assert.NotEqual(created.ShareToken, fresh);
        var page = await client.GetDocumentAsync($"/a/{fresh}");
        Assert.Equal($"https://localhost/a/{fresh}", page.QuerySelector("#share-url")!.GetAttribute("value"));
        await OwnerPages.AssertNotSharedAsync(client, $"/a/{created.ShareToken}");
        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        Assert.Equal(2, manage.QuerySelectorAll(".links-table tbody tr").Length);
        Assert.Equal(["Revoked", "Active"], manage.QuerySelectorAll(".links-table .link-status").Select(s => s.TextContent.Trim()));
    }

    [Fact]
    public async Task Revoke_OneOfTwoLinks_LeavesTheOtherWorking()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var second = await OwnerPages.NewLinkAsync(client, created.ManageToken);
        var ids = OwnerPages.LinkIds(await OwnerPages.ManageAsync(client, created.ManageToken));
        Assert.Equal(2, ids.Count);

        // Both cached first, so the revocation has to reach past the cache for one and leave the other alone.
        foreach (var token in new[] { created.ShareToken, second })
        {
            using var response = await client.GetAsync($"/a/{token}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await OwnerPages.RevokeAsync(client, created.ManageToken, ids[1]);

        using (var first = await client.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await OwnerPages.AssertNotSharedAsync(client, $"/a/{second}");
        using var firstAgain = await client.GetAsync($"/a/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.OK, firstAgain.StatusCode);
    }

    [Fact]
    public async Task Revoke_Twice_SecondChangesNothingAndTheLinkStaysRevoked()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        var linkId = Assert.Single(OwnerPages.LinkIds(manage));
        var revokeForm = OwnerPages.LinkForm(manage, linkId, "Revoke");
        using (var first = await OwnerPages.PostFormAsync(client, revokeForm))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var before = await OwnerPages.SnapshotAsync(_app);

        // The same (stale) form again, say a double click or a second tab: back to the manage page, nothing changed.
        using var again = await OwnerPages.PostFormAsync(client, revokeForm);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));
        await OwnerPages.AssertNotSharedAsync(client, $"/a/{created.ShareToken}");
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = DatabaseSnapshot.Open(_app);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
