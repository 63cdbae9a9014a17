using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

/// <summary>Revisions: started from a share link, answered through the real forms, shown on every family member's timeline.</summary>
public sealed class RevisionTests : IDisposable
{
    private const string ExampleCountLabel = "How many examples do you have today?";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 5, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public RevisionTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// Confirms "Start the revision" on <paramref name="revisePath"/>, checks the first step opens pre-filled, changes
    /// <paramref name="changes"/> on their steps and submits through the review; returns the new share token.
    /// </summary>
    public static async Task<string> ReviseThroughFormsAsync(HttpClient client, string revisePath, IReadOnlyDictionary<string, string> changes)
    {
        var confirm = await client.GetDocumentAsync(revisePath);
        Assert.Equal("Start a revision", confirm.QuerySelector("main h1")!.TextContent.Trim());
        using (var start = await client.SubmitAsync(confirm, "Start the revision"))
        {
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            Assert.Equal("/assess/use_case", start.Headers.Location!.OriginalString);
        }

        foreach (var section in QuestionnaireSteps.All)
        {
            var page = await client.GetDocumentAsync($"/assess/{section.Id}");
            Assert.NotNull(page.QuerySelector(".revision-notice"));
            var mine = changes.Where(c => section.Holds(QuestionCatalogue.Find(c.Key)!)).ToDictionary(c => c.Key, c => c.Value);
            using var next = await client.SubmitAsync(page, "Next", mine);
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        var review = await client.GetDocumentAsync("/assess/review");
        using var submitted = await client.SubmitAsync(review, "See the result");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var location = submitted.Headers.Location!.OriginalString;
        Assert.StartsWith("/a/", location, StringComparison.Ordinal);
        return location["/a/".Length..];
    }

    /// <summary>A revision that changes the provider and model: the timeline names both by the catalogue, not by id.</summary>
    [Fact]
    public async Task Revise_ChangedModel_TheTimelineNamesBothModelsByTheirCatalogueNames()
    {
        var owner = _app.CreateBrowserClient();
        var answers = new Dictionary<string, string>(Answers.StrongCase(), StringComparer.Ordinal) { ["cost_model"] = "openai:gpt-4o-mini-2024-07-18" };
        var parent = await ApiAssessments.CreateAsync(owner, answers);

        var revision = await ReviseThroughFormsAsync(owner, $"/a/{parent.ShareToken}/revise", new Dictionary<string, string> { ["cost_model"] = "vertex:gemini-2.5-flash" });

        var page = await _app.CreateBrowserClient().GetDocumentAsync($"/a/{revision}");
        var timeline = page.QuerySelector(".timeline")!.TextContent;
        Assert.Contains("GPT-4o mini (2024-07-18) · OpenAI", timeline, StringComparison.Ordinal);
        Assert.Contains("Gemini 2.5 Flash · Google Vertex AI", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("vertex:gemini-2.5-flash", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revise_OpensPrefilled_AndTheNewResultAndItsParentShowBothOnTheTimeline()
    {
        var owner = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(owner);
        var viewer = _app.CreateBrowserClient();

        // The parent's page is in the output cache before the revision exists.
        var cachedParent = await viewer.GetDocumentAsync($"/a/{parent.ShareToken}");
        Assert.Single(cachedParent.QuerySelectorAll(".timeline > li"));

        // The revision is made by a teammate who holds only the share link.
        var teammate = _app.CreateBrowserClient();
        var confirm = await teammate.GetDocumentAsync($"/a/{parent.ShareToken}/revise");
        using (var start = await teammate.SubmitAsync(confirm, "Start the revision"))
        {
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        }

        var first = await teammate.GetDocumentAsync("/assess/use_case");
        var strong = Answers.StrongCase();
        Assert.Equal(strong["use_case_summary"], ((IHtmlTextAreaElement)first.QuerySelector("#field-use_case_summary")!).Value.Trim());
        Assert.True(((IHtmlInputElement)first.QuerySelector("#domain-specialized")!).IsChecked);
        Assert.True(((IHtmlInputElement)first.QuerySelector("#output_requirements-strict_format")!).IsChecked);
        var usage = await teammate.GetDocumentAsync("/assess/usage");
        Assert.True(((IHtmlInputElement)usage.QuerySelector("#request_volume-high")!).IsChecked);
        var data = await teammate.GetDocumentAsync("/assess/data");
        Assert.Equal("30000", data.QuerySelector("#field-example_count")!.GetAttribute("value"));

        _time.Advance(TimeSpan.FromDays(14));
        var revision = await ReviseThroughFormsAsync(teammate, $"/a/{parent.ShareToken}/revise", new Dictionary<string, string> { ["example_count"] = "2500" });

        var child = await teammate.GetDocumentAsync($"/a/{revision}");
        Assert.Equal("Run a fine-tuning pilot first", child.QuerySelector(".result-header h1")!.TextContent.Trim());
        var entries = child.QuerySelectorAll(".timeline > li");
        Assert.Equal(2, entries.Length);
        Assert.Contains("First version", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Equal($"{ExampleCountLabel} 30,000 → changed to 2,500", Squeeze(entries[1].QuerySelector(".timeline-changes li")!.TextContent));
        Assert.Contains("Verdict: Fine-tune for production → Run a fine-tuning pilot first", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("(this page)", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("3 May 2027", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("17 May 2027", entries[1].TextContent, StringComparison.Ordinal);

        // The parent's page, served from the cache a moment ago, shows the revision at once.
        var parentPage = await viewer.GetDocumentAsync($"/a/{parent.ShareToken}");
        var parentEntries = parentPage.QuerySelectorAll(".timeline > li");
        Assert.Equal(2, parentEntries.Length);
        Assert.Contains("(this page)", parentEntries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(ExampleCountLabel, parentEntries[1].QuerySelector(".timeline-changes")!.TextContent, StringComparison.Ordinal);

        // The parent is untouched; the owner's manage page lists the revision too.
        Assert.Equal("Fine-tune for production", parentPage.QuerySelector(".result-header h1")!.TextContent.Trim());
        Assert.Equal(2, (await OwnerPages.ManageAsync(owner, parent.ManageToken)).QuerySelectorAll(".timeline > li").Length);
    }

    [Fact]
    public async Task ManagePage_StartARevision_OpensTheQuestionnairePrefilledAndTheResultJoinsTheFamily()
    {
        var owner = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(owner);
        var manage = await OwnerPages.ManageAsync(owner, parent.ManageToken);

        using (var start = await owner.SubmitAsync(manage, "Start a revision"))
        {
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            Assert.Equal("/assess/use_case", start.Headers.Location!.OriginalString);
        }

        var first = await owner.GetDocumentAsync("/assess/use_case");
        Assert.NotNull(first.QuerySelector(".revision-notice"));
        Assert.True(((IHtmlInputElement)first.QuerySelector("#domain-specialized")!).IsChecked);
        _time.Advance(TimeSpan.FromMinutes(5));
        var location = await Pages.Assess.QuestionnairePageTests.CompleteAsync(owner, new Dictionary<string, string> { ["budget"] = "moderate" });

        var entries = (await owner.GetDocumentAsync(location)).QuerySelectorAll(".timeline > li");
        Assert.Equal(2, entries.Length);
        Assert.Contains("What budget is there for training, evaluation and hosting?", entries[1].QuerySelector(".timeline-changes")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, (await OwnerPages.ManageAsync(owner, parent.ManageToken)).QuerySelectorAll(".timeline > li").Length);
    }

    [Fact]
    public async Task FamilyMemberPage_ThroughAnotherMembersLink_IsReadOnly_AndAPublicIdOutsideTheFamilyIs404()
    {
        var owner = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(owner);
        var stranger = await ApiAssessments.CreateAsync(owner);
        _time.Advance(TimeSpan.FromHours(1));
        await ReviseThroughFormsAsync(owner, $"/a/{parent.ShareToken}/revise", new Dictionary<string, string> { ["example_count"] = "2500" });

        var viewer = _app.CreateBrowserClient();
        var parentPage = await viewer.GetDocumentAsync($"/a/{parent.ShareToken}");
        var href = parentPage.QuerySelector(".timeline > li:nth-child(2) .timeline-verdict a")!.GetAttribute("href")!;
        Assert.StartsWith($"/a/{parent.ShareToken}/r/", href, StringComparison.Ordinal);
        var revisionPublicId = href.Split('/')[^1];

        var member = await viewer.GetDocumentAsync(href);

        Assert.Equal("Run a fine-tuning pilot first", member.QuerySelector(".result-header h1")!.TextContent.Trim());
        Assert.NotNull(member.QuerySelector(".revision-view a[href='/a/" + parent.ShareToken + "']"));
        Assert.Null(member.QuerySelector(".owner-panel"));
        Assert.Empty(member.QuerySelectorAll("form[method=post], form[method=POST]"));
        Assert.Empty(member.QuerySelectorAll("a[href*='export']"));
        Assert.Equal($"/a/{parent.ShareToken}/r/{revisionPublicId}/revise", member.QuerySelector(".share a[href$='/revise']")!.GetAttribute("href"));
        using (var revise = await viewer.GetAsync($"/a/{parent.ShareToken}/r/{revisionPublicId}/revise"))
        {
            Assert.Equal(HttpStatusCode.OK, revise.StatusCode);
        }

        // Another assessment's public id (real, but not in this family), and nonsense, open nothing.
        foreach (var path in new[]
        {
            $"/a/{parent.ShareToken}/r/{stranger.PublicId}", $"/a/{stranger.ShareToken}/r/{revisionPublicId}",
            $"/a/{parent.ShareToken}/r/{stranger.PublicId}/revise", $"/a/{parent.ShareToken}/r/not-an-id",
        })
        {
            await OwnerPages.AssertNotSharedAsync(viewer, path);
        }
    }

    [Fact]
    public async Task TimelineCompareLink_ShowsTheChangedAnswerAndTheScoreDelta_AndTheApiAcceptsFamilyLinks()
    {
        // A general-domain case at low volume: 30,000 examples and 2,500 score differently.
        var answers = Answers.StrongCase();
        answers["domain"] = "general";
        answers["request_volume"] = "low";
        answers["prompt_efficiency_need"] = "low";
        var owner = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(owner, answers);
        _time.Advance(TimeSpan.FromHours(1));
        var revision = await ReviseThroughFormsAsync(owner, $"/a/{parent.ShareToken}/revise", new Dictionary<string, string> { ["example_count"] = "2500" });
        var viewer = _app.CreateBrowserClient();
        var child = await viewer.GetDocumentAsync($"/a/{revision}");
        var parentScore = int.Parse(parent.Body["result"]!["readinessScore"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var childScore = int.Parse(child.QuerySelector(".score-number")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(parentScore, childScore);

        var compareLink = child.QuerySelectorAll(".timeline a").Single(a => a.TextContent.Trim() == "Compare with the version it was made from");
        var compare = await viewer.GetDocumentAsync(compareLink.GetAttribute("href")!);

        var changed = Assert.Single(compare.QuerySelectorAll(".changed-answers tr.changed"));
        Assert.Contains(ExampleCountLabel, changed.TextContent, StringComparison.Ordinal);
        Assert.Contains("30,000", changed.TextContent, StringComparison.Ordinal);
        Assert.Contains("2,500", changed.TextContent, StringComparison.Ordinal);
        var readiness = compare.QuerySelectorAll(".comparison tr").Single(r => r.QuerySelector("th")?.TextContent == "Readiness");
        var delta = childScore - parentScore;
        Assert.Equal(delta > 0 ? $"+{delta}" : $"{delta}", readiness.QuerySelector("td.num")!.TextContent.Trim());
        Assert.Contains($"/a/{revision}/r/{parent.PublicId}", compare.QuerySelector("#link-a")!.GetAttribute("value"), StringComparison.Ordinal);

        // The API takes the same family links, through either member's share token.
        foreach (var (a, b) in new[]
        {
            ($"https://localhost/a/{revision}/r/{parent.PublicId}", $"https://localhost/a/{revision}"),
            ($"https://localhost/a/{parent.ShareToken}", $"https://localhost/a/{parent.ShareToken}/r/{await SecondMemberPublicIdAsync(viewer, parent.ShareToken)}"),
        })
        {
            using var response = await viewer.GetAsync($"/api/compare?a={Uri.EscapeDataString(a)}&b={Uri.EscapeDataString(b)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = json.RootElement;
            Assert.Equal("example_count", Assert.Single(root.GetProperty("changedAnswers").EnumerateArray()).GetProperty("questionId").GetString());
            Assert.Equal(delta, root.GetProperty("scoreDelta").GetInt32());
        }

        using var outside = await viewer.GetAsync($"/api/compare?a={Uri.EscapeDataString($"https://localhost/a/{revision}/r/{(await ApiAssessments.CreateAsync(owner)).PublicId}")}&b={revision}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    /// <summary>The public id of the second family member, read from the timeline link on the first one's page.</summary>
    private static async Task<string> SecondMemberPublicIdAsync(HttpClient client, string firstShareToken)
    {
        var page = await client.GetDocumentAsync($"/a/{firstShareToken}");
        return page.QuerySelector(".timeline > li:nth-child(2) .timeline-verdict a")!.GetAttribute("href")!.Split('/')[^1];
    }

    /// <summary>Text as it reads: runs of white space (Razor's line breaks) as one space.</summary>
    internal static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
