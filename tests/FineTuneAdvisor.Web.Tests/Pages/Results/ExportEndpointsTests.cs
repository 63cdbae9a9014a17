using System.Net;
using System.Text.Json;
using FineTuneAdvisor.Web.Pages.Results;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

public sealed class ExportEndpointsTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task JsonExport_ParsesAndMatchesTheApi()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        using var export = await client.GetAsync($"/a/{created.ShareToken}/export.json");
        using var api = await client.GetAsync($"/api/assessments/{created.ShareToken}");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(export.Headers.CacheControl?.NoStore);
        Assert.Equal("noindex, nofollow", Assert.Single(export.Headers.GetValues("X-Robots-Tag")));
        using var exported = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        using var fromApi = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal(fromApi.RootElement.GetProperty("result").GetRawText(), exported.RootElement.GetProperty("result").GetRawText());
        Assert.Equal(fromApi.RootElement.GetProperty("answers").GetRawText(), exported.RootElement.GetProperty("answers").GetRawText());
        Assert.Equal("fine_tune", exported.RootElement.GetProperty("result").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task MarkdownExport_HoldsVerdictReasonsNextStepsAndEscapesTypedMarkup()
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        answers["example_count"] = "2500";
        answers["use_case_summary"] = "Summarise [click](javascript:alert(1)) <script>alert(1)</script> **now**";
        var created = await ApiAssessments.CreateAsync(client, answers);

        using var export = await client.GetAsync($"/a/{created.ShareToken}/export.md");
        var markdown = await export.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/markdown", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(export.Headers.CacheControl?.NoStore);
        Assert.Equal("noindex, nofollow", Assert.Single(export.Headers.GetValues("X-Robots-Tag")));
        Assert.StartsWith("# Run a fine-tuning pilot first", markdown, StringComparison.Ordinal);
        Assert.Contains("**Why:**", markdown);
        Assert.Contains("## Plan\n\n### Remove first\n\nNothing blocks this plan.\n\n### Then\n\n1. ", markdown);
        Assert.Contains("Fine-tune a pilot on about 1,000 of your best examples", markdown);
        Assert.Contains("towards the 25,000 or so high-quality examples", markdown);
        Assert.Contains("**Confidence:** high", markdown);
        Assert.Contains("## What the verdict hinges on\n\n- Examples: 25,000 or more instead of 2,500 would make it “Fine-tune for production”.", markdown);
        Assert.Contains("Case for fine-tuning", markdown);
        Assert.Contains("### For fine-tuning", markdown);
        Assert.Contains("A strict output format (SQL, a JSON schema, a fixed template)", markdown);
        Assert.Contains("| Specialised domain |", markdown);
        var html = Markdig.Markdown.ToHtml(markdown, Markdig.MarkdownExtensions.UseAdvancedExtensions(new Markdig.MarkdownPipelineBuilder()).Build());
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("javascript:alert(1)\"", html);
        Assert.Contains("Summarise [click](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt; **now**", html);
        Assert.Contains("Summarise \\[click](javascript:alert(1)) \\<script>alert(1)\\</script> \\*\\*now\\*\\*", markdown);
    }

    [Theory]
    [InlineData("export.json")]
    [InlineData("export.md")]
    public async Task Export_UnknownToken_IsTheSame404AsThePage(string file)
    {
        var client = _app.CreateBrowserClient();
        var unknown = new string('B', 43);

        using var export = await client.GetAsync($"/a/{unknown}/{file}");
        using var page = await client.GetAsync($"/a/{unknown}");

        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        Assert.Equal(await page.Content.ReadAsStringAsync(), await export.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SharePage_LinksToBothExports()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");

        var links = page.QuerySelectorAll(".downloads a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(links, l => l!.EndsWith($"/a/{created.ShareToken}/export.md", StringComparison.Ordinal));
        Assert.Contains(links, l => l!.EndsWith($"/a/{created.ShareToken}/export.json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a <b> & c &amp; d", "a \\<b> & c \\&amp; d")]
    [InlineData("[x](y)", "\\[x](y)")]
    [InlineData("*bold* _it_ `code` # | ~", "\\*bold\\* \\_it\\_ \\`code\\` # \\| \\~")]
    [InlineData("# title\n1. one\n- two\n> three", "\\# title\n1\\. one\n\\- two\n\\> three")]
    [InlineData("fine-tuning (about 1,000): e.g. 5.5% at $4.50", "fine-tuning (about 1,000): e.g. 5.5% at $4.50")]
    public void Escape_MarkdownAndHtml_StaysText(string text, string expected) =>
        Assert.Equal(expected, MarkdownReport.Escape(text));
}
