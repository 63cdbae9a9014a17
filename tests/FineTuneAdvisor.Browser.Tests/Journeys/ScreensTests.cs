using FineTuneAdvisor.Browser.Tests.Pages;
using FineTuneAdvisor.Browser.Tests.Pages.Assess;
using FineTuneAdvisor.Browser.Tests.Pages.Results;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>Screens reached without the questionnaire: a shared result at two widths, and a mistyped link.</summary>
public sealed class ScreensTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, int, int> Widths => new()
    {
        { "desktop", Viewports.Desktop.Width, Viewports.Desktop.Height },
        { "phone", Viewports.Phone.Width, Viewports.Phone.Height },
    };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task ResultAndFirstStep_AtWidth_RenderWithoutSidewaysScroll(string device, int width, int height)
    {
        var token = await browser.CreateAssessmentAsync(Answers.StrongCase());
        await using var session = await browser.NewSessionAsync(
            new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } }, runAxe: false);

        var result = await ResultPage.OpenAsync(session, token);
        await Expect(result.Verdict).ToHaveTextAsync("Fine-tune for production");
        Written(await Screenshots.CaptureAsync(session.Page, $"result-{device}"));
        var resultOverflow = await SidewaysOverflowAsync(session.Page);

        await QuestionnaireStepPage.OpenAsync(session, QuestionnaireSteps.First);
        Written(await Screenshots.CaptureAsync(session.Page, $"assess-use_case-{device}"));
        var stepOverflow = await SidewaysOverflowAsync(session.Page);

        // Both screens are looked at before failing, so one run reports everything.
        Assert.True(resultOverflow.Length + stepOverflow.Length == 0,
            $"At {width}px wide the page scrolls sideways (WCAG 1.4.10 Reflow). Elements wider than the viewport:" +
            Format("result", resultOverflow) + Format("first step", stepOverflow));
        session.AssertNoProblems();
    }

    [Fact]
    public async Task ShareLink_Unknown_ShowsFriendlyNotFoundPage()
    {
        await using var session = await browser.NewSessionAsync();

        var notFound = await ErrorPage.OpenMissingAsync(session, "/a/" + new string('x', 43));
        await notFound.GoHomeAsync();

        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    /// <summary>
    /// The elements that push the page wider than the viewport: those sticking out while none of their children
    /// does (the causes), e.g. <c>span.citation right=523px</c>. Empty when nothing scrolls sideways.
    /// </summary>
    private static Task<string[]> SidewaysOverflowAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            const sticksOut = e => e.getBoundingClientRect().right > width + 1;
            const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
                (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "");
            const path = e => [e.parentElement?.parentElement, e.parentElement, e].filter(Boolean).map(name).join(" > ");
            const causes = [...document.querySelectorAll("body *")]
                .filter(e => !(e instanceof SVGElement) && sticksOut(e) && ![...e.children].some(sticksOut))
                .map(e => path(e) + " right=" + Math.round(e.getBoundingClientRect().right) + "px");
            return [...new Set(causes)].slice(0, 10);
        }
        """);

    private static string Format(string screen, string[] overflow) => overflow.Length == 0
        ? ""
        : $"{Environment.NewLine}  {screen}:{Environment.NewLine}    " + string.Join($"{Environment.NewLine}    ", overflow);

    private void Written(string? path) => output.WriteLine(path is null
        ? $"Screenshot rendered, not written ({Screenshots.DirectoryVariable} is not set)."
        : $"Screenshot: {path}");
}
