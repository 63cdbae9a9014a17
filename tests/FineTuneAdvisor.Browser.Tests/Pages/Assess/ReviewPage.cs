using System.Globalization;
using FineTuneAdvisor.Browser.Tests.Pages.Results;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Scoring.Questionnaire;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages.Assess;

/// <summary>The review step, <c>/assess/review</c>: every answer listed before the result.</summary>
public sealed class ReviewPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public static async Task<ReviewPage> ExpectAsync(BrowserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        await Expect(session.Page.Locator(Selectors.Heading)).ToHaveTextAsync("Review your answers");
        await Expect(session.Page.Locator(Selectors.ProgressCount)).ToHaveTextAsync($"Step {Web.Pages.Assess.IndexModel.Steps.Length} of {Web.Pages.Assess.IndexModel.Steps.Length}");
        await session.AuditAsync("review");
        return new ReviewPage(session);
    }

    /// <summary>Each question's row shows the answer as a person reads it: choice labels, grouped numbers, text as typed.</summary>
    public async Task ExpectAnswersListedAsync(IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        await Expect(Page.Locator(Selectors.Rows)).ToHaveCountAsync(QuestionCatalogue.Questions.Count);
        foreach (var question in QuestionCatalogue.Questions)
        {
            var asked = question.AppliesTo(new AnswerSet(answers.Where(a => QuestionCatalogue.Find(a.Key) is not null)));
            var expected = !asked ? "Not asked (does not apply to these answers)"
                : question.Optional && !answers.ContainsKey(question.Id) ? "Not answered (optional)"
                : AsListed(question, answers[question.Id]);
            await Expect(Answer(question)).ToHaveTextAsync(expected);
        }
    }

    public ILocator Answer(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Page.Locator(Selectors.AnswerOf(question.Id));
    }

    public async Task<ResultPage> SeeResultAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = Selectors.SeeResultButtonName }).ClickAsync();
        await Page.WaitForURLAsync(url => ResultPage.IsResultUrl(url));
        return await ResultPage.ExpectAsync(session);
    }

    private static string AsListed(Question question, string value) => question.Type switch
    {
        QuestionType.Number when question.Optional && value == Choice.NotSure => "Not sure (a typical value is used)",
        QuestionType.Number => long.Parse(value, CultureInfo.InvariantCulture)
            .ToString("N0", CultureInfo.InvariantCulture) + (question.Unit is { } unit ? (unit == "%" ? "%" : " " + unit) : ""),
        _ when question.ChoicesFromCatalogue => question.LabelOf(value) ?? value,
        QuestionType.Choice or QuestionType.Boolean => question.LabelOf(value)!,
        _ => value,
    };

    private static class Selectors
    {
        public const string Heading = "main h1";
        public const string ProgressCount = ".progress-count";
        public const string Rows = ".review-row";
        public const string SeeResultButtonName = "See the result";

        /// <summary>A row is found by its Change link, which targets the question's id.</summary>
        public static string AnswerOf(string questionId) => $".review-row:has(a[href$='#q-{questionId}']) dd:not(.change)";
    }
}
