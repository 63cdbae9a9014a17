using FineTuneAdvisor.Browser.Tests.Pages.Results;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>Printing a shared result (or saving it as PDF) gives one clean document with the chart.</summary>
public sealed class PrintTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SharedResult_Printed_ShowsTheReportWithoutSiteChromeOrButtons()
    {
        var token = await browser.CreateAssessmentAsync(Answers.StrongCase());
        await using var session = await browser.NewSessionAsync(runAxe: false);
        var result = await ResultPage.OpenAsync(session, token);
        var page = session.Page;

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Expect(result.Verdict).ToBeVisibleAsync();
        await Expect(page.Locator("svg.criteria-chart")).ToBeVisibleAsync();
        await Expect(page.Locator("section.plan")).ToBeVisibleAsync();
        foreach (var chrome in new[] { ".site-header", ".site-footer", ".share", ".downloads", "a.button" })
        {
            Assert.Equal(0, await page.Locator(chrome).Filter(new LocatorFilterOptions { Visible = true }).CountAsync());
        }

        // The same document as a PDF: Chromium renders it, a few A4 pages, no error.
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = false });
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        session.AssertNoProblems();
    }
}
