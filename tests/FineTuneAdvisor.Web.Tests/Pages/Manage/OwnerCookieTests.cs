using System.Net;
using FineTuneAdvisor.Web.Tests.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Manage;

/// <summary>The creator's browser keeps the manage link (shown in full once); nobody else ever sees it.</summary>
public sealed class OwnerCookieTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ResultPage_AfterTheQuestionnaire_ShowsTheManageLinkOnce_ThenOnlyManage_AndNothingToOthers()
    {
        var owner = _app.CreateBrowserClient();
        var location = await QuestionnairePageTests.CompleteAsync(owner, Answers.StrongCase());
        var shareToken = location["/a/".Length..];

        var first = await owner.GetDocumentAsync(location);

        var panel = first.QuerySelector(".owner-panel")!;
        var manageUrl = panel.QuerySelector("#manage-url")!.GetAttribute("value")!;
        Assert.StartsWith("https://localhost/manage/", manageUrl, StringComparison.Ordinal);
        var manageToken = manageUrl.Split('/')[^1];
        Assert.Equal(43, manageToken.Length);
        Assert.NotEqual(shareToken, manageToken);
        Assert.NotNull(panel.QuerySelector("button[data-copy='manage-url']"));
        Assert.Equal(manageUrl, panel.QuerySelector("a.button")!.GetAttribute("href"));
        Assert.Equal("Manage this assessment", panel.QuerySelector("a.button")!.TextContent.Trim());

        var second = await owner.GetDocumentAsync(location);
        var again = second.QuerySelector(".owner-panel")!;
        Assert.Null(again.QuerySelector("#manage-url"));
        Assert.Null(again.QuerySelector("[data-copy]"));
        Assert.Equal("Manage this assessment", again.QuerySelector("a.button")!.TextContent.Trim());
        Assert.Equal(manageUrl, again.QuerySelector("a.button")!.GetAttribute("href"));
        var manage = await owner.GetDocumentAsync(manageUrl);
        Assert.Equal("Owner's page", manage.QuerySelector(".eyebrow")!.TextContent.Trim());

        // Another browser, twice (the second read may come from the output cache): no panel, no token.
        var other = _app.CreateBrowserClient();
        for (var i = 0; i < 2; i++)
        {
            using var response = await other.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(manageToken, html, StringComparison.Ordinal);
            Assert.DoesNotContain("/manage/", html, StringComparison.Ordinal);
            Assert.Null((await response.ReadDocumentAsync()).QuerySelector(".owner-panel"));
        }
    }

    [Fact]
    public async Task OwnerCookie_OfAnotherAssessment_ShowsNoPanelOnThisOne()
    {
        var owner = _app.CreateBrowserClient();
        await QuestionnairePageTests.CompleteAsync(owner, Answers.StrongCase());
        var someoneElses = await ApiAssessments.CreateAsync(_app.CreateBrowserClient());

        using var response = await owner.GetAsync($"/a/{someoneElses.ShareToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("owner-panel", html, StringComparison.Ordinal);
        Assert.DoesNotContain(someoneElses.ManageToken, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_CreateReturnsTheManageLinkOnce_AndGetNeverDoes()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        Assert.Equal(43, created.ManageToken.Length);
        Assert.NotEqual(created.ShareToken, created.ManageToken);
        Assert.Equal($"https://localhost/manage/{created.ManageToken}", created.Body["manageUrl"]!.GetValue<string>());
        using (var manage = await client.GetAsync(created.Body["manageUrl"]!.GetValue<string>()))
        {
            Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        }

        using var get = await client.GetAsync($"/api/assessments/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var body = await get.Content.ReadAsStringAsync();
        Assert.DoesNotContain("manage", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(created.ManageToken, body, StringComparison.Ordinal);
        Assert.Null(System.Text.Json.Nodes.JsonNode.Parse(body)!["manageToken"]);

        // The API creates no owner cookie: the client keeps the token itself.
        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");
        Assert.Null(page.QuerySelector(".owner-panel"));
    }
}
