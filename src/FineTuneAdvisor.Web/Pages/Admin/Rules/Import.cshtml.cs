using FineTuneAdvisor.Web.VersionedDocuments;
using System.Text;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// Import a rule set (a file or pasted text, at most <see cref="MaxBytes"/>). RuleSetLoader checks it strictly and
/// every problem is listed with its JSON path; a valid one becomes the draft (audit <c>rules.import</c>) and
/// nothing changes for users until it is published.
/// </summary>
// The form may carry a bit more than MaxBytes so that an oversized paste gets a message, not a bare 400; Kestrel caps bodies at 1 MiB.
[RequestFormLimits(MultipartBodyLengthLimit = 4 * MaxBytes, ValueLengthLimit = 4 * MaxBytes)]
public sealed class ImportModel(RuleSetStore store) : PageModel
{
    public const int MaxBytes = 256 * 1024;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Read by the preview page the import leads to.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public DraftState Draft { get; private set; } = null!;

    /// <summary>Set when the rule set did not load: the error summary says how many problems it has.</summary>
    public string? Refusal { get; private set; }

    public sealed class InputModel
    {
        /// <summary>The rule set pasted as text.</summary>
        public string? Text { get; set; }

        /// <summary>The rule set as a file.</summary>
        public IFormFile? Upload { get; set; }

        /// <summary>The draft's concurrency token when the form was rendered.</summary>
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

        var load = RuleSetLoader.Load(json);
        if (!load.IsValid)
        {
            // Problems of the rule set as a whole, each named by its JSON path.
            Refusal = $"Nothing was imported: the rule set has {load.Problems.Count} problem{(load.Problems.Count == 1 ? "" : "s")}.";
            foreach (var problem in load.Problems)
            {
                ModelState.AddModelError(nameof(Input), $"{problem.Path}: {problem.Message}");
            }

            return Page();
        }

        var outcome = await store.ImportAsync(Input.RowVersion, load.RuleSet!, AdminActor.Of(User), cancellationToken);
        if (outcome.Conflict is not null)
        {
            ModelState.AddModelError(nameof(Input), $"Nothing was imported: {outcome.Conflict.Describe()} after you opened this page. Import again to replace that draft.");
            Input.RowVersion = outcome.Conflict.RowVersion;
            Draft = outcome.Conflict;
            return Page();
        }

        StatusMessage = "The imported rule set is now the draft. Nothing changes for users until it is published.";
        return RedirectToPage("Preview");
    }

    private async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var upload = Input.Upload;
        var hasText = !string.IsNullOrWhiteSpace(Input.Text);
        if (upload is not null && hasText)
        {
            ModelState.AddModelError(nameof(Input), "Choose a file or paste the rule set, not both.");
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
            ModelState.AddModelError(nameof(Input), "Choose a JSON file or paste a rule set.");
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
