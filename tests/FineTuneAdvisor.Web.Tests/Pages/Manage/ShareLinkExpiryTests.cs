using System.Net;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Manage;

/// <summary>Checklist C06: an expiry set on the manage page holds to the end of the chosen day (UTC), on the app's clock.</summary>
public sealed class ShareLinkExpiryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly AdvisorAppFactory _app = new();

    public ShareLinkExpiryTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SetExpiry_LinkWorksToTheEndOfThatDayThenIs404_AndClearingBringsItBack()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        var linkId = Assert.Single(OwnerPages.LinkIds(manage));

        // Cached before the expiry is set: setting one must reach past the cache too.
        using (var cached = await client.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        using (var set = await OwnerPages.PostFormAsync(client, OwnerPages.LinkForm(manage, linkId, "SetExpiry"),
            new Dictionary<string, string> { ["Input.ExpiresOn"] = "2027-03-12" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        Assert.Contains("until the end of 2027-03-12", manage.QuerySelector(".status-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2027-03-12", ExpiryField(manage, linkId).GetAttribute("value"));
        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");
        Assert.Contains("stops working after 12 March 2027, 23:59 UTC", page.QuerySelector(".share")!.TextContent, StringComparison.Ordinal);

        // The last minute of the chosen day still opens it.
        _time.SetUtcNow(new DateTimeOffset(2027, 3, 12, 23, 59, 0, TimeSpan.Zero));
        using (var lastMinute = await client.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, lastMinute.StatusCode);
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        await OwnerPages.AssertNotSharedAsync(client, $"/a/{created.ShareToken}");
        using (var api = await client.GetAsync($"/api/assessments/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        }

        manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        Assert.Equal("Expired", manage.QuerySelector(".links-table .link-status")!.TextContent.Trim());
        using (var clear = await OwnerPages.PostFormAsync(client, OwnerPages.LinkForm(manage, linkId, "ClearExpiry")))
        {
            Assert.Equal(HttpStatusCode.Redirect, clear.StatusCode);
        }

        using var back = await client.GetAsync($"/a/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        Assert.Equal("Active", manage.QuerySelector(".links-table .link-status")!.TextContent.Trim());
        Assert.Equal("", ExpiryField(manage, linkId).GetAttribute("value"));
    }

    [Fact]
    public async Task NewLink_WithAnExpiry_WorksUntilThenOnly()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);

        using (var response = await client.SubmitAsync(manage, "Create link", new Dictionary<string, string> { ["Input.ExpiresOn"] = "2027-03-10" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var url = (await OwnerPages.ManageAsync(client, created.ManageToken)).QuerySelector("#new-share-url")!.GetAttribute("value")!;
        using (var today = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        }

        _time.Advance(TimeSpan.FromHours(12));
        await OwnerPages.AssertNotSharedAsync(client, url);
        using var first = await client.GetAsync($"/a/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Theory]
    [InlineData("2027-03-09", "Choose today or a later day")]
    [InlineData("1999-01-01", "Choose today or a later day")]
    [InlineData("12/03/2027", "Enter the date as year-month-day")]
    [InlineData("2027-02-30", "Enter the date as year-month-day")]
    [InlineData("next tuesday", "Enter the date as year-month-day")]
    [InlineData("2099-01-01", "Choose a day within five years")]
    public async Task SetExpiry_PastOrGarbageDate_IsRefusedBesideTheFieldWithTheTypedValueKept(string typed, string message)
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        var linkId = Assert.Single(OwnerPages.LinkIds(manage));
        var before = await OwnerPages.SnapshotAsync(_app);

        using var response = await OwnerPages.PostFormAsync(client, OwnerPages.LinkForm(manage, linkId, "SetExpiry"),
            new Dictionary<string, string> { ["Input.ExpiresOn"] = typed });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var field = ExpiryField(page, linkId);
        Assert.Equal(typed, field.GetAttribute("value"));
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        var error = page.QuerySelector($"#expires-{linkId}-error")!;
        Assert.Contains(message, error.TextContent, StringComparison.Ordinal);
        Assert.Same(field.Form, error.Closest("form"));
        Assert.Equal($"expires-{linkId}-error", field.GetAttribute("aria-describedby"));
        Assert.Contains(message, page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));
        using var share = await client.GetAsync($"/a/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.OK, share.StatusCode);
    }

    [Fact]
    public async Task NewLink_PastDate_IsRefusedBesideItsFieldAndCreatesNothing()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        var before = await OwnerPages.SnapshotAsync(_app);

        using var response = await client.SubmitAsync(manage, "Create link", new Dictionary<string, string> { ["Input.ExpiresOn"] = "2020-01-01" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("2020-01-01", page.QuerySelector("#expires-new")!.GetAttribute("value"));
        Assert.Contains("Choose today or a later day", page.QuerySelector("#expires-new-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));
    }

    private static IHtmlInputElement ExpiryField(IHtmlDocument manage, int linkId) =>
        (IHtmlInputElement)(manage.QuerySelector($"#expires-{linkId}") ?? throw new InvalidOperationException($"No expiry field for link {linkId}."));
}
