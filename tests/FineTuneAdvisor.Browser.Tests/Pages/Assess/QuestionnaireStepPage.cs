using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Pages.Assess;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages.Assess;

/// <summary>One step of the questionnaire (<see cref="QuestionnaireSteps"/>), <c>/assess/{step}</c> (Pages/Assess/Index.cshtml), answered the way a person does it.</summary>
public sealed class QuestionnaireStepPage
{
    private readonly BrowserSession _session;

    private QuestionnaireStepPage(BrowserSession session, QuestionnaireStep step)
    {
        _session = session;
        Step = step;
    }

    public QuestionnaireStep Step { get; }

    public int StepNumber => QuestionnaireSteps.All.ToList().IndexOf(Step) + 1;

    public ILocator ErrorSummary => Page.Locator(Selectors.ErrorSummary);

    public ILocator CharacterCounter => Page.Locator(Selectors.CharacterCounter);

    private IPage Page => _session.Page;

    /// <summary>Checks that <paramref name="step"/> is the step on screen, then audits it.</summary>
    public static async Task<QuestionnaireStepPage> ExpectAsync(BrowserSession session, QuestionnaireStep step, string state = "")
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(step);
        var page = new QuestionnaireStepPage(session, step);
        await Expect(session.Page.Locator(Selectors.Heading)).ToHaveTextAsync(step.Title);
        // The steps of questions, then the review.
        await Expect(session.Page.Locator(Selectors.ProgressCount)).ToHaveTextAsync($"Step {page.StepNumber} of {QuestionnaireSteps.All.Count + 1}");
        // The step's name, then (for screen readers) how much of it is answered.
        await Expect(session.Page.Locator(Selectors.CurrentStep)).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex($@"^{System.Text.RegularExpressions.Regex.Escape(step.Title)} \((complete|optional|\d+ of \d+ answered)\)$"));
        await session.AuditAsync($"step {page.StepNumber} ({step.Id}){state}");
        return page;
    }

    public static async Task<QuestionnaireStepPage> OpenAsync(BrowserSession session, QuestionnaireStep step)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(step);
        await session.Page.GotoAsync($"/assess/{step.Id}");
        return await ExpectAsync(session, step);
    }

    /// <summary>
    /// Answers every question of this step found in <paramref name="answers"/>, except the ids in <paramref name="skip"/>
    /// and the questions that do not apply to these answers (with script on they are hidden, as bias mitigation at a low risk).
    /// </summary>
    public async Task AnswerAsync(IReadOnlyDictionary<string, string> answers, params string[] skip)
    {
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var question in Asked(answers).Where(q => !skip.Contains(q.Id)))
        {
            await AnswerAsync(question, answers[question.Id]);
        }
    }

    /// <summary>Clicks the choice's label (Playwright then checks its radio is selected), or types into the field.</summary>
    public async Task AnswerAsync(Question question, string value)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.ChoicesFromCatalogue)
        {
            await Page.Locator(Selectors.Field(question.Id)).SelectOptionAsync(value);
        }
        else if (question.Optional && value == Choice.NotSure)
        {
            await Page.Locator($"#not-sure-{question.Id}").CheckAsync();
        }
        else if (question.Type is QuestionType.Choice or QuestionType.Boolean)
        {
            await Page.Locator(Selectors.ChoiceLabel(question.Id, value)).CheckAsync();
        }
        else
        {
            await Page.Locator(Selectors.Field(question.Id)).FillAsync(value);
        }
    }

    /// <summary>Every question of this step, except the ids in <paramref name="skip"/>, shows the answer given earlier.</summary>
    public async Task ExpectAnsweredAsync(IReadOnlyDictionary<string, string> answers, params string[] skip)
    {
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var question in Asked(answers).Where(q => !skip.Contains(q.Id)))
        {
            if (question.Type is QuestionType.Choice or QuestionType.Boolean)
            {
                await Expect(Page.Locator(Selectors.Choice(question.Id, answers[question.Id]))).ToBeCheckedAsync();
            }
            else
            {
                await Expect(Page.Locator(Selectors.Field(question.Id))).ToHaveValueAsync(answers[question.Id]);
            }
        }
    }

    /// <summary>The questions of this step that apply to <paramref name="answers"/>.</summary>
    private IEnumerable<Question> Asked(IReadOnlyDictionary<string, string> answers)
    {
        var given = new AnswerSet(answers.Where(a => QuestionCatalogue.Find(a.Key) is not null));
        return Step.Questions.Where(q => answers.ContainsKey(q.Id) && q.AppliesTo(given));
    }

    /// <summary>Answers this step and every later one from <paramref name="answers"/>, pressing Next each time, up to the review.</summary>
    public async Task<ReviewPage> AnswerRemainingStepsAsync(IReadOnlyDictionary<string, string> answers)
    {
        var step = this;
        await step.AnswerAsync(answers);
        while (step.StepNumber < QuestionnaireSteps.All.Count)
        {
            step = await step.NextAsync();
            await step.AnswerAsync(answers);
        }

        return await step.NextToReviewAsync();
    }

    public async Task<QuestionnaireStepPage> NextAsync()
    {
        var next = QuestionnaireSteps.All[StepNumber];
        await ClickAndWaitAsync(Selectors.NextButtonName, $"/assess/{next.Id}");
        return await ExpectAsync(_session, next);
    }

    public async Task<ReviewPage> NextToReviewAsync()
    {
        await ClickAndWaitAsync(Selectors.NextButtonName, "/assess/review");
        return await ReviewPage.ExpectAsync(_session);
    }

    public async Task<QuestionnaireStepPage> BackAsync()
    {
        var previous = QuestionnaireSteps.All[StepNumber - 2];
        await ClickAndWaitAsync(Selectors.BackButtonName, $"/assess/{previous.Id}");
        return await ExpectAsync(_session, previous);
    }

    /// <summary>Clicks Next on a step with a problem: the same step comes back with its errors.</summary>
    public async Task<QuestionnaireStepPage> NextExpectingErrorsAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = Selectors.NextButtonName, Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("handler=Next", StringComparison.Ordinal));
        await Expect(ErrorSummary).ToBeVisibleAsync();
        return await ExpectAsync(_session, Step, " with errors");
    }

    /// <summary>The error beside the question: inside its block, tied to it by aria-describedby, the inputs marked invalid.</summary>
    public async Task ExpectErrorBesideAsync(Question question, string message)
    {
        ArgumentNullException.ThrowIfNull(question);
        var block = Page.Locator(Selectors.QuestionBlock(question.Id));
        var error = block.Locator(Selectors.FieldError);
        await Expect(error).ToHaveTextAsync($"Error: {message}");
        await Expect(error).ToHaveIdAsync($"error-{question.Id}");
        await Expect(block.Locator(Selectors.DescribedElement)).ToHaveAttributeAsync("aria-describedby",
            new System.Text.RegularExpressions.Regex($@"\berror-{question.Id}\b"));
        foreach (var input in await block.Locator(Selectors.Inputs).AllAsync())
        {
            await Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        }
    }

    public async Task ExpectNoErrorAsync(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        await Expect(Page.Locator(Selectors.QuestionBlock(question.Id)).Locator(Selectors.FieldError)).ToHaveCountAsync(0);
    }

    /// <summary>Follows the summary's link for <paramref name="question"/> and expects to land on that question.</summary>
    public async Task FollowSummaryLinkAsync(Question question, string message)
    {
        ArgumentNullException.ThrowIfNull(question);
        var link = ErrorSummary.Locator(Selectors.SummaryLink(question.Id));
        // "Label: message", but a question's own "?" takes no colon after it.
        await Expect(link).ToHaveTextAsync(question.Label.EndsWith('?') ? $"{question.Label} {message}" : $"{question.Label}: {message}");
        var target = (await link.GetAttributeAsync("href"))!;
        await link.ClickAsync();
        await Page.WaitForURLAsync(url => url.EndsWith(target, StringComparison.Ordinal));

        // The link lands on the field itself, so keyboard and screen-reader users can answer straight away.
        await Expect(Page.Locator(target)).ToBeFocusedAsync();
        await Expect(Page.Locator(Selectors.QuestionBlock(question.Id))).ToBeInViewportAsync();
    }

    private async Task ClickAndWaitAsync(string buttonName, string path)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = buttonName, Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
    }

    private static class Selectors
    {
        public const string Heading = "main h1";
        public const string ProgressCount = ".progress-count";
        public const string CurrentStep = ".progress [aria-current=step]";
        public const string ErrorSummary = "#error-summary";
        public const string FieldError = ".field-error";
        public const string DescribedElement = "fieldset, textarea, input.number";
        public const string Inputs = "input, textarea";
        public const string CharacterCounter = ".char-count";
        public const string NextButtonName = "Next";
        public const string BackButtonName = "Back";

        public static string QuestionBlock(string questionId) => $"[id='q-{questionId}']";

        public static string Field(string questionId) => $"[id='field-{questionId}']";

        public static string Choice(string questionId, string value) => $"input[type=radio][id='{questionId}-{value}']";

        public static string ChoiceLabel(string questionId, string value) => $"label[for='{questionId}-{value}']";

        public static string SummaryLink(string questionId) => $"a[href^='#{questionId}-'], a[href='#field-{questionId}']";
    }
}
