using FineTuneAdvisor.Browser.Tests.Pages.Assess;
using FineTuneAdvisor.Browser.Tests.Pages.Results;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// The result page as a product manager meets it: the verdict and the first step of the plan without scrolling on a
/// desktop and within a screen and a half on a phone (the owner's view included), and six verdicts that never look alike.
/// </summary>
public sealed class ResultLayoutTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>The desktop of the issue (1280×800: a laptop with browser chrome) and a phone; the screens allowed for the first plan step.</summary>
    public static TheoryData<string, int, int, double> Devices => new()
    {
        { "desktop", 1280, 800, 1.0 },
        { "phone", 390, 844, 1.5 },
    };

    /// <summary>One answer set per verdict: the strong case, varied as the golden cases show.</summary>
    private static readonly string[] VerdictCodes = ["fine_tune", "pilot", "rag", "rag_and_fine_tune", "prompt_engineering", "not_ready"];

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task SharedAndOwnerView_AtWidth_VerdictAndFirstPlanStepWithinReach(string device, int width, int height, double screens)
    {
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } }, runAxe: false);

        // The owner's first view: created through the questionnaire in this browser, so the manage link is shown once.
        var step = await QuestionnaireStepPage.OpenAsync(session, QuestionnaireSteps.First);
        var review = await step.AnswerRemainingStepsAsync(VariedStrongCase("pilot"));
        var owner = await review.SeeResultAsync();
        await Expect(session.Page.Locator("#manage-url")).ToBeVisibleAsync();
        var ownerMeasure = await MeasureAsync(session.Page, owner);
        Written(await Screenshots.CaptureAsync(session.Page, $"result-owner-{device}"));

        // The same assessment as anyone with the link sees it.
        var token = await browser.CreateAssessmentAsync(VariedStrongCase("not_ready"));
        var shared = await ResultPage.OpenAsync(session, token);
        var sharedMeasure = await MeasureAsync(session.Page, shared);
        Written(await Screenshots.CaptureAsync(session.Page, $"result-not_ready-{device}"));

        output.WriteLine($"{device}: owner verdict bottom {ownerMeasure.Verdict:0}px, first step bottom {ownerMeasure.FirstStep:0}px; " +
            $"shared verdict bottom {sharedMeasure.Verdict:0}px, first step bottom {sharedMeasure.FirstStep:0}px (screen {height}px)");
        var limit = height * screens;
        Assert.True(ownerMeasure.Verdict <= height && sharedMeasure.Verdict <= height,
            $"The verdict must be on the first screen ({height}px): owner {ownerMeasure.Verdict:0}px, shared {sharedMeasure.Verdict:0}px.");
        Assert.True(ownerMeasure.FirstStep <= limit && sharedMeasure.FirstStep <= limit,
            $"The first plan step must end within {screens} screens ({limit:0}px): owner {ownerMeasure.FirstStep:0}px, shared {sharedMeasure.FirstStep:0}px.");
        session.AssertNoProblems();
    }

    [Fact]
    public async Task SixVerdicts_EachCard_HasItsOwnColourAndIcon_AndTheScoreBarFollowsIt()
    {
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } }, runAxe: false);
        var cards = new List<(string Code, string Colour, string Icon, string Bar)>();
        foreach (var code in VerdictCodes)
        {
            var token = await browser.CreateAssessmentAsync(VariedStrongCase(code));
            await ResultPage.OpenAsync(session, token);
            var header = session.Page.Locator(".result-header");
            await Expect(header).ToHaveAttributeAsync("data-verdict", code);
            var colour = await header.EvaluateAsync<string>("e => getComputedStyle(e).borderTopColor");
            var icon = session.Page.Locator(".result-header svg.verdict-icon");
            await Expect(icon).ToBeVisibleAsync();
            var iconShape = await icon.InnerHTMLAsync();
            var iconColour = await icon.EvaluateAsync<string>("e => getComputedStyle(e).stroke");
            var bar = await session.Page.Locator(".result-header .meter-fill").EvaluateAsync<string>("e => getComputedStyle(e).fill");
            Assert.Equal(colour, iconColour);
            cards.Add((code, colour, iconShape, bar));
            Written(await Screenshots.CaptureAsync(session.Page, $"verdict-{code}"));
        }

        Assert.Equal(6, cards.Select(c => c.Colour).Distinct().Count());
        Assert.Equal(6, cards.Select(c => c.Icon).Distinct().Count());
        // The score bar is drawn in the verdict's colour: never blue under "Not ready".
        Assert.All(cards, c => Assert.Equal(c.Colour, c.Bar));
        session.AssertNoProblems();
    }

    /// <summary>The answers that reach <paramref name="verdict"/>, as the golden cases do (docs/scoring.md, "The procedure").</summary>
    internal static Dictionary<string, string> VariedStrongCase(string verdict)
    {
        var answers = Answers.StrongCase();
        var changes = verdict switch
        {
            "pilot" => new Dictionary<string, string> { ["has_eval_set"] = "false" },
            "rag" => new() { ["knowledge_vs_behavior"] = "knowledge", ["change_frequency"] = "daily", ["output_requirements"] = "free_form", ["domain"] = "business" },
            "rag_and_fine_tune" => new() { ["knowledge_vs_behavior"] = "both", ["change_frequency"] = "daily" },
            "prompt_engineering" => new() { ["prompting_status"] = "works_well", ["domain"] = "general", ["output_requirements"] = "free_form" },
            // Three blockers at once: the card lists each on its own line.
            "not_ready" => new() { ["data_rights"] = "no", ["bias_risk"] = "high", ["bias_mitigation"] = "none", ["data_sensitivity"] = "personal" },
            _ => [],
        };
        foreach (var (id, value) in changes)
        {
            answers[id] = value;
        }

        return answers;
    }

    /// <summary>Where the verdict and the first plan step end, in pixels from the top of the page.</summary>
    private static async Task<(double Verdict, double FirstStep)> MeasureAsync(IPage page, ResultPage result)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var verdict = await result.Verdict.BoundingBoxAsync() ?? throw new InvalidOperationException("The verdict is not rendered.");
        var firstStep = await result.PlanSteps.First.BoundingBoxAsync() ?? throw new InvalidOperationException("The plan has no step.");
        return (verdict.Y + verdict.Height, firstStep.Y + firstStep.Height);
    }

    private void Written(string? path) => output.WriteLine(path is null
        ? $"Screenshot rendered, not written ({Screenshots.DirectoryVariable} is not set)."
        : $"Screenshot: {path}");
}
