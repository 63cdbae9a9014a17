using System.Text.RegularExpressions;
using FineTuneAdvisor.Browser.Tests.Pages.Results;
using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// Printing a shared result (or saving it as PDF): page 1 is an executive summary a product manager can take into a
/// meeting, the details follow as a numbered appendix, and nothing meant for the screen reaches paper.
/// </summary>
public sealed partial class PrintTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>Words that only make sense on a screen: buttons, forms, and the history's "(this page)".</summary>
    private static readonly string[] ScreenOnly =
    [
        "Start a revision", "start a revision", "(this page)", "Copy link", "Print or save as PDF", "Manage this assessment",
        "Start a new assessment", "Compare with another assessment", "Download:", "Skip to content", "Anyone with this link",
    ];

    [Fact]
    public async Task SharedResult_Printed_ShowsTheReportWithoutSiteChromeOrButtons()
    {
        var token = await browser.CreateAssessmentAsync(ResultLayoutTests.VariedStrongCase("fine_tune"));
        await using var session = await browser.NewSessionAsync(runAxe: false);
        var result = await ResultPage.OpenAsync(session, token);
        var page = session.Page;

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Expect(result.Verdict).ToBeVisibleAsync();
        await Expect(page.Locator("svg.criteria-chart")).ToBeVisibleAsync();
        await Expect(page.Locator("section.plan")).ToBeVisibleAsync();
        await Expect(page.Locator(".print-masthead")).ToBeVisibleAsync();
        foreach (var chrome in new[] { ".site-header", ".site-footer", ".share", ".downloads", ".owner-panel", "a.button", "button", "form", "input" })
        {
            Assert.Equal(0, await page.Locator(chrome).Filter(new LocatorFilterOptions { Visible = true }).CountAsync());
        }

        session.AssertNoProblems();
    }

    [Fact]
    public async Task SharedResult_AsPdf_PageOneIsTheSummaryThenANumberedAppendix()
    {
        var answers = ResultLayoutTests.VariedStrongCase("pilot");
        var token = await browser.CreateAssessmentAsync(answers);
        await using var session = await browser.NewSessionAsync(runAxe: false);
        var result = await ResultPage.OpenAsync(session, token);
        var page = session.Page;
        var shareUrl = await result.ShareUrl.InputValueAsync();
        var verdict = (await result.Verdict.InnerTextAsync()).Trim();
        var firstStep = (await result.PlanSteps.First.Locator(".step-text").InnerTextAsync()).Trim();
        var firstReason = (await page.Locator(".reason-list li .reason-text").First.EvaluateAsync<string>("e => e.firstChild.textContent")).Trim();

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var headings = (await page.Locator("main h2, main h3, main summary").Filter(new() { Visible = true }).AllInnerTextsAsync())
            .Select(Normalise).Where(h => h.Length > 0).ToHashSet(StringComparer.Ordinal);
        // PreferCSSPageSize: the stylesheet's @page (A4, margins, page-number boxes) decides, as in a browser's print dialog.
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        if (Environment.GetEnvironmentVariable(Screenshots.DirectoryVariable) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(Path.Combine(directory, "result-printed.pdf"), pdf);
        }

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => (Text: Normalise(string.Join(' ', p.GetWords().Select(w => w.Text))), Lines: Lines(p))).ToList();
        var count = pages.Count;
        for (var i = 0; i < count; i++)
        {
            output.WriteLine($"--- page {i + 1} ---{Environment.NewLine}{string.Join(Environment.NewLine, pages[i].Lines)}");
        }

        // Page 1: the executive summary.
        var first = pages[0].Text;
        foreach (var expected in new[] { "FineTuneAdvisor", answers["use_case_summary"], "Share link", verdict, "readiness to fine-tune", "Case for fine-tuning", "Team readiness", "The plan", firstStep, "Top reasons", firstReason })
        {
            Assert.True(first.Contains(Normalise(expected), StringComparison.Ordinal), $"Page 1 lacks \"{expected}\":{Environment.NewLine}{first}");
        }

        // A long link may wrap where the PDF puts a line break: read it without spaces.
        Assert.Contains(shareUrl, first.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches(SavedOn(), first);
        Assert.DoesNotContain("Appendix", first, StringComparison.Ordinal);
        // The details follow as an appendix, a few pages, each numbered.
        Assert.StartsWith("Appendix: the details", pages[1].Text, StringComparison.Ordinal);
        Assert.InRange(count, 2, 6);
        for (var i = 0; i < count; i++)
        {
            Assert.Contains($"Page {i + 1} of {count}", pages[i].Text, StringComparison.Ordinal);
            foreach (var screenOnly in ScreenOnly)
            {
                Assert.False(pages[i].Text.Contains(screenOnly, StringComparison.Ordinal), $"Page {i + 1} prints the screen-only \"{screenOnly}\".");
            }

            // No heading left alone at the foot of a page: the last line above the page number is never a heading.
            var body = pages[i].Lines.Where(l => !l.Contains("FineTuneAdvisor assessment report", StringComparison.Ordinal)).ToList();
            Assert.False(body.Count > 0 && headings.Contains(body[^1]), $"Page {i + 1} ends with the heading \"{body[^1]}\".");
        }

        session.AssertNoProblems();
    }

    /// <summary>A page's text lines, top to bottom (words on one baseline, left to right).</summary>
    private static List<string> Lines(Page page) =>
        [.. page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom / 3))
            .OrderByDescending(g => g.Key)
            .Select(g => Normalise(string.Join(' ', g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))))];

    /// <summary>One space between words, and the PDF's ligatures ("ﬁ") spelt out.</summary>
    private static string Normalise(string text) =>
        WhiteSpace().Replace(text, " ").Replace("ﬁ", "fi", StringComparison.Ordinal).Replace("ﬂ", "fl", StringComparison.Ordinal)
            .Replace("ﬀ", "ff", StringComparison.Ordinal).Replace("ﬃ", "ffi", StringComparison.Ordinal).Replace("ﬄ", "ffl", StringComparison.Ordinal).Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"Saved \d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC")]
    private static partial Regex SavedOn();
}
