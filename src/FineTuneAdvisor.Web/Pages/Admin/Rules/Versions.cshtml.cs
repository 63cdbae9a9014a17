using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>Every published version (who, when), each with its export and "restore as draft" (a rollback, once published).</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class VersionsModel(RuleSetStore store) : PageModel
{
    public IReadOnlyList<VersionSummary> Versions { get; private set; } = [];
    public RuleSetState State { get; private set; } = null!;
    public string? Error { get; private set; }

    [BindProperty]
    public int RowVersion { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty(SupportsGet = true, Name = "published")]
    public int? Published { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken cancellationToken)
    {
        var outcome = await store.RestoreAsDraftAsync(Version, RowVersion, AdminActor.Of(User), cancellationToken);
        if (outcome.Succeeded)
        {
            return LocalRedirect("/admin/rules/preview");
        }

        await LoadAsync(cancellationToken);
        Error = outcome.Conflict is not null
            ? $"Not restored: {outcome.Conflict.Describe()} after you opened this page. Check the draft, then restore again if you still want version {Version}."
            : outcome.Error;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        State = await store.GetStateAsync(cancellationToken);
        Versions = await store.ListVersionsAsync(cancellationToken);
        RowVersion = State.Draft.RowVersion;
    }
}
