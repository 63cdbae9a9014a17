using System.Globalization;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.VersionedDocuments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// The provider-catalogue editor. It edits the shared draft (made from the published version on the first save):
/// every provider's name, site and note, and every model's prices, limits, dates, sources and check dates; models can
/// be added and removed; and the typical values that stand in for unanswered cost questions. What is typed goes through <see cref="CatalogueValidator"/> (with the clock's day, so a check
/// date in the future is refused); invalid input comes back as typed with each problem beside its field.
/// </summary>
// The whole catalogue is one form: about 30 fields a model.
[RequestFormLimits(ValueCountLimit = 8 * 1024)]
public sealed partial class IndexModel(CatalogueStore store) : PageModel
{
    /// <summary>More models than any real catalogue lists; keeps the one-form editor within its form limits.</summary>
    public const int MaxModels = 150;

    /// <summary>The form names of the typical values: Input.Typical.PromptTokens.</summary>
    public const string TypicalPrefix = "Input.Typical.";

    [BindProperty]
    public CatalogueEditInput Input { get; set; } = new();

    public DocumentState<ProviderCatalogue> State { get; private set; } = null!;

    public IReadOnlyList<StaleModel> Stale { get; private set; } = [];

    /// <summary>What the draft changes against the published version (empty without a draft).</summary>
    public IReadOnlyList<string> DraftChanges { get; private set; } = [];

    /// <summary>Set after "Add a model" or "Remove": the form changed but nothing is saved yet.</summary>
    public string? Unsaved { get; private set; }

    public DateOnly Today => store.Today;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input = CatalogueForm.FromCatalogue(State.Working.Document, State.Draft.RowVersion);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var edited = Validate();
        if (!CheckToken() || edited is null)
        {
            return Page();
        }

        var outcome = await store.SaveDraftAsync(Input.RowVersion, edited, AdminActor.Of(User), cancellationToken);
        return Finish(outcome, "Draft saved. Estimates keep the published prices until the draft is published.");
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!CheckToken())
        {
            return Page();
        }

        var outcome = await store.DiscardDraftAsync(Input.RowVersion, AdminActor.Of(User), cancellationToken);
        return Finish(outcome, "Draft discarded.");
    }

    /// <summary>Adds a blank model at the end of the form; nothing is saved until "Save draft".</summary>
    public async Task<IActionResult> OnPostAddModelAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        ModelState.Clear();
        if (Input.Models.Count >= MaxModels)
        {
            ModelState.AddModelError(nameof(Input), $"The catalogue already has {MaxModels} models, the most the editor holds; remove one first.");
            return Page();
        }

        Input.Models.Add(CatalogueForm.NewModel(Today));
        Unsaved = $"A blank model was added at the end (model {Input.Models.Count}). Fill it in, then save the draft.";
        return Page();
    }

    /// <summary>Takes one model out of the form; nothing is saved until "Save draft".</summary>
    public async Task<IActionResult> OnPostRemoveModelAsync(int remove, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        ModelState.Clear();
        if (remove < 0 || remove >= Input.Models.Count)
        {
            ModelState.AddModelError(nameof(Input), "That model is not in the form any more.");
            return Page();
        }

        var removed = Input.Models[remove];
        Input.Models.RemoveAt(remove);
        Unsaved = $"Removed {removed.Name ?? removed.Id ?? "the new model"} from the form. Save the draft to keep the change, or reload the page to undo it.";
        return Page();
    }

    /// <summary>The HTML id of a field from its form name: Input.Models[3].Name → Input_Models_3__Name.</summary>
    public static string FieldId(string name) => name?.Replace('.', '_').Replace('[', '_').Replace(']', '_') ?? "";

    /// <summary>How the error summary names a field: "GPT-4o mini, fine-tuned input price".</summary>
    public string Describe(string key)
    {
        var model = ModelKey().Match(key);
        if (model.Success && int.Parse(model.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < Input.Models.Count)
        {
            var m = Input.Models[i];
            var who = string.IsNullOrWhiteSpace(m.Name) ? $"Model {i + 1}" : m.Name.Trim();
            return $"{who}, {CatalogueLabels.Of(model.Groups[2].Value).ToLowerInvariant()}";
        }

        var provider = ProviderKey().Match(key);
        if (provider.Success && int.Parse(provider.Groups[1].Value, CultureInfo.InvariantCulture) is var j && j < Input.Providers.Count)
        {
            return $"Provider {Input.Providers[j].Id}, {provider.Groups[2].Value.ToLowerInvariant()}";
        }

        if (key.StartsWith(TypicalPrefix, StringComparison.Ordinal))
        {
            return $"Typical values, {CatalogueLabels.OfTypical(key[TypicalPrefix.Length..]).ToLowerInvariant()}";
        }

        return key == "Input.Name" ? "Catalogue name" : key;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        State = await store.GetStateAsync(cancellationToken);
        Stale = StalePrices.Find(State.Published, Today);
        DraftChanges = State.DraftDocument is { } draft ? CatalogueDiff.Describe(State.Published.Document, draft.Document) : [];
    }

    /// <summary>The edited catalogue when everything is valid; otherwise null with every problem beside its field.</summary>
    private ProviderCatalogue? Validate()
    {
        var working = State.Working.Document;
        var known = working.Providers.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        if (Input.Providers.Count != working.Providers.Count || Input.Providers.Any(p => !known.Contains(p.Id)))
        {
            ModelState.AddModelError(nameof(Input), "The providers changed since this page was opened; reload the page.");
            return null;
        }

        // A model's id is fixed once saved: an id the form should not be able to change is taken from the working copy.
        var savedIds = working.Models.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var model in Input.Models.Where(m => !m.IsNew && !savedIds.Contains(m.Id ?? "")))
        {
            ModelState.AddModelError(nameof(Input), $"Model '{model.Id}' is not in the catalogue any more; reload the page.");
        }

        if (Input.Models.Count > MaxModels)
        {
            ModelState.AddModelError(nameof(Input), $"At most {MaxModels} models.");
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var document = CatalogueForm.ToDocument(Input, working, errors);
        var load = CatalogueLoader.Load(document, Today);
        foreach (var (key, message) in errors)
        {
            ModelState.AddModelError(key, message);
        }

        foreach (var problem in load.Problems)
        {
            var key = CatalogueForm.KeyOf(problem.Path);
            if (errors.ContainsKey(key))
            {
                continue;
            }

            var line = RestrictionLine().Match(problem.Path);
            var message = line.Success ? $"Line {int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) + 1}: {problem.Message}"
                : key == nameof(Input) ? problem.ToString()
                : problem.Message;
            ModelState.AddModelError(key, message);
        }

        return errors.Count == 0 && load.IsValid ? load.Catalogue : null;
    }

    /// <summary>A stale token: say who changed the draft, keep everything typed, and take the new token so a second save is deliberate.</summary>
    private bool CheckToken()
    {
        if (Input.RowVersion == State.Draft.RowVersion)
        {
            return true;
        }

        ShowConflict(State.Draft);
        return false;
    }

    private void ShowConflict(DraftState current)
    {
        ModelState.AddModelError(nameof(Input),
            $"Not saved: {current.Describe()} while you were editing. Your changes are still in the form. Save again to replace that draft with yours, or reload the page to take theirs.");
        ModelState.Remove($"{nameof(Input)}.{nameof(CatalogueEditInput.RowVersion)}");
        Input.RowVersion = current.RowVersion;
    }

    private IActionResult Finish(DraftWrite outcome, string statusMessage)
    {
        if (outcome.Conflict is not null)
        {
            ShowConflict(outcome.Conflict);
            return Page();
        }

        if (outcome.Error is not null)
        {
            ModelState.AddModelError(nameof(Input), outcome.Error);
            return Page();
        }

        StatusMessage = statusMessage;
        return RedirectToPage();
    }

    [GeneratedRegex(@"^Input\.Models\[(\d+)\]\.(\w+)$")]
    private static partial Regex ModelKey();

    [GeneratedRegex(@"^Input\.Providers\[(\d+)\]\.(\w+)$")]
    private static partial Regex ProviderKey();

    [GeneratedRegex(@"\.restrictions\[(\d+)\]")]
    private static partial Regex RestrictionLine();
}
