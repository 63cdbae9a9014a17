using System.Net;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Manage;

/// <summary>
/// Only the manage link authorises owner actions. Every attempt below carries a valid antiforgery pair (taken from the
/// attacker's own manage page), so what refuses it is the token check itself, and the database is left untouched.
/// </summary>
public sealed class OwnerAuthorisationTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string> Handlers => ["Revoke", "SetExpiry", "ClearExpiry", "NewLink", "SaveNotes", "Revise"];

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task OwnerAction_WithTheShareTokenOrARandomTokenInsteadOfTheManageToken_Is404AndChangesNothing(string handler)
    {
        var client = _app.CreateBrowserClient();
        var victim = await ApiAssessments.CreateAsync(client);
        var mine = await ApiAssessments.CreateAsync(client);
        var victimLink = Assert.Single(OwnerPages.LinkIds(await OwnerPages.ManageAsync(client, victim.ManageToken)));
        var form = (await OwnerPages.ManageAsync(client, mine.ManageToken)).FindButton(ButtonOf(handler)).Form;
        var fields = new Dictionary<string, string>
        {
            ["Input.LinkId"] = victimLink.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ExpiresOn"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Notes[domain]"] = "overwritten",
        };
        var before = await OwnerPages.SnapshotAsync(_app);

        foreach (var token in new[] { victim.ShareToken, ShareTokens.Create().Token, "not-a-token", victim.ManageToken.ToUpperInvariant() })
        {
            using var response = await OwnerPages.PostFormAsync(client, form, fields, $"/manage/{token}?handler={handler}");
            await OwnerPages.AssertNotSharedAsync(response);
        }

        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));
        using var share = await client.GetAsync($"/a/{victim.ShareToken}");
        Assert.Equal(HttpStatusCode.OK, share.StatusCode);
    }

    [Fact]
    public async Task Delete_WithTheShareTokenOrARandomToken_Is404AndDeletesNothing()
    {
        var client = _app.CreateBrowserClient();
        var victim = await ApiAssessments.CreateAsync(client);
        var mine = await ApiAssessments.CreateAsync(client);
        var confirm = await client.GetDocumentAsync($"/manage/{mine.ManageToken}/delete");
        var form = confirm.FindButton("Delete permanently").Form;
        var before = await OwnerPages.SnapshotAsync(_app);

        foreach (var token in new[] { victim.ShareToken, ShareTokens.Create().Token })
        {
            await OwnerPages.AssertNotSharedAsync(client, $"/manage/{token}/delete");
            using var response = await OwnerPages.PostFormAsync(client, form, action: $"/manage/{token}/delete");
            await OwnerPages.AssertNotSharedAsync(response);
        }

        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));
    }

    [Theory]
    [InlineData("Revoke")]
    [InlineData("SetExpiry")]
    [InlineData("ClearExpiry")]
    public async Task LinkAction_OnALinkOfAnotherAssessmentWithYourOwnManageToken_Is404AndChangesNothing(string handler)
    {
        var client = _app.CreateBrowserClient();
        var victim = await ApiAssessments.CreateAsync(client);
        var mine = await ApiAssessments.CreateAsync(client);

        // The victim's link has an expiry, so that clearing it would be a visible change.
        var victimManage = await OwnerPages.ManageAsync(client, victim.ManageToken);
        var victimLink = Assert.Single(OwnerPages.LinkIds(victimManage));
        var expiresOn = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var set = await OwnerPages.PostFormAsync(client, OwnerPages.LinkForm(victimManage, victimLink, "SetExpiry"),
            new Dictionary<string, string> { ["Input.ExpiresOn"] = expiresOn }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        var myManage = await OwnerPages.ManageAsync(client, mine.ManageToken);
        var myLink = Assert.Single(OwnerPages.LinkIds(myManage));
        var before = await OwnerPages.SnapshotAsync(_app);

        // My own form for my own link, with the victim's link id swapped in.
        using var response = await OwnerPages.PostFormAsync(client, OwnerPages.LinkForm(myManage, myLink, "SetExpiry"),
            new Dictionary<string, string> { ["Input.LinkId"] = victimLink.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.ExpiresOn"] = expiresOn },
            $"/manage/{mine.ManageToken}?handler={handler}");

        await OwnerPages.AssertNotSharedAsync(response);
        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));
        using var share = await client.GetAsync($"/a/{victim.ShareToken}");
        Assert.Equal(HttpStatusCode.OK, share.StatusCode);
    }

    [Fact]
    public async Task OwnerAction_WithoutAntiforgery_IsRefusedAndChangesNothing()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var linkId = Assert.Single(OwnerPages.LinkIds(await OwnerPages.ManageAsync(client, created.ManageToken)));
        var before = await OwnerPages.SnapshotAsync(_app);

        using var revoke = await client.PostAsync($"/manage/{created.ManageToken}?handler=Revoke",
            new FormUrlEncodedContent([new("Input.LinkId", linkId.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        using var delete = await client.PostAsync($"/manage/{created.ManageToken}/delete", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));
    }

    [Fact]
    public async Task GetAndHead_OfEveryShareAndOwnerPage_NeverChangeTheDatabase()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        var linkId = Assert.Single(OwnerPages.LinkIds(manage));
        using (var set = await OwnerPages.PostFormAsync(client, OwnerPages.LinkForm(manage, linkId, "SetExpiry"),
            new Dictionary<string, string> { ["Input.ExpiresOn"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        var publicId = created.PublicId;
        var urls = new[]
        {
            $"/a/{created.ShareToken}", $"/a/{created.ShareToken}/r/{publicId}", $"/a/{created.ShareToken}/revise",
            $"/a/{created.ShareToken}/r/{publicId}/revise", $"/manage/{created.ManageToken}", $"/manage/{created.ManageToken}/delete",
        };
        var before = await OwnerPages.SnapshotAsync(_app);

        for (var i = 0; i < 10; i++)
        {
            foreach (var url in urls)
            {
                foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
                {
                    using var request = new HttpRequestMessage(method, url);
                    using var response = await client.SendAsync(request);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {url} answered {response.StatusCode}");
                }
            }
        }

        using (var api = await client.GetAsync($"/api/assessments/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        }

        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));
    }

    [Fact]
    public async Task OwnerAndRevisePages_AreCapabilityPages_NeverCachedIndexedOrReferred()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        foreach (var url in new[] { $"/manage/{created.ManageToken}", $"/manage/{created.ManageToken}/delete", $"/a/{created.ShareToken}/revise" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {response.Headers.CacheControl}");
            Assert.Contains("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    private static string ButtonOf(string handler) => handler switch
    {
        "Revoke" => "Revoke",
        "SetExpiry" => "Set expiry",
        "ClearExpiry" => "Set expiry",
        "NewLink" => "Create link",
        "SaveNotes" => "Save notes",
        "Revise" => "Start a revision",
        _ => throw new ArgumentOutOfRangeException(nameof(handler)),
    };
}
