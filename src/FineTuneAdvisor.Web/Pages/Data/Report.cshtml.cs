using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Pages.Assess;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Data;

/// <summary>
/// The report of one analysis, for the browser that started it. While the analysis runs the page shows its
/// progress and asks the browser to load it again in <see cref="RefreshSeconds"/> seconds (the Refresh header,
/// which browsers treat as a meta refresh: no script needed). Every load tells the job someone is still waiting.
/// A finished report offers its suggested answers to the visitor's questionnaire draft, showing each answer old → new;
/// only the "Use these answers" post (antiforgery-checked, like every form) changes the draft.
/// </summary>
public sealed class ReportModel(AnalysisJobs jobs, DraftStore drafts) : PageModel
{
    public const int RefreshSeconds = 2;

    /// <summary>The <c>for</c> value of a report opened from the questionnaire's data step.</summary>
    public const string ForDraft = "draft";

    public AnalysisJob Job { get; private set; } = null!;

    public DatasetReport? Report => Job.Report;

    /// <summary>Opened from the questionnaire (<c>?for=draft</c>): the answers are offered first, with a way back.</summary>
    [BindProperty(SupportsGet = true, Name = "for")]
    public string? For { get; set; }

    public bool IsForDraft => For == ForDraft;

    public string SelfUrl => IsForDraft ? $"/data/report/{Job.Id}?for={ForDraft}" : $"/data/report/{Job.Id}";

    /// <summary>The upload form again, in the same mode.</summary>
    public string AnotherUrl => IsForDraft ? $"/data?for={ForDraft}" : "/data";

    /// <summary>What "Use these answers" would set, against the draft as it is now; empty until the report is done.</summary>
    public IReadOnlyList<SuggestedChange> Changes { get; private set; } = [];

    /// <summary>The draft's answers as the page showed them, posted back so that nothing changed meanwhile is overwritten unseen.</summary>
    [BindProperty]
    public Dictionary<string, string?> Seen { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Set when the draft changed between showing the changes and the consent: they are shown again.</summary>
    public string? ChangedMeanwhile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TryFindJob(id))
        {
            return NotFound();
        }

        if (Job.State == JobState.Running)
        {
            Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (Report is not null)
        {
            Changes = DraftSuggestions.Compare(Report, DraftStore.AnswersOf(await drafts.FindAsync(HttpContext, cancellationToken)));
        }

        return Page();
    }

    /// <summary>"Use these answers": the consent. Sets the suggested answers and the evidence on the draft (starting one if there is none).</summary>
    public async Task<IActionResult> OnPostUseAnswersAsync(string id, CancellationToken cancellationToken)
    {
        if (!TryFindJob(id))
        {
            return NotFound();
        }

        if (Report is null)
        {
            return RedirectToPage(new { id, @for = For });
        }

        var draft = await drafts.FindAsync(HttpContext, cancellationToken);
        var answers = DraftStore.AnswersOf(draft);
        Changes = DraftSuggestions.Compare(Report, answers);
        if (Changes.Any(c => !string.Equals(c.Current ?? "", Seen.GetValueOrDefault(c.Question.Id) ?? "", StringComparison.Ordinal)))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            ChangedMeanwhile = "Your answers changed since this page was shown (in another tab, perhaps). Nothing was filled in: check the changes below and choose again.";
            return Page();
        }

        var evidence = DataEvidence.From(Report);
        await drafts.SaveAsync(HttpContext, draft, DraftSuggestions.Apply(Changes, answers), DraftSuggestions.DataStep, cancellationToken,
            dataEvidenceJson: evidence.ToJson());
        TempData[nameof(Assess.IndexModel.StatusMessage)] = DraftSuggestions.StatusMessage(Changes, evidence);
        return RedirectToPage("/Assess/Index", new { step = DraftSuggestions.DataStep });
    }

    private bool TryFindJob(string id)
    {
        var job = jobs.Find(id, DataOwnerCookie.Read(HttpContext));
        if (job is null)
        {
            return false;
        }

        Job = job;
        return true;
    }
}
