using FineTuneAdvisor.Browser.Tests.Pages.Assess;
using FineTuneAdvisor.Browser.Tests.Pages.Results;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// An owner shares an assessment with a teammate, revokes the link, revises the assessment and compares the two
/// versions, all through the UI in two browser contexts (the teammate's has no owner cookie). Every owner screen
/// is audited: console, CSP, network, axe-core.
/// </summary>
public sealed class SharingTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string NotShared = "This assessment is not shared";

    [Fact]
    public async Task Owner_SharesRevokesRevisesAndCompares_TheTeammateSeesOnlyWhatIsShared()
    {
        await using var owner = await browser.NewSessionAsync();
        await using var teammate = await browser.NewSessionAsync();
        await owner.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var answers = Answers.StrongCase();
        var page = owner.Page;

        // The owner answers the questionnaire; the result shows the manage link once, with a copy button.
        var step = await QuestionnaireStepPage.OpenAsync(owner, QuestionnaireSteps.First);
        var result = await (await step.AnswerRemainingStepsAsync(answers)).SeeResultAsync();
        var ownerPanel = page.Locator(".owner-panel");
        await Expect(ownerPanel.Locator("#manage-url")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/manage/[A-Za-z0-9_-]{43}$"));
        await Expect(ownerPanel.GetByRole(AriaRole.Button, new() { Name = "Copy manage link" })).ToBeVisibleAsync();

        // The share link, copied from its field with the Copy button.
        await page.Locator(".share").GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Expect(page.Locator(".share").GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
        var shareUrl = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        await Expect(result.ShareUrl).ToHaveValueAsync(shareUrl);
        var sharePath = new Uri(shareUrl).AbsolutePath;

        // The teammate opens it read-only: no owner panel, no manage link anywhere.
        await teammate.Page.GotoAsync(shareUrl);
        await ResultPage.ExpectAsync(teammate);
        await Expect(teammate.Page.Locator(".owner-panel")).ToHaveCountAsync(0);
        Assert.DoesNotContain("/manage/", await teammate.Page.ContentAsync(), StringComparison.Ordinal);

        // The owner revokes the link on the manage page.
        await page.ReloadAsync();
        await Expect(ownerPanel.Locator("#manage-url")).ToHaveCountAsync(0);
        await ownerPanel.GetByRole(AriaRole.Link, new() { Name = "Manage this assessment" }).ClickAsync();
        await Expect(page.Locator(".manage > .eyebrow")).ToHaveTextAsync("Owner's page");
        await owner.AuditAsync("manage");
        await page.Locator(".links-table").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The share link was revoked");
        await Expect(page.Locator(".links-table .link-status")).ToHaveTextAsync("Revoked");
        var manageUrl = page.Url;

        // The teammate's reload now gets the not-shared page.
        teammate.ExpectHttpError(sharePath);
        var reload = await teammate.Page.ReloadAsync();
        Assert.Equal(404, reload?.Status);
        await Expect(teammate.Page.Locator("main h1")).ToHaveTextAsync(NotShared);
        await teammate.AuditAsync("not shared");

        // A new link, then a revision started from it: the questionnaire opens pre-filled, one answer changes.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var newLink = await page.Locator("#new-share-url").InputValueAsync();
        await page.GotoAsync(newLink);
        await ResultPage.ExpectAsync(owner);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a revision" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Start a revision");
        await owner.AuditAsync("revise");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the revision" }).ClickAsync();
        step = await QuestionnaireStepPage.ExpectAsync(owner, QuestionnaireSteps.First, " (revision)");
        await Expect(page.Locator(".revision-notice")).ToBeVisibleAsync();
        await step.ExpectAnsweredAsync(answers);
        var examples = QuestionCatalogue.Find("example_count")!;
        while (!step.Step.Holds(examples))
        {
            step = await step.NextAsync();
            await step.ExpectAnsweredAsync(answers);
        }

        await step.AnswerAsync(examples, "2500");
        while (step.StepNumber < QuestionnaireSteps.All.Count)
        {
            step = await step.NextAsync();
        }

        var revision = await (await step.NextToReviewAsync()).SeeResultAsync();
        await Expect(revision.Verdict).ToHaveTextAsync("Run a fine-tuning pilot first");
        var timeline = page.Locator(".timeline > li");
        await Expect(timeline).ToHaveCountAsync(2);
        await Expect(timeline.Nth(1)).ToContainTextAsync("How many examples do you have today?");

        // The comparison, through the timeline.
        await timeline.Nth(1).GetByRole(AriaRole.Link, new() { Name = "Compare with the version it was made from" }).ClickAsync();
        await Expect(page.Locator(".changed-answers tr.changed")).ToHaveCountAsync(1);
        await Expect(page.Locator(".changed-answers tr.changed")).ToContainTextAsync("2,500");
        await Expect(page.Locator(".comparison")).ToContainTextAsync("Run a fine-tuning pilot first");
        await owner.AuditAsync("compare (timeline)");

        // The delete confirmation of the first version; cancelling keeps it.
        await page.GotoAsync(manageUrl);
        await Expect(page.Locator(".timeline > li")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete this assessment…" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Delete this assessment?");
        await owner.AuditAsync("delete confirmation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel, keep it" }).ClickAsync();
        await Expect(page.Locator(".manage > .eyebrow")).ToHaveTextAsync("Owner's page");

        owner.WriteAxeNotes(output);
        teammate.WriteAxeNotes(output);
        owner.AssertNoProblems();
        teammate.AssertNoProblems();
    }
}
