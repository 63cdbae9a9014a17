using System.Text;
using System.Text.Json;
using FineTuneAdvisor.Browser.Tests.Pages.Assess;
using FineTuneAdvisor.Browser.Tests.Pages.Data;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Web.Pages.Assess;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>A product manager measures a sample on /data, at desktop and phone widths.</summary>
public sealed class DataJourneyTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, int, int> Widths => new()
    {
        { "desktop", 1280, 800 },
        { "phone", Viewports.Phone.Width, Viewports.Phone.Height },
    };

    private static byte[] Sample()
    {
        var lines = new List<string>();
        var topics = new[] { "invoice", "refund", "delivery", "password", "warranty", "discount", "address", "subscription" };
        for (var i = 0; i < 60; i++)
        {
            var topic = topics[i % topics.Length];
            lines.Add(JsonSerializer.Serialize(new
            {
                messages = new object[]
                {
                    new { role = "system", content = "You are the shop's support assistant." },
                    new { role = "user", content = $"Question {i} about my {topic}: what happens after {i % 7 + 1} days?" },
                    new { role = "assistant", content = $"For your {topic}, after {i % 7 + 1} days we review case {1000 + i} and write back within {i % 3 + 1} working days." },
                },
            }));
        }

        lines.Add("""{"messages": [{"role": "user", "content": "Email me at jane.doe@example.com"}]}""");
        return Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task UploadASample_AtWidth_ShowsTheReportWithoutSidewaysScroll(string device, int width, int height)
    {
        await using var session = await browser.NewSessionAsync(
            new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });

        var page = await DataPage.OpenAsync(session);
        Written(await Screenshots.CaptureAsync(session.Page, $"data-{device}"));
        var formOverflow = await SidewaysOverflowAsync(session.Page);
        await page.UploadAsync("support-chats.jsonl", Sample());
        await page.ExpectReportAsync();
        await Expect(page.Suggestions).ToHaveCountAsync(4);
        Written(await Screenshots.CaptureAsync(session.Page, $"data-report-{device}"));
        var reportOverflow = await SidewaysOverflowAsync(session.Page);

        Assert.True(formOverflow.Length + reportOverflow.Length == 0,
            $"At {width}px the page scrolls sideways: {string.Join("; ", formOverflow.Concat(reportOverflow))}");
        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    /// <summary>The questionnaire's data step → /data for the draft → "Use these answers" → back on the step, filled.</summary>
    [Fact]
    public async Task DataStep_MeasureASample_UseTheseAnswers_ReturnsToTheStepWithTheValuesFilled()
    {
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions());
        var dataSection = QuestionnaireSteps.Find(FineTuneAdvisor.Web.Pages.Data.DraftSuggestions.DataStep)!;
        await QuestionnaireStepPage.OpenAsync(session, dataSection);
        await session.Page.Locator("#field-example_count").FillAsync("500");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Measure a sample" }).ClickAsync();

        await Expect(session.Page.Locator("main h1")).ToHaveTextAsync("Measure your training data");
        await Expect(session.Page.Locator(".for-draft")).ToBeVisibleAsync();
        var data = new DataPage(session);
        await data.UploadAsync("support-chats.jsonl", Sample());
        await data.ExpectReportAsync();
        var count = session.Page.Locator(".answer-changes tr[data-question=example_count]");
        var suggested = (await count.Locator(".suggested").InnerTextAsync()).Trim();
        await Expect(count).ToContainTextAsync($"500 → {suggested}");

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Use these answers" }).ClickAsync();

        await QuestionnaireStepPage.ExpectAsync(session, dataSection, " (answers used)");
        await Expect(session.Page.Locator("#field-example_count")).ToHaveValueAsync(suggested);
        await Expect(session.Page.Locator(".status-message")).ToContainTextAsync($"500 → {suggested}");
        await Expect(session.Page.Locator(".data-sample-panel")).ToContainTextAsync("Measured from a sample of 61 examples");
        Written(await Screenshots.CaptureAsync(session.Page, "data-step-measured"));
        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task PasteNothing_WithoutJavaScript_ShowsTheErrorBesideTheField()
    {
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions { JavaScriptEnabled = false }, runAxe: false);

        var page = await DataPage.OpenAsync(session);
        await page.PasteAsync("");

        await Expect(session.Page.Locator("#error-file")).ToContainTextAsync("Choose a file to upload, or paste a few examples below.");
        session.AssertNoProblems();
    }

    private static Task<string[]> SidewaysOverflowAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            return [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .map(e => e.tagName.toLowerCase() + "." + e.className + " right=" + Math.round(e.getBoundingClientRect().right))
                .slice(0, 10);
        }
        """);

    private void Written(string? path) => output.WriteLine(path is null ? "Screenshot rendered, not written." : $"Screenshot: {path}");
}
