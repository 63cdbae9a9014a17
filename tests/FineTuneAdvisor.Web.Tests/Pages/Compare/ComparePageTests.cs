using System.Net;
using System.Text.Json;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Compare;

public sealed class ComparePageTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<(string Before, string After)> CreatePairAsync(HttpClient client)
    {
        var answers = Answers.StrongCase();
        answers["example_count"] = "2500";
        var before = await ApiAssessments.CreateAsync(client, answers);
        answers["example_count"] = "30000";
        var after = await ApiAssessments.CreateAsync(client, answers);
        return (before.ShareToken, after.ShareToken);
    }

    [Fact]
    public async Task Compare_TwoShareLinks_HighlightsChangedAnswersAndShowsDeltasAndRules()
    {
        var client = _app.CreateBrowserClient();
        var (before, after) = await CreatePairAsync(client);

        // Whole links work as well as bare tokens: people paste what they were sent.
        var page = await client.GetDocumentAsync($"/compare?a={Uri.EscapeDataString($"https://localhost/a/{before}")}&b={after}");

        var changed = page.QuerySelectorAll(".changed-answers tr.changed");
        Assert.Single(changed);
        Assert.Contains("2,500", changed[0].TextContent);
        Assert.Contains("30,000", changed[0].TextContent);
        var comparison = page.QuerySelector(".comparison")!.TextContent;
        Assert.Contains("Run a fine-tuning pilot first", comparison);
        Assert.Contains("Fine-tune for production", comparison);
        var groups = page.QuerySelectorAll(".rule-change-group");
        Assert.Contains("data-production-volume", groups[0].TextContent);
        Assert.Contains("data-toward-production", groups[1].TextContent);
        Assert.NotEmpty(page.QuerySelectorAll(".criteria-deltas tr.changed"));
        // The chart's neutral names (higher favours fine-tuning on every row), never the problem-named titles.
        var criteria = page.QuerySelectorAll(".criteria-deltas tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains("Data volume", criteria);
        Assert.Contains("Information stability", criteria);
        Assert.DoesNotContain("Limited or poor data", criteria);
        Assert.DoesNotContain("Rapidly changing information", criteria);
    }

    [Fact]
    public async Task Compare_UnknownLink_SaysSoBesideThatFieldAndKeepsWhatWasTyped()
    {
        var client = _app.CreateBrowserClient();
        var (before, _) = await CreatePairAsync(client);
        var typo = new string('D', 43);

        var page = await client.GetDocumentAsync($"/compare?a={before}&b={typo}");

        Assert.Null(page.QuerySelector(".comparison"));
        Assert.Null(page.QuerySelector("#error-a"));
        Assert.Contains("No shared assessment at this link", page.QuerySelector("#error-b")!.TextContent);
        Assert.Equal(typo, page.QuerySelector("#link-b")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Compare_OneLinkMissing_SummaryLinksToThatField()
    {
        var client = _app.CreateBrowserClient();
        var (before, _) = await CreatePairAsync(client);

        var page = await client.GetDocumentAsync($"/compare?a={before}&b=");

        var link = Assert.Single(page.QuerySelectorAll("#error-summary a"));
        Assert.Equal("#link-b", link.GetAttribute("href"));
        Assert.Contains("Paste the link", link.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#link-b")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#link-a")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task CompareJson_ParsesWithTheSameChanges()
    {
        var client = _app.CreateBrowserClient();
        var (before, after) = await CreatePairAsync(client);

        using var response = await client.GetAsync($"/api/compare?a={before}&b={after}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("pilot", root.GetProperty("verdictBefore").GetString());
        Assert.Equal("fine_tune", root.GetProperty("verdictAfter").GetString());
        Assert.Equal("example_count", root.GetProperty("changedAnswers")[0].GetProperty("questionId").GetString());
        Assert.Contains(root.GetProperty("rulesStarted").EnumerateArray(), r => r.GetProperty("id").GetString() == "data-production-volume");
        Assert.Equal(14, root.GetProperty("criteria").GetArrayLength());
    }

    [Fact]
    public async Task CompareJson_UnknownOrMissingLinks_Are404And400()
    {
        var client = _app.CreateBrowserClient();
        var (before, _) = await CreatePairAsync(client);

        using var unknown = await client.GetAsync($"/api/compare?a={before}&b={new string('E', 43)}");
        using var missing = await client.GetAsync($"/api/compare?a={before}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"b\"", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SharePage_LinksToCompareWithItselfFilledIn()
    {
        var client = _app.CreateBrowserClient();
        var (before, _) = await CreatePairAsync(client);

        var share = await client.GetDocumentAsync($"/a/{before}");
        var href = share.QuerySelector("a[href^='/compare?a=']")!.GetAttribute("href")!;
        var compare = await client.GetDocumentAsync(href);

        Assert.Contains(before, compare.QuerySelector("#link-a")!.GetAttribute("value"));
    }
}
