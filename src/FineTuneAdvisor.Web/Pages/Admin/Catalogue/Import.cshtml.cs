using FineTuneAdvisor.Web.VersionedDocuments;
using System.Text;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// Import a provider catalogue (a file or pasted text, at most <see cref="MaxBytes"/>). CatalogueLoader reads it
/// strictly (unknown or duplicate properties, numbers in quotes, nulls and comments are refused) and checks it
/// against the clock's day; every problem is listed with its JSON path. A valid one becomes the draft (audit
/// <c>catalogue.import</c>); estimates change only when it is published.
/// </summary>
// The form may carry a bit more than MaxBytes so that an oversized paste gets a message, not a bare 400.
[RequestFormLimits(MultipartBodyLengthLimit = 4 * MaxBytes, ValueLengthLimit = 4 * MaxBytes)]
public sealed class ImportModel(CatalogueStore store) : PageModel
{
    public const int MaxBytes = 256 * 1024;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public DraftState Draft { get; private set; } = null!;

    /// <summary>Set when the catalogue did not load: the error summary says how many problems it has.</summary>
    public string? Refusal { get; private set; }

    public sealed class InputModel
    {
        public string? Text { get; set; }

        public IFormFile? Upload { get; set; }

        public int RowVersion { get; set; }
    }

    public static string? SummaryFieldId(string key) => key switch
    {
        $"{nameof(Input)}.{nameof(InputModel.Text)}" => "import-text",
        $"{nameof(Input)}.{nameof(InputModel.Upload)}" => "import-file",
        _ => null,
    };

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

        var load = CatalogueLoader.Load(json, store.Today);
        if (!load.IsValid)
        {
            Refusal = $"Nothing was imported: the catalogue has {load.Problems.Count} problem{(load.Problems.Count == 1 ? "" : "s")}.";
            foreach (var problem in load.Problems)
            {
                ModelState.AddModelError(nameof(Input), $"{problem.Path}: {problem.Message}");
            }

            return Page();
        }

        var outcome = await store.ImportAsync(Input.RowVersion, load.Catalogue!, AdminActor.Of(User), cancellationToken);
        if (outcome.Conflict is not null)
        {
            ModelState.AddModelError(nameof(Input), $"Nothing was imported: {outcome.Conflict.Describe()} after you opened this page. Import again to replace that draft.");
            ModelState.Remove($"{nameof(Input)}.{nameof(InputModel.RowVersion)}");
            Input.RowVersion = outcome.Conflict.RowVersion;
            Draft = outcome.Conflict;
            return Page();
        }

        StatusMessage = "The imported catalogue is now the draft. Estimates change only when it is published.";
        return RedirectToPage("Publish");
    }

    private async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var upload = Input.Upload;
        var hasText = !string.IsNullOrWhiteSpace(Input.Text);
        if (upload is not null && hasText)
        {
            ModelState.AddModelError(nameof(Input), "Choose a file or paste the catalogue, not both.");
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
            ModelState.AddModelError(nameof(Input), "Choose a JSON file or paste a catalogue.");
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
