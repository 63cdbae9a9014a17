using System.Collections.Frozen;
using System.Collections.Immutable;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Manage;
using FineTuneAdvisor.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>
/// The questionnaire: the steps of <see cref="QuestionnaireSteps"/> (about four related questions each), then a review. Every post saves what was typed to the server-side
/// draft before anything else, so Back, a validation error or a reload never loses an answer.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.Questionnaire)]
public sealed class IndexModel(DraftStore drafts, IValidator<AnswersInput> validator, AssessmentService assessments) : PageModel
{
    public const string ReviewStep = "review";

    public static ImmutableArray<string> Steps { get; } = [.. QuestionnaireSteps.All.Select(s => s.Id), ReviewStep];

    private static readonly FrozenDictionary<string, Question> ByFieldName =
        QuestionCatalogue.Questions.ToFrozenDictionary(q => FieldName(q.Id), StringComparer.Ordinal);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Step { get; private set; } = Steps[0];
    public int StepNumber => Steps.IndexOf(Step) + 1;
    /// <summary>The step of questions shown (null on the review).</summary>
    public QuestionnaireStep? CurrentStep => QuestionnaireSteps.Find(Step);
    public IReadOnlyList<Question> Questions => CurrentStep?.Questions ?? [];

    /// <summary>The title of a step or of the review, for the progress list and headings.</summary>
    public static string TitleOf(string step) => QuestionnaireSteps.Find(step)?.Title ?? "Review";

    /// <summary>True when this questionnaire revises a saved assessment (it started pre-filled from it).</summary>
    public bool IsRevision { get; private set; }

    /// <summary>
    /// Set when the visitor's earlier answers were no longer stored (expired or evicted): <see cref="DraftStore.GoneMessage"/>.
    /// <see cref="StatusMessage"/> carries it across a redirect.
    /// </summary>
    public string? GoneNotice { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Set when the visitor came from the review's "Change" link: Next takes them back there.</summary>
    [BindProperty(SupportsGet = true, Name = "review")]
    public bool ReturnToReview { get; set; }

    /// <summary>
    /// Set by the review's error links: the step opens with its problems shown beside the fields, as if Next had been
    /// pressed, so the link lands on a field that says what is wrong.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "check")]
    public bool CheckOnOpen { get; set; }

    public sealed class InputModel
    {
        public Dictionary<string, string?> Answers { get; set; } = new(StringComparer.Ordinal);

        /// <summary>Optional number questions whose "Not sure" box is ticked (it counts only while the number is blank).</summary>
        public List<string> NotSure { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(string? step, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(HttpContext, cancellationToken);
        // Plain /assess resumes where the visitor left off.
        var target = step ?? draft?.CurrentStep ?? Steps[0];
        if (!Steps.Contains(target))
        {
            // An old URL (or a draft saved before the steps were rebalanced) that names a spec section, such as
            // /assess/freshness: the step that now holds that section's first question. Anything else is unknown.
            return QuestionnaireSteps.ForSection(target) is { } moved
                ? RedirectToPage(new { step = moved.Id, review = ReturnToReview ? "true" : null, check = CheckOnOpen ? "true" : null })
                : NotFound();
        }

        Step = target;
        if (DraftStore.IsGone(HttpContext, draft))
        {
            GoneNotice = drafts.GoneMessage;
            DraftStore.Forget(HttpContext);
        }

        Input.Answers = DraftStore.AnswersOf(draft);
        IsRevision = draft?.ParentPublicId is not null;
        if (CheckOnOpen && Step != ReviewStep)
        {
            var validation = await validator.ValidateAsync(new AnswersInput(Input.Answers, StepQuestionIds(Step)), cancellationToken);
            validation.AddToModelState(ModelState, nameof(Input));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostNextAsync(string? step, CancellationToken cancellationToken)
    {
        if (await MovedSectionAsync(step, cancellationToken) is { } moved)
        {
            return moved;
        }

        if (!TryUseStep(step) || Step == ReviewStep)
        {
            return NotFound();
        }

        var (draft, answers) = await MergePostedAsync(Step, cancellationToken);
        var validation = await validator.ValidateAsync(new AnswersInput(answers, StepQuestionIds(Step)), cancellationToken);
        var next = ReturnToReview ? ReviewStep : Steps[Steps.IndexOf(Step) + 1];

        // Saved either way: what was typed survives a reload even while it is still wrong.
        await drafts.SaveAsync(HttpContext, draft, answers, validation.IsValid ? next : Step, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, nameof(Input));
            Input.Answers = answers;
            return Page();
        }

        StatusMessage = GoneNotice;
        return RedirectToPage(new { step = next });
    }

    public async Task<IActionResult> OnPostBackAsync(string? step, CancellationToken cancellationToken)
    {
        if (await MovedSectionAsync(step, cancellationToken) is { } moved)
        {
            return moved;
        }

        if (!TryUseStep(step))
        {
            return NotFound();
        }

        var previous = Steps[Math.Max(0, Steps.IndexOf(Step) - 1)];
        var (draft, answers) = await MergePostedAsync(Step, cancellationToken);
        await drafts.SaveAsync(HttpContext, draft, answers, previous, cancellationToken);
        StatusMessage = GoneNotice;
        return RedirectToPage(new { step = previous });
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(HttpContext, cancellationToken);
        if (DraftStore.IsGone(HttpContext, draft))
        {
            GoneNotice = drafts.GoneMessage;
            DraftStore.Forget(HttpContext);
        }

        var answers = DraftStore.AnswersOf(draft);
        var validation = await validator.ValidateAsync(new AnswersInput(answers), cancellationToken);
        if (!validation.IsValid)
        {
            // The review stays in view with the problems grouped by step; each links to its step, opened at the field.
            Step = ReviewStep;
            validation.AddToModelState(ModelState, nameof(Input));
            Input.Answers = answers;
            return Page();
        }

        var created = await assessments.CreateAsync(AnswersValidator.ToAnswerSet(answers), draft?.ParentPublicId, cancellationToken, Datasets.DataEvidence.FromJson(draft?.DataEvidenceJson));
        await drafts.DeleteAsync(HttpContext, draft, cancellationToken);
        OwnerCookie.Remember(HttpContext, created.ManageToken, created.Row.PublicId);
        return RedirectToPage("/Results/Show", new { token = created.ShareToken });
    }

    /// <summary>Saves this step as typed, without validating, and shows the private resume link.</summary>
    public async Task<IActionResult> OnPostSaveForLaterAsync(string? step, CancellationToken cancellationToken)
    {
        if (await MovedSectionAsync(step, cancellationToken) is { } moved)
        {
            return moved;
        }

        if (!TryUseStep(step))
        {
            return NotFound();
        }

        // On the review step there is nothing posted to merge: the draft is saved as it is.
        var (draft, answers) = await MergePostedAsync(Step, cancellationToken);
        await drafts.SaveAsync(HttpContext, draft, answers, Step, cancellationToken, savedForLater: true);
        return RedirectToPage("Saved");
    }

    /// <summary>"Measure a sample" (data step): saves what was typed here, then opens /data for this draft (Pages/Data).</summary>
    public async Task<IActionResult> OnPostMeasureAsync(string? step, CancellationToken cancellationToken)
    {
        if (await MovedSectionAsync(step, cancellationToken) is { } moved)
        {
            return moved;
        }

        if (!TryUseStep(step) || Step == ReviewStep)
        {
            return NotFound();
        }

        var (draft, answers) = await MergePostedAsync(Step, cancellationToken);
        await drafts.SaveAsync(HttpContext, draft, answers, Step, cancellationToken);
        return Redirect(Data.DraftSuggestions.MeasureUrl);
    }

    public string? Answer(string questionId) => Input.Answers.GetValueOrDefault(questionId);

    /// <summary>A question's form field name and ModelState key, <c>Input.Answers[domain]</c>: it ends in the question id.</summary>
    public static string FieldName(string questionId) => $"{nameof(Input)}.{AnswersValidator.Key(questionId)}";

    /// <summary>Every question's field name, in questionnaire order: the order of the error summary.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = [.. QuestionnaireSteps.All.SelectMany(s => s.Questions).Select(q => FieldName(q.Id))];

    /// <summary>The summary links a question's error to its first input, and names the question.</summary>
    public static string? SummaryFieldId(string fieldName) => ByFieldName.TryGetValue(fieldName, out var question) ? FirstFieldId(question) : null;

    public static string? SummaryLabel(string fieldName) => ByFieldName.GetValueOrDefault(fieldName)?.Label;

    /// <summary>One review error: the question, what is wrong, and the link that opens its step at the field.</summary>
    public sealed record ReviewError(Question Question, string Message, string Href);

    /// <summary>The errors of a failed submit, grouped by step in questionnaire order (empty when there are none).</summary>
    public IReadOnlyList<(QuestionnaireStep Step, IReadOnlyList<ReviewError> Errors)> ReviewErrorsByStep()
    {
        var groups = new List<(QuestionnaireStep, IReadOnlyList<ReviewError>)>();
        foreach (var step in QuestionnaireSteps.All)
        {
            var errors = new List<ReviewError>();
            foreach (var question in step.Questions)
            {
                if (ModelState.TryGetValue(FieldName(question.Id), out var entry))
                {
                    errors.AddRange(entry.Errors.Select(e => new ReviewError(question, e.ErrorMessage, ReviewErrorHref(question))));
                }
            }

            if (errors.Count > 0)
            {
                groups.Add((step, errors));
            }
        }

        return groups;
    }

    /// <summary>Opens the question's step checked (errors beside the fields), returning to the review, scrolled to its first input.</summary>
    public static string ReviewErrorHref(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return $"/assess/{QuestionnaireSteps.Of(question).Id}?review=true&check=true#{FirstFieldId(question)}";
    }

    /// <summary>Whether a question has an acceptable answer: what the progress counts.</summary>
    public bool IsAnswered(Question question) =>
        Input.Answers.TryGetValue(question?.Id ?? "", out var raw) && AnswerCheck.Problem(question!, raw) is null;

    /// <summary>The questions of a step that are asked given the answers so far, and how many of them are answered.</summary>
    public (int Answered, int Asked) ProgressOf(string step)
    {
        // An optional question counts once answered: leaving it blank never leaves a step unfinished.
        var asked = (step == ReviewStep ? QuestionCatalogue.Questions : QuestionnaireSteps.Find(step)?.Questions ?? [])
            .Where(q => Applies(q) && (!q.Optional || IsAnswered(q))).ToList();
        return (asked.Count(IsAnswered), asked.Count);
    }

    /// <summary>True when the visitor has typed anything at all: only then is there something to clear.</summary>
    public bool HasAnswers => Input.Answers.Values.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The id of a question's first input, so the error summary's link puts focus on the field itself.</summary>
    public static string FirstFieldId(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Choices.Count > 0 && !question.ChoicesFromCatalogue ? $"{question.Id}-{question.Choices[0].Value}" : $"field-{question.Id}";
    }

    /// <summary>How a stored answer reads, or why there is none: a question that does not apply to these answers was not asked.</summary>
    public static string Display(Question question, IReadOnlyDictionary<string, string> answers, ProviderCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answers);
        return question.AppliesTo(new AnswerSet(answers)) ? Display(question, answers.GetValueOrDefault(question.Id), catalogue) : NotAsked;
    }

    /// <summary>What a question that does not apply shows instead of an answer.</summary>
    public const string NotAsked = "Not asked (does not apply to these answers)";

    /// <summary>Whether a question is asked given the answers so far; one that is not is shown as not needed.</summary>
    public bool Applies(Question question) => AnswersValidator.Applies(question, Input.Answers);

    /// <summary>
    /// The condition under which a question is asked, as rule-set JSON for the page's script to follow as answers change
    /// (null when it always applies). Without the script the question stays visible and simply is not required.
    /// </summary>
    public static string? AppliesWhenJson(Question question) => question?.AppliesWhen?.ToString();

    /// <summary>
    /// How an answer reads on the review step, the result and its exports. A provider and model chosen from
    /// <paramref name="catalogue"/> (the active one) reads by its names; one the catalogue no longer lists, by its id.
    /// </summary>
    public static string Display(Question question, string? value, ProviderCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (string.IsNullOrWhiteSpace(value))
        {
            return question.Optional ? "Not answered (optional)" : "Not answered";
        }

        if (question.ChoicesFromCatalogue && catalogue is not null && question.LabelOf(value) is null)
        {
            return Costs.ModelNames.Of(catalogue, value);
        }

        if (question.Type == QuestionType.Number && AnswerCheck.Problem(question, value) is null)
        {
            // As typed in a draft ("250,000"): shown in canonical form, with its unit.
            value = AnswerCheck.Normalize(question, value);
        }

        return question.Type switch
        {
            QuestionType.Number when question.Optional && value == Choice.NotSure => "Not sure (a typical value is used)",
            QuestionType.Number when long.TryParse(value, out var n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + (question.Unit is { } unit ? (unit == "%" ? "%" : " " + unit) : ""),
            QuestionType.Choice or QuestionType.Boolean => question.LabelOf(value) ?? value,
            _ => value,
        };
    }

    private bool TryUseStep(string? step)
    {
        Step = step ?? Steps[0];
        return Steps.Contains(Step);
    }

    /// <summary>
    /// A post to a section id that is no longer a step (a form loaded before the steps were rebalanced, e.g. /assess/freshness):
    /// what it posted for that section's questions is kept, and the step that asks them now opens. Null for anything else.
    /// </summary>
    private async Task<IActionResult?> MovedSectionAsync(string? step, CancellationToken cancellationToken)
    {
        if (step is null || Steps.Contains(step) || QuestionnaireSteps.ForSection(step) is not { } moved)
        {
            return null;
        }

        var draft = await drafts.FindAsync(HttpContext, cancellationToken);
        var answers = DraftStore.AnswersOf(draft);
        foreach (var question in QuestionCatalogue.InSection(step))
        {
            if (Input.Answers.TryGetValue(question.Id, out var value) && value is not null)
            {
                answers[question.Id] = value;
            }
        }

        await drafts.SaveAsync(HttpContext, draft, answers, moved.Id, cancellationToken);
        return RedirectToPage(new { step = moved.Id, review = ReturnToReview ? "true" : null });
    }

    /// <summary>The ids a step validates (null on the review: all of them).</summary>
    private static HashSet<string>? StepQuestionIds(string step) =>
        QuestionnaireSteps.Find(step) is { } found ? [.. found.Questions.Select(q => q.Id)] : null;

    /// <summary>The draft's answers with this step's posted answers laid over them, as typed. Only this step's ids are taken, so nothing else can be overposted.</summary>
    private async Task<(Web.Data.QuestionnaireDraft? Draft, Dictionary<string, string?> Answers)> MergePostedAsync(string step, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindAsync(HttpContext, cancellationToken);
        if (DraftStore.IsGone(HttpContext, draft))
        {
            // This post starts a new draft with what was typed here; the page that follows says the rest is gone.
            GoneNotice = drafts.GoneMessage;
        }

        var answers = DraftStore.AnswersOf(draft);
        foreach (var question in QuestionnaireSteps.Find(step)?.Questions ?? [])
        {
            if (Input.Answers.TryGetValue(question.Id, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                answers[question.Id] = value;
            }
            else if (question.Optional && Input.NotSure.Contains(question.Id, StringComparer.Ordinal))
            {
                answers[question.Id] = Choice.NotSure;
            }
            else if (value is not null)
            {
                answers[question.Id] = value;
            }
            else
            {
                answers.Remove(question.Id);
            }
        }

        return (draft, answers);
    }
}
