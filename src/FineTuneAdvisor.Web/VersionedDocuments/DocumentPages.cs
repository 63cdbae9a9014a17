using System.Text;
using FineTuneAdvisor.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.VersionedDocuments;

/// <summary>What the admin pages of a kind say and where they lead: the words differ, the mechanics do not.</summary>
/// <param name="Noun">"rule set", "catalogue": as in "paste a rule set".</param>
/// <param name="FilePrefix">"rule-set": the export's file names, "rule-set-v3.json", "rule-set-draft.json".</param>
/// <param name="Afterwards">What a new draft changes: "Nothing changes for users until it is published."</param>
/// <param name="DraftPage">The page that shows a new draft before it is published ("Preview", "Publish").</param>
public sealed record DocumentPageWords(string Noun, string FilePrefix, string Afterwards, string DraftPage);

public static class DocumentImport
{
    /// <summary>The import form's field an error summary entry links to.</summary>
    public static string? SummaryFieldId(string key) => key switch
    {
        "Input.Text" => "import-text",
        "Input.Upload" => "import-file",
        _ => null,
    };
}

/// <summary>
/// Import a document (a file or pasted text, at most <see cref="MaxBytes"/>). The kind's loader checks it strictly and
/// every problem is listed with its JSON path; a valid one becomes the draft (audit "….import") and nothing changes
/// until it is published.
/// </summary>
// The form may carry a bit more than MaxBytes so that an oversized paste gets a message, not a bare 400; Kestrel caps bodies at 1 MiB.
[RequestFormLimits(MultipartBodyLengthLimit = 4 * MaxBytes, ValueLengthLimit = 4 * MaxBytes)]
public abstract class DocumentImportModel<TDocument, TVersion, TDraft>(VersionedDocumentStore<TDocument, TVersion, TDraft> store, DocumentPageWords words)
    : PageModel
    where TDocument : class
    where TVersion : class, IPublishedVersion
    where TDraft : class, IDraftRow
{
    public const int MaxBytes = 256 * 1024;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Read by the page the import leads to.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public DraftState Draft { get; private set; } = null!;

    /// <summary>Set when the document did not load: the error summary says how many problems it has.</summary>
    public string? Refusal { get; private set; }

    public sealed class InputModel
    {
        /// <summary>The document pasted as text.</summary>
        public string? Text { get; set; }

        /// <summary>The document as a file.</summary>
        public IFormFile? Upload { get; set; }

        /// <summary>The draft's concurrency token when the form was rendered.</summary>
        public int RowVersion { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Draft = (await store.GetStateAsync(cancellationToken)).Draft;
        Input.RowVersion = Draft.RowVersion;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Draft = (await store.GetStateAsync(cancellationToken)).Draft;
        var json = await ReadAsync(cancellationToken);
        if (json is null)
        {
            return Page();
        }

        var load = store.Check(json);
        if (!load.IsValid)
        {
            // Problems of the document as a whole, each named by its JSON path.
            Refusal = $"Nothing was imported: the {words.Noun} has {load.Problems.Count} problem{(load.Problems.Count == 1 ? "" : "s")}.";
            foreach (var problem in load.Problems)
            {
                ModelState.AddModelError(nameof(Input), problem);
            }

            return Page();
        }

        var outcome = await store.ImportAsync(Input.RowVersion, load.Document!, AdminActor.Of(User), cancellationToken);
        if (outcome.Conflict is not null)
        {
            ModelState.AddModelError(nameof(Input), $"Nothing was imported: {outcome.Conflict.Describe()} after you opened this page. Import again to replace that draft.");
            ModelState.Remove($"{nameof(Input)}.{nameof(InputModel.RowVersion)}");
            Input.RowVersion = outcome.Conflict.RowVersion;
            Draft = outcome.Conflict;
            return Page();
        }

        StatusMessage = $"The imported {words.Noun} is now the draft. {words.Afterwards}";
        return RedirectToPage(words.DraftPage);
    }

    private async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var upload = Input.Upload;
        var hasText = !string.IsNullOrWhiteSpace(Input.Text);
        if (upload is not null && hasText)
        {
            ModelState.AddModelError(nameof(Input), $"Choose a file or paste the {words.Noun}, not both.");
            return null;
        }

        if (upload is not null)
        {
            if (upload.Length > MaxBytes)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Upload)}", $"The file is larger than {MaxBytes / 1024} KB.");
                return null;
            }

            using var stream = upload.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            try
            {
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.ToArray()).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Upload)}", "The file is not UTF-8 text.");
                return null;
            }
        }

        if (!hasText)
        {
            ModelState.AddModelError(nameof(Input), $"Choose a JSON file or paste a {words.Noun}.");
            return null;
        }

        if (Encoding.UTF8.GetByteCount(Input.Text!) > MaxBytes)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Text)}", $"The pasted text is larger than {MaxBytes / 1024} KB.");
            return null;
        }

        return Input.Text;
    }
}

/// <summary>Every published version (who, when), each with its export and "restore as draft" (a rollback, once published).</summary>
public abstract class DocumentVersionsModel<TDocument, TVersion, TDraft>(VersionedDocumentStore<TDocument, TVersion, TDraft> store, DocumentPageWords words)
    : PageModel
    where TDocument : class
    where TVersion : class, IPublishedVersion
    where TDraft : class, IDraftRow
{
    public IReadOnlyList<VersionSummary> Versions { get; private set; } = [];

    public DocumentState<TDocument> State { get; private set; } = null!;

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
            StatusMessage = $"Version {Input.Version} is now the draft. {words.Afterwards}";
            return RedirectToPage(words.DraftPage);
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

/// <summary>
/// A published version (<c>?version=3</c>) or the draft (<c>?draft=true</c>) as a JSON download in the kind's schema
/// (the import reads it back); published versions are served exactly as stored.
/// </summary>
public abstract class DocumentExportModel<TDocument, TVersion, TDraft>(VersionedDocumentStore<TDocument, TVersion, TDraft> store, DocumentPageWords words)
    : PageModel
    where TDocument : class
    where TVersion : class, IPublishedVersion
    where TDraft : class, IDraftRow
{
    public async Task<IActionResult> OnGetAsync(int? version, bool draft, CancellationToken cancellationToken)
    {
        if (draft)
        {
            var state = await store.GetStateAsync(cancellationToken);
            return state.Draft.Json is { } json
                ? File(Encoding.UTF8.GetBytes(json), "application/json", $"{words.FilePrefix}-draft.json")
                : NotFound();
        }

        if (version is null)
        {
            return NotFound();
        }

        var stored = await store.FindVersionJsonAsync(version.Value, cancellationToken);
        return stored is null ? NotFound() : File(Encoding.UTF8.GetBytes(stored), "application/json", $"{words.FilePrefix}-v{version}.json");
    }
}
