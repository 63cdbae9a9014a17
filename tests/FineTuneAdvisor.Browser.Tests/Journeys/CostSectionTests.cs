using FineTuneAdvisor.Browser.Tests.Pages.Assess;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Scoring.Questionnaire;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// The questionnaire's cost step answered in a browser, and the result's "Where you can fine-tune" and "Will it pay for
/// itself?" on a desktop (1280×800) and a phone (390×844), in the light and the dark scheme, axe-clean each time: the
/// chart fits the screen, its lines take their colours from the scheme, and the figures behind it open as a table.
/// </summary>
public sealed class CostSectionTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, int, int, string> Views => new()
    {
        { "desktop", 1280, 800, "light" },
        { "desktop", 1280, 800, "dark" },
        { "phone", 390, 844, "light" },
        { "phone", 390, 844, "dark" },
    };

    private static Dictionary<string, string> WithCosts() => new(ResultLayoutTests.VariedStrongCase("fine_tune"), StringComparer.Ordinal)
    {
        ["requests_per_month"] = "400000",
        ["prompt_tokens"] = "2500",
        ["prompt_tokens_after_fine_tuning"] = "200",
        ["output_tokens"] = "300",
        ["cached_prompt_percent"] = "20",
        ["cost_model"] = "vertex:gemini-2.5-flash",
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Result_CostSections_FitTheScreenAndAreAxeClean(string device, int width, int height, string scheme)
    {
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        var page = session.Page;
        var token = await browser.CreateAssessmentAsync(WithCosts());

        await page.GotoAsync($"/a/{token}");
        var section = page.Locator("section.pay-back");
        await Expect(section.Locator(".pay-back-headline")).ToContainTextAsync("fine-tuning pays for itself");
        await Expect(page.Locator("section.availability")).ToContainTextAsync("Gemini 2.5 Flash (Google Vertex AI) takes new fine-tuning jobs today");
        var chart = section.Locator("svg.cost-chart");
        await Expect(chart).ToBeVisibleAsync();

        // Fits: no sideways scrolling, and the chart's labels are at least 9 CSS pixels high on the phone.
        var overflow = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - window.innerWidth");
        var wide = overflow <= 0 ? "" : await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 6).map(e => e.tagName + '.' + (typeof e.className === 'string' ? e.className : e.className.baseVal) + '#' + e.closest('section,details')?.className).join(', ')");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px at {width}px: {wide}");
        var box = await chart.BoundingBoxAsync();
        Assert.True(box!.Width <= width, $"chart {box.Width}px wide on a {width}px screen");
        var tick = await page.EvaluateAsync<double>("() => document.querySelector('svg.cost-chart .cost-tick').getBoundingClientRect().height");
        Assert.True(tick >= 9, $"axis labels are {tick:0.#}px high");

        // The lines' colours are the scheme's (custom properties), and the two paths differ.
        var prompting = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('svg.cost-chart .cost-line-prompting')).stroke");
        var fineTuned = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('svg.cost-chart .cost-line-fine-tuned')).stroke");
        Assert.NotEqual(prompting, fineTuned);
        Assert.Equal(scheme == "dark" ? "rgb(240, 181, 82)" : "rgb(161, 92, 0)", prompting);

        await section.Locator("details.cost-table summary").ClickAsync();
        await Expect(section.Locator("table.chart-data tbody tr").First).ToBeVisibleAsync();
        await session.AuditAsync($"result cost section, {device}, {scheme}, figures open");
        Written(await Screenshots.CaptureAsync(page, $"costs-{device}-{scheme}"));
        session.AssertNoProblems();
    }

    [Fact]
    public async Task CostStep_AnsweredWithANotSure_ShowsOnTheResultAsAnAssumption()
    {
        await using var session = await browser.NewSessionAsync();
        var answers = new Dictionary<string, string>(WithCosts(), StringComparer.Ordinal) { ["output_tokens"] = Choice.NotSure };

        var step = await QuestionnaireStepPage.OpenAsync(session, FineTuneAdvisor.Web.Pages.Assess.QuestionnaireSteps.First);
        var review = await step.AnswerRemainingStepsAsync(answers);
        await Expect(session.Page.Locator("section[aria-labelledby=review-costs]")).ToContainTextAsync("400,000 requests a month");
        await Expect(session.Page.Locator("section[aria-labelledby=review-costs]")).ToContainTextAsync("Not sure (a typical value is used)");
        await review.SeeResultAsync();

        await Expect(session.Page.Locator(".cost-assumptions")).ToContainTextAsync("Answer length: 200 tokens (not given).");
        Written(await Screenshots.CaptureAsync(session.Page, "costs-owner-desktop"));

        // On paper the sections print, chart included, after the summary page.
        await session.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(session.Page.Locator("svg.cost-chart")).ToBeVisibleAsync();
        Written(await Screenshots.CaptureAsync(session.Page, "costs-printed"));
        session.AssertNoProblems();
    }

    private void Written(string? path)
    {
        if (path is not null)
        {
            output.WriteLine($"screenshot: {path}");
        }
    }
}
