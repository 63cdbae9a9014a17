using FineTuneAdvisor.Browser.Tests.Pages.Assess;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>What the questionnaire does with a missing answer and with hostile text.</summary>
public sealed class QuestionnaireInputTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task QuestionnaireStep_OneChoiceUnanswered_ShowsErrorBesideItLinkedFromSummary()
    {
        await using var session = await browser.NewSessionAsync();
        var answers = Answers.StrongCase();
        var unanswered = QuestionCatalogue.Find("domain")!;
        const string message = "Choose one of the options.";

        var step = await QuestionnaireStepPage.OpenAsync(session, QuestionnaireSteps.First);
        await step.AnswerAsync(answers, skip: unanswered.Id);
        step = await step.NextExpectingErrorsAsync();

        await Expect(step.ErrorSummary).ToContainTextAsync("Please check this answer");
        // site.js moves focus to the summary so a screen reader announces it.
        await Expect(step.ErrorSummary).ToBeFocusedAsync();
        await step.ExpectErrorBesideAsync(unanswered, message);
        foreach (var other in step.Step.Questions.Where(q => q != unanswered))
        {
            await step.ExpectNoErrorAsync(other);
        }

        // Nothing typed is lost: every other answer is still there.
        await step.ExpectAnsweredAsync(answers, skip: unanswered.Id);

        await step.FollowSummaryLinkAsync(unanswered, message);
        await step.AnswerAsync(unanswered, answers[unanswered.Id]);
        await step.NextAsync();
        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task Questionnaire_MarkupTypedInUseCaseSummary_ShowsAsTextAndNeverRuns()
    {
        await using var session = await browser.NewSessionAsync(runAxe: false);
        const string typed = "<img src=x onerror=window.__xss=1> <script>window.__xss=2</script> <b>bold</b> & \"quoted\"";
        var answers = Answers.StrongCase();
        answers["use_case_summary"] = typed;

        var step = await QuestionnaireStepPage.OpenAsync(session, QuestionnaireSteps.First);
        var review = await step.AnswerRemainingStepsAsync(answers);
        await Expect(review.Answer(QuestionCatalogue.Find("use_case_summary")!)).ToHaveTextAsync(typed);
        var result = await review.SeeResultAsync();

        Assert.Equal(typed, await result.UseCase.InnerTextAsync());
        await Expect(result.UseCase.Locator("*")).ToHaveCountAsync(0);
        Assert.True(await session.Page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"), "Typed markup ran as script.");
        session.AssertNoProblems();
    }
}
