using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.VersionedDocuments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>What publishing the draft changes against the version in use, line by line, and the publish button (with the draft's token).</summary>
public sealed class PublishModel(CatalogueStore store) : PageModel
{
    public DocumentState<ProviderCatalogue> State { get; private set; } = null!;
    public IReadOnlyList<string> Changes { get; private set; } = [];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        /// <summary>The draft's token when the page was rendered: what is published is what was reviewed.</summary>
        public int RowVersion { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await store.PublishAsync(Input.RowVersion, AdminActor.Of(User), cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = $"Published provider-catalogue version {outcome.PublishedVersion}. Estimates use its prices from now on.";
            return RedirectToPage("Versions");
        }

        await LoadAsync(cancellationToken);
        ModelState.AddModelError(nameof(Input), outcome.Conflict is not null
            ? $"Not published: {outcome.Conflict.Describe()} after you opened this page. Check the changes below, which show the draft as it is now, and publish again."
            : outcome.Error!);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        State = await store.GetStateAsync(cancellationToken);
        ModelState.Remove($"{nameof(Input)}.{nameof(InputModel.RowVersion)}");
        Input.RowVersion = State.Draft.RowVersion;
        Changes = State.DraftDocument is { } draft ? CatalogueDiff.Describe(State.Published.Document, draft.Document) : [];
    }
}
