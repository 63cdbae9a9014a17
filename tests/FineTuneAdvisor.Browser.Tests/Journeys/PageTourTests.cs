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

        // The thresholds' fields of one row line up, however long each one's help is.
        var ragged = await page.EvaluateAsync<string[]>("""
            () => {
                const rows = new Map();
                for (const t of document.querySelectorAll(".threshold")) {
                    const field = t.querySelector("input:not([type=hidden]), select");
                    const top = Math.round(t.getBoundingClientRect().top);
                    (rows.get(top) ?? rows.set(top, []).get(top)).push(Math.round(field.getBoundingClientRect().bottom));
                }
                return [...rows.values()].filter(tops => new Set(tops).size > 1).map(tops => tops.join(" / "));
            }
            """);
        Assert.True(ragged.Length == 0, $"Threshold fields of one row end at different heights (px): {string.Join("; ", ragged)}");
        await page.GotoAsync("/admin/catalogue");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await LookAsync("admin-catalogue");

        Assert.True(overflow.Count == 0,
            $"At {device} width ({scheme}) these pages scroll sideways (WCAG 1.4.10 Reflow):{Environment.NewLine}  " + string.Join($"{Environment.NewLine}  ", overflow));
        session.AssertNoProblems();
    }

    /// <summary>
    /// Faults the tour's screenshots showed, stated so they stay fixed: a confirmation's buttons start under its text (they
    /// sat at the right edge), the summary box is as wide as the choices below it, the family choice as wide as the link
    /// field, the rule editor's selects as legible as its text fields, the thresholds' fields of a row line up, and the
    /// catalogue's notes show their whole text.
    /// </summary>
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Pages_LineUp_AndShowTheirWholeText(string device)
    {
        var email = $"line-up-{device}@example.test";
        await browser.EnsureAdminAsync(email, Passphrase);
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions
        {
            ViewportSize = device == "phone" ? Viewports.Phone : new ViewportSize { Width = 1280, Height = 800 },
        }, runAxe: false);
        var page = session.Page;

        await page.GotoAsync($"/assess/{QuestionnaireSteps.First.Id}");
        Assert.Equal(await BoxAsync(page, ".question .choice"), await BoxAsync(page, "#field-use_case_summary"), Tolerance.Instance);
        await page.Locator("#field-use_case_summary").FillAsync("Sort support tickets by urgency.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and finish later", Exact = true }).ClickAsync();

        await page.GotoAsync("/assess/clear");
        var lead = await BoxAsync(page, "main .lead");
        var clear = await BoxAsync(page, ".confirm-actions .button");
        Assert.True(Math.Abs(lead.Left - clear.Left) <= 1, $"The first button starts at {clear.Left}px, the text at {lead.Left}px.");

        // A family: an assessment and its revision; the comparison offers the other to pick.
        var token = await browser.CreateAssessmentAsync(Answers.StrongCase());
        await page.GotoAsync($"/a/{token}/revise");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the revision" }).ClickAsync();
        var step = await QuestionnaireStepPage.ExpectAsync(session, QuestionnaireSteps.First, " (revision)");
        while (step.StepNumber < QuestionnaireSteps.All.Count)
        {
            step = await step.NextAsync();
        }

        await (await step.NextToReviewAsync()).SeeResultAsync();
        await page.GotoAsync($"/compare?a={Uri.EscapeDataString(new Uri(browser.BaseAddress, $"/a/{token}").ToString())}");
        Assert.Equal(await BoxAsync(page, "#link-a"), (await BoxAsync(page, ".family-pick .choice")) with { Left = (await BoxAsync(page, "#link-a")).Left }, Tolerance.Instance);

        var signIn = await SignInPage.OpenAsync(session);
        await signIn.SignInAsync(email, Passphrase);
        await page.GotoAsync("/admin/rules");
        await page.Locator("main details summary").First.ClickAsync();
        var fontSizes = await page.EvaluateAsync<double[]>("""
            () => [".rules-table select", ".rules-table input[type=text]"].map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))
            """);
        Assert.Equal(fontSizes[1], fontSizes[0]);
        // The thresholds' fields of one row line up, however long each one's help is.
        var ragged = await page.EvaluateAsync<string[]>("""
            () => {
                const rows = new Map();
                for (const t of document.querySelectorAll(".threshold")) {
                    const field = t.querySelector("input:not([type=hidden]), select");
                    const top = Math.round(t.getBoundingClientRect().top);
                    (rows.get(top) ?? rows.set(top, []).get(top)).push(Math.round(field.getBoundingClientRect().bottom));
                }
                return [...rows.values()].filter(tops => new Set(tops).size > 1).map(tops => tops.join(" / "));
            }
            """);
        Assert.True(ragged.Length == 0, $"Threshold fields of one row end at different heights (px): {string.Join("; ", ragged)}");
        await page.GotoAsync("/admin/catalogue");
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll(".cat-field textarea")].filter(t => t.scrollHeight > t.clientHeight + 1).map(t => t.id)
            """);
        Assert.True(cut.Length == 0, $"These catalogue boxes cut their text: {string.Join(", ", cut)}");
        session.AssertNoProblems();
    }

    /// <summary>Paper has no use for links to click, buttons or link fields: the printed review and comparison leave them out.</summary>
    [Fact]
    public async Task PrintedReviewAndComparison_LeaveOutWhatOnlyWorksOnScreen()
    {
        await using var session = await browser.NewSessionAsync(runAxe: false);
        var page = session.Page;
        var step = await QuestionnaireStepPage.OpenAsync(session, QuestionnaireSteps.First);
        await step.AnswerRemainingStepsAsync(Answers.StrongCase());

        var review = await PrintedTextAsync(page);
        Assert.Contains("Review your answers", review, StringComparison.Ordinal);
        Assert.Contains("FineTuneAdvisor questionnaire", review, StringComparison.Ordinal);
        foreach (var screenOnly in new[] { "Change", "See the result", "Save and finish later", "questions answered", "straight back here" })
        {
            Assert.DoesNotContain(screenOnly, review, StringComparison.Ordinal);
        }

        var first = await browser.CreateAssessmentAsync(Answers.StrongCase());
        var second = await browser.CreateAssessmentAsync(Answers.StrongCase());
        var a = new Uri(browser.BaseAddress, $"/a/{first}").ToString();
        var b = new Uri(browser.BaseAddress, $"/a/{second}").ToString();
        await page.GotoAsync($"/compare?a={Uri.EscapeDataString(a)}&b={Uri.EscapeDataString(b)}");
        await Expect(page.Locator(".comparison")).ToBeVisibleAsync();
        var comparison = await PrintedTextAsync(page);
        Assert.Contains("FineTuneAdvisor comparison", comparison, StringComparison.Ordinal);
        Assert.DoesNotContain("Or paste the link", comparison, StringComparison.Ordinal);
        Assert.Contains(first[..12], comparison, StringComparison.Ordinal);
        Assert.Contains(second[..12], comparison, StringComparison.Ordinal);
        session.AssertNoProblems();
    }

    private static async Task<string> PrintedTextAsync(IPage page)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true }));
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    /// <summary>An element's left and right edges, in CSS pixels.</summary>
    private static async Task<Box> BoxAsync(IPage page, string selector)
    {
        var box = await page.Locator(selector).First.BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not on the page.");
        return new Box(Math.Round(box.X), Math.Round(box.X + box.Width));
    }

    private sealed record Box(double Left, double Right);

    /// <summary>Edges within a pixel of each other line up.</summary>
    private sealed class Tolerance : IEqualityComparer<Box>
    {
        public static readonly Tolerance Instance = new();

        public bool Equals(Box? x, Box? y) => x is not null && y is not null && Math.Abs(x.Left - y.Left) <= 1 && Math.Abs(x.Right - y.Right) <= 1;

        public int GetHashCode(Box obj) => 0;
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
