using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.VersionedDocuments;
using FineTuneAdvisor.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>Every published version (who, when), each with its export and "restore as draft" (a rollback, once published).</summary>
public sealed class VersionsModel(RuleSetStore store) : PageModel
{
    public IReadOnlyList<VersionSummary> Versions { get; private set; } = [];
    public DocumentState<RuleSet> State { get; private set; } = null!;
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        /// <summary>The draft's concurrency token when the page was rendered.</summary>
        public int RowVersion { get; set; }

        /// <summary>The version to restore as the draft.</summary>
        public int Version { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken cancellationToken)
    {
        var outcome = await store.RestoreAsDraftAsync(Input.Version, Input.RowVersion, AdminActor.Of(User), cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = $"Version {Input.Version} is now the draft. Nothing changes for users until it is published.";
            return RedirectToPage("Preview");
        }

        await LoadAsync(cancellationToken);
        ModelState.AddModelError(nameof(Input), outcome.Conflict is not null
            ? $"Not restored: {outcome.Conflict.Describe()} after you opened this page. Check the draft, then restore again if you still want version {Input.Version}."
            : outcome.Error!);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        State = await store.GetStateAsync(cancellationToken);
        Versions = await store.ListVersionsAsync(cancellationToken);
        ModelState.Remove($"{nameof(Input)}.{nameof(InputModel.RowVersion)}");
        Input.RowVersion = State.Draft.RowVersion;
    }
}
