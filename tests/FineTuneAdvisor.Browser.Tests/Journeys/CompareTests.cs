using FineTuneAdvisor.Browser.Tests.Pages.Results;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>A team compares an assessment with a later one through the UI, starting from the shared page.</summary>
public sealed class CompareTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SharedPage_CompareWithALaterAssessment_ShowsWhatChanged()
    {
        var answers = Answers.StrongCase();
        answers["example_count"] = "2500";
        var before = await browser.CreateAssessmentAsync(answers);
        answers["example_count"] = "30000";
        var after = await browser.CreateAssessmentAsync(answers);
        await using var session = await browser.NewSessionAsync();

        await ResultPage.OpenAsync(session, before);
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare with another assessment" }).ClickAsync();
        await page.GetByLabel("Second (after)").FillAsync(new Uri(new Uri(page.Url), $"/a/{after}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();

        await Expect(page.Locator(".changed-answers tr.changed")).ToHaveCountAsync(1);
        await Expect(page.Locator(".comparison")).ToContainTextAsync("Fine-tune for production");
        await session.AuditAsync("compare");
        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }
}
