using FineTuneAdvisor.Scoring.Impact;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.VersionedDocuments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// What publishing the draft would change: the last <c>Admin:PreviewSize</c> stored assessments scored with the
/// published rules and with the draft, side by side. Publishing happens here, with the draft's token.
/// </summary>
public sealed class PreviewModel(RuleSetStore store, AdvisorDbContext db, IOptions<AdminOptions> options) : PageModel
{
    public DocumentState<RuleSet> State { get; private set; } = null!;
    public RuleImpactReport? Impact { get; private set; }
    public IReadOnlyList<string> Changes { get; private set; } = [];
    public int PreviewSize => options.Value.EffectivePreviewSize;

    /// <summary>Each previewed assessment's use-case summary by public id: the preview names assessments by what they are about.</summary>
    public IReadOnlyDictionary<string, string> UseCases { get; private set; } = new Dictionary<string, string>();

    /// <summary>The use case an assessment is named by, shortened to one line's worth.</summary>
    public string UseCaseOf(string publicId)
    {
        var summary = UseCases.GetValueOrDefault(publicId);
        if (string.IsNullOrWhiteSpace(summary))
        {
            return "(no summary)";
        }

        var line = string.Join(' ', summary.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 90 ? line : string.Concat(line.AsSpan(0, 89).TrimEnd(), "…");
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        /// <summary>The draft's concurrency token when the preview was rendered: what is published is what was previewed.</summary>
        public int RowVersion { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        var outcome = await store.PublishAsync(Input.RowVersion, AdminActor.Of(User), cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = $"Published version {outcome.PublishedVersion}. New assessments use it from now on.";
            return RedirectToPage("Versions");
        }

        await LoadAsync(cancellationToken);
        ModelState.AddModelError(nameof(Input), outcome.Conflict is not null
            ? $"Not published: {outcome.Conflict.Describe()} after you opened this preview. Check the preview below, which shows the draft as it is now, and publish again."
            : outcome.Error!);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        State = await store.GetStateAsync(cancellationToken);
        // The token of the draft as shown now, also after a refused publish.
        ModelState.Remove($"{nameof(Input)}.{nameof(InputModel.RowVersion)}");
        Input.RowVersion = State.Draft.RowVersion;
        if (State.DraftDocument is null)
        {
            return;
        }

        Changes = Scoring.RuleSets.RuleSetDiff.Describe(State.Published, State.DraftDocument);
        var rows = await db.Assessments.AsNoTracking()
            .OrderByDescending(a => a.Id)
            .Take(PreviewSize)
            .Select(a => new { a.PublicId, a.CreatedAt, a.AnswersJson })
            .ToListAsync(cancellationToken);
        var inputs = rows.Select(r => new ImpactInput(r.PublicId, r.CreatedAt, new AnswerSet(AnswersJson.Deserialize(r.AnswersJson)))).ToList();
        Impact = RuleImpact.Compute(inputs, State.Published, State.DraftDocument);
        UseCases = inputs.ToDictionary(i => i.PublicId, i => i.Answers.GetValueOrDefault("use_case_summary") ?? "", StringComparer.Ordinal);
    }
}
