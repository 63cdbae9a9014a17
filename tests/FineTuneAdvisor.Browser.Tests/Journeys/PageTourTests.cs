using FineTuneAdvisor.Browser.Tests.Pages.Admin;
using FineTuneAdvisor.Browser.Tests.Pages.Assess;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// A walk through the pages a person meets, at a desktop's and a phone's width, in the light and the dark scheme: every
/// questionnaire step, the review with errors, "continue or start fresh", the clear confirmation, "Your assessments", a
/// revision's timeline and the comparison with its family, and the admin rule editor, thresholds and catalogue. No page
/// may scroll sideways (WCAG 1.4.10 Reflow). With <c>SCREENSHOTS_DIR</c> set, every page is written as a PNG (and the
/// printed questionnaire and comparison as PDFs) for people to look at.
/// </summary>
public sealed class PageTourTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Passphrase = "a heron waits where the river bends slowly";

    public static TheoryData<string, string> Cases => new()
    {
        { "desktop", "light" },
        { "phone", "light" },
        { "desktop", "dark" },
        { "phone", "dark" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryPage_AtWidthAndScheme_FitsTheScreenWithoutSidewaysScrolling(string device, string scheme)
    {
        var email = $"tour-{device}-{scheme}@example.test";
        await browser.EnsureAdminAsync(email, Passphrase);
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions
        {
            ViewportSize = device == "phone" ? Viewports.Phone : new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        }, runAxe: false);
        var page = session.Page;
        var overflow = new List<string>();
        async Task LookAsync(string name)
        {
            Written(await Screenshots.CaptureAsync(page, $"{name}-{device}-{scheme}"));
            overflow.AddRange((await SidewaysOverflowAsync(page)).Select(e => $"{name}: {e}"));
        }

        await page.GotoAsync("/yours");
        await LookAsync("yours-empty");

        // The review submitted with nothing answered: every error, grouped by step.
        await page.GotoAsync("/assess/review");
        await page.GetByRole(AriaRole.Button, new() { Name = "See the result" }).ClickAsync();
        await Expect(page.Locator("#error-summary")).ToBeVisibleAsync();
        await LookAsync("review-errors");

        // Every step, answered, then the review.
        var answers = Answers.StrongCase();
        answers["bias_risk"] = "high";
        answers["bias_mitigation"] = "planned";
        var step = await QuestionnaireStepPage.OpenAsync(session, QuestionnaireSteps.First);
        while (true)
        {
            await step.AnswerAsync(answers);
            await LookAsync($"step{step.StepNumber}-{step.Step.Id}");
            if (step.StepNumber == QuestionnaireSteps.All.Count)
            {
                break;
            }

            step = await step.NextAsync();
        }

        var review = await step.NextToReviewAsync();
        await LookAsync("review");
        await PrintAsync(page, $"questionnaire-review-{device}-{scheme}");
        await page.GotoAsync($"/assess/{QuestionnaireSteps.First.Id}");
        await PrintAsync(page, $"questionnaire-step-{device}-{scheme}");

        await page.GotoAsync("/assess/start");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Continue or start fresh?");
        await LookAsync("start");
        await page.GotoAsync("/assess/clear");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Clear all answers?");
        await LookAsync("clear");

        // The result, a revision of it, the timeline they share and their comparison.
        await page.GotoAsync("/assess/review");
        await review.SeeResultAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a revision" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the revision" }).ClickAsync();
        step = await QuestionnaireStepPage.ExpectAsync(session, QuestionnaireSteps.First, " (revision)");
        var examples = QuestionCatalogue.Find("example_count")!;
        while (!step.Step.Holds(examples))
        {
            step = await step.NextAsync();
        }

        await step.AnswerAsync(examples, "2500");
        while (step.StepNumber < QuestionnaireSteps.All.Count)
        {
            step = await step.NextAsync();
        }

        await (await step.NextToReviewAsync()).SeeResultAsync();
        await Expect(page.Locator(".timeline > li")).ToHaveCountAsync(2);
        Written(await Screenshots.CaptureElementAsync(page.Locator(".timeline").First, $"timeline-{device}-{scheme}"));
        await LookAsync("result-revision");
        await page.Locator(".timeline > li").Nth(1).GetByRole(AriaRole.Link, new() { Name = "Compare with the version it was made from" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await LookAsync("compare-family");
        await PrintAsync(page, $"compare-{device}-{scheme}");

        await page.GotoAsync("/yours");
        await LookAsync("yours");

        // The admin area: the rule editor (a group opened), the thresholds and the price catalogue.
        var signIn = await SignInPage.OpenAsync(session);
        await signIn.SignInAsync(email, Passphrase);
        await page.GotoAsync("/admin/rules");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await LookAsync("admin-rules");
        Written(await Screenshots.CaptureElementAsync(page.Locator(".thresholds").First, $"admin-thresholds-{device}-{scheme}"));
        var group = page.Locator("main details").First;
        if (await group.CountAsync() > 0)
        {
            await group.Locator("summary").First.ClickAsync();
            Written(await Screenshots.CaptureElementAsync(group, $"admin-rule-group-{device}-{scheme}"));
            overflow.AddRange((await SidewaysOverflowAsync(page)).Select(e => $"admin rules, a group open: {e}"));
        }

        await page.GotoAsync("/admin/catalogue");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await LookAsync("admin-catalogue");

        Assert.True(overflow.Count == 0,
            $"At {device} width ({scheme}) these pages scroll sideways (WCAG 1.4.10 Reflow):{Environment.NewLine}  " + string.Join($"{Environment.NewLine}  ", overflow));
        session.AssertNoProblems();
    }

    /// <summary>The page as printed (the stylesheet's @page decides), written as a PDF when screenshots are written.</summary>
    private async Task PrintAsync(IPage page, string name)
    {
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        Assert.True(pdf.Length > 1_000, $"The printout '{name}' is empty.");
        if (Environment.GetEnvironmentVariable(Screenshots.DirectoryVariable) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"{name}.pdf");
            await File.WriteAllBytesAsync(path, pdf);
            output.WriteLine($"Printout: {path}");
        }
    }

    /// <summary>The elements that stick out past the viewport's right edge while none of their children does: the causes.</summary>
    public static Task<string[]> SidewaysOverflowAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= window.innerWidth) return [];
            const sticksOut = e => e.getBoundingClientRect().right > width + 1;
            const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
                (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "");
            const path = e => [e.parentElement?.parentElement, e.parentElement, e].filter(Boolean).map(name).join(" > ");
            const causes = [...document.querySelectorAll("body *")]
                .filter(e => !(e instanceof SVGElement) && sticksOut(e) && ![...e.children].some(sticksOut))
                .map(e => path(e) + " right=" + Math.round(e.getBoundingClientRect().right) + "px");
            return causes.length ? [...new Set(causes)].slice(0, 10) : ["scrollWidth " + document.documentElement.scrollWidth + " > " + window.innerWidth];
        }
        """);

    private void Written(string? path) => output.WriteLine(path is null
        ? $"Screenshot rendered, not written ({Screenshots.DirectoryVariable} is not set)."
        : $"Screenshot: {path}");
}
