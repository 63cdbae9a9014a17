using FineTuneAdvisor.Browser.Tests.Pages;
using FineTuneAdvisor.Browser.Tests.Pages.Results;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// A person answering the whole questionnaire in a real browser, from the landing page to the result, with and without
/// JavaScript. Every screen on the way is audited (console, CSP, network; axe-core with JavaScript on).
/// </summary>
public sealed class QuestionnaireJourneyTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Questionnaire_WithJavaScript_CompletesAndShowsResult()
    {
        await using var session = await browser.NewSessionAsync();
        var answers = Answers.StrongCase();

        var result = await CompleteFromLandingPageAsync(session, answers);

        await Expect(result.Verdict).ToHaveTextAsync("Fine-tune for production");
        await result.ExpectChartAndPlanAsync();
        await Expect(result.UseCase).ToHaveTextAsync(answers["use_case_summary"]);
        // The enhancements that need script are switched on.
        await Expect(result.CopyLinkButton).ToBeVisibleAsync();
        await Expect(result.PrintButton).ToBeVisibleAsync();
        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task Questionnaire_WithJavaScriptOff_CompletesAndShowsResult()
    {
        // Same screens as above, where axe-core already checks them; this journey proves they work without script.
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions { JavaScriptEnabled = false }, runAxe: false);
        var answers = Answers.StrongCase();

        var result = await CompleteFromLandingPageAsync(session, answers);

        await Expect(result.Verdict).ToHaveTextAsync("Fine-tune for production");
        await result.ExpectChartAndPlanAsync();
        await Expect(result.ShareUrl).ToHaveValueAsync(session.Page.Url);
        session.AssertNoProblems();

        // Buttons that need script must stay hidden without it (they carry the hidden attribute until site.js runs).
        await Expect(result.CopyLinkButton).ToBeHiddenAsync();
        await Expect(result.PrintButton).ToBeHiddenAsync();
    }

    /// <summary>Landing → Start → every step through the UI, going Back once on the way → review → See the result.</summary>
    private static async Task<ResultPage> CompleteFromLandingPageAsync(BrowserSession session, Dictionary<string, string> answers)
    {
        var landing = await LandingPage.OpenAsync(session);
        var step = await landing.StartAssessmentAsync();
        if (session.JavaScriptEnabled)
        {
            await Expect(step.CharacterCounter).ToHaveTextAsync($"0 of {AnswerCheck.MaxTextLength} characters");
        }
        else
        {
            await Expect(step.CharacterCounter).ToHaveCountAsync(0);
        }

        await step.AnswerAsync(answers);
        if (session.JavaScriptEnabled)
        {
            await Expect(step.CharacterCounter).ToHaveTextAsync($"{answers["use_case_summary"].Length} of {AnswerCheck.MaxTextLength} characters");
        }

        step = await step.NextAsync();
        await step.AnswerAsync(answers);

        // Back from the second step: both steps keep what was entered.
        step = await step.BackAsync();
        await step.ExpectAnsweredAsync(answers);
        step = await step.NextAsync();
        await step.ExpectAnsweredAsync(answers);

        var review = await step.AnswerRemainingStepsAsync(answers);
        await review.ExpectAnswersListedAsync(answers);
        return await review.SeeResultAsync();
    }
}
