using System.Net;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Assess;

/// <summary>
/// Issue 10, item 2: the questionnaire's writes are limited per client (a person needs a few posts a minute, a script
/// made 80 questionnaires in 4 s), and drafts are capped per client and in total, the oldest drafts nobody saved for
/// later going first, so no one can fill the disk anonymously.
/// </summary>
public sealed class QuestionnaireLimitsTests : IDisposable
{
    private const string ClientHeader = "X-Test-Client";

    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Steps_OverThePerClientLimit_Answer429WithAPageSayingWhenToRetry()
    {
        using var app = ClientsByHeader(_app.WithSetting("RateLimiting:QuestionnaireWritesPerMinute", "4"));
        var client = Browser(app, "203.0.113.1");
        var step = await client.GetDocumentAsync("/assess/use_case");
        for (var i = 0; i < 4; i++)
        {
            // Step 1 with answers missing: saved, and shown again with the errors.
            using var saved = await client.SubmitAsync(step, "Next");
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using var limited = await client.SubmitAsync(step, "Next");
        using var otherPerson = await Browser(app, "203.0.113.2").SubmitAsync(step, "Next");
        using var reading = await client.GetAsync("/assess/use_case");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var seconds = limited.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(seconds > 0, "Retry-After says when to come back.");
        var text = (await limited.ReadDocumentAsync()).QuerySelector("main")!.TextContent;
        Assert.Contains($"Try again in {seconds} seconds", text, StringComparison.Ordinal);
        Assert.Contains("nothing you saved was lost", text, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherPerson.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
    }

    [Fact]
    public async Task Drafts_OverThePerClientCap_EvictThatClientsOldestAndKeepOtherClients()
    {
        using var app = ClientsByHeader(_app.WithSetting("Drafts:MaxPerClient", "3"));
        var other = Browser(app, "198.51.100.9");
        await StartDraftAsync(other, "Another person's draft");
        var browsers = new List<HttpClient>();
        for (var i = 0; i < 5; i++)
        {
            // A script that drops its cookie each time starts a new draft each time.
            var browser = Browser(app, "203.0.113.1");
            await StartDraftAsync(browser, $"Draft {i}");
            browsers.Add(browser);
        }

        var summaries = await SummariesAsync(app);
        Assert.Equal(["Another person's draft", "Draft 2", "Draft 3", "Draft 4"], summaries.Order(StringComparer.Ordinal));
        Assert.Equal("Draft 4", await SummaryShownAsync(browsers[4]));
        Assert.Equal("Another person's draft", await SummaryShownAsync(other));
        Assert.Null((await browsers[4].GetDocumentAsync("/assess/use_case")).QuerySelector(".status-message"));

        // The evicted draft's owner is told, once, instead of finding empty fields without a word.
        var evicted = await browsers[0].GetDocumentAsync("/assess/use_case");
        Assert.Equal("", evicted.QuerySelector("[name='Input.Answers[use_case_summary]']")!.TextContent);
        Assert.Contains("Your earlier answers are no longer stored", evicted.QuerySelector(".status-message")?.TextContent, StringComparison.Ordinal);
        Assert.Null((await browsers[0].GetDocumentAsync("/assess/use_case")).QuerySelector(".status-message"));
    }

    [Fact]
    public async Task Drafts_EvictedWhileSomeoneTypes_KeepWhatWasPostedAndSaySo()
    {
        using var app = ClientsByHeader(_app.WithSetting("Drafts:MaxPerClient", "1"));
        var first = Browser(app, "203.0.113.1");
        await StartDraftAsync(first, "Typed before the flood");
        var step = await first.GetDocumentAsync("/assess/use_case");
        await StartDraftAsync(Browser(app, "203.0.113.1"), "The flood");

        using var posted = await first.SubmitAsync(step, "Next", new Dictionary<string, string> { ["use_case_summary"] = "Typed after the flood" });
        var shown = await posted.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Your earlier answers are no longer stored", shown.QuerySelector(".status-message")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Typed after the flood", await SummaryShownAsync(first));
        Assert.Null((await first.GetDocumentAsync("/assess/use_case")).QuerySelector(".status-message"));
    }

    [Fact]
    public async Task ResumeLink_OfAnEvictedDraft_Is404SayingTheAnswersAreGone()
    {
        using var app = ClientsByHeader(_app.WithSetting("Drafts:MaxPerClient", "1"));
        var first = Browser(app, "203.0.113.1");
        await StartDraftAsync(first, "Saved, then evicted");
        using (var saved = await first.SubmitAsync(await first.GetDocumentAsync("/assess/use_case"), "Save and finish later"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var resumeUrl = (await first.GetDocumentAsync("/assess/saved")).QuerySelector("#resume-url")!;
        var link = resumeUrl.GetAttribute("value")!;
        using (var before = await first.GetAsync(new Uri(link).PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await StartDraftAsync(Browser(app, "203.0.113.1"), "The flood");
        using var after = await first.GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Contains("This resume link no longer works", (await after.ReadDocumentAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_OverTheTotalCap_EvictTheOldestUnsavedFirst()
    {
        using var app = ClientsByHeader(_app.WithSetting("Drafts:MaxTotal", "3"));
        var keeper = Browser(app, "203.0.113.10");
        await StartDraftAsync(keeper, "Saved for later");
        var step = await keeper.GetDocumentAsync("/assess/use_case");
        using (var saved = await keeper.SubmitAsync(step, "Save and finish later"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        for (var i = 0; i < 4; i++)
        {
            await StartDraftAsync(Browser(app, $"203.0.113.{20 + i}"), $"Unsaved {i}");
        }

        Assert.Equal(["Saved for later", "Unsaved 2", "Unsaved 3"], (await SummariesAsync(app)).Order(StringComparer.Ordinal));
        Assert.Equal("Saved for later", await SummaryShownAsync(keeper));
    }

    /// <summary>Each request's client address comes from a test header, as it would from a trusted proxy.</summary>
    private static WebApplicationFactory<Program> ClientsByHeader(AdvisorAppFactory app) =>
        app.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientFromHeader>()));

    private static HttpClient Browser(WebApplicationFactory<Program> app, string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    private static async Task StartDraftAsync(HttpClient client, string summary)
    {
        var step = await client.GetDocumentAsync("/assess/use_case");
        // Next with the rest of step 1 unanswered: the draft is saved and the step shown again with its errors.
        using var response = await client.SubmitAsync(step, "Next", new Dictionary<string, string> { ["use_case_summary"] = summary });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> SummaryShownAsync(HttpClient client) =>
        (await client.GetDocumentAsync("/assess/use_case")).QuerySelector("[name='Input.Answers[use_case_summary]']")!.TextContent;

    private static async Task<List<string>> SummariesAsync(WebApplicationFactory<Program> app)
    {
        using var scope = app.Services.CreateScope();
        var drafts = await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Drafts.Select(d => d.AnswersJson).ToListAsync();
        return [.. drafts.Select(json => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("use_case_summary").GetString()!)];
    }

    private sealed class ClientFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
