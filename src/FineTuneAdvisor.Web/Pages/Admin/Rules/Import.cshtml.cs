using System.Text;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// Import a rule set (a file or pasted text, at most <see cref="MaxBytes"/>). RuleSetLoader checks it strictly and
/// every problem is listed with its JSON path; a valid one becomes the draft (audit <c>rules.import</c>) and
/// nothing changes for users until it is published.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
// The form may carry a bit more than MaxBytes so that an oversized paste gets a message, not a bare 400; Kestrel caps bodies at 1 MiB.
[RequestFormLimits(MultipartBodyLengthLimit = 4 * MaxBytes, ValueLengthLimit = 4 * MaxBytes)]
public sealed class ImportModel(RuleSetStore store) : PageModel
{
    public const int MaxBytes = 256 * 1024;

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public int RowVersion { get; set; }

    public IReadOnlyList<RuleSetProblem> Problems { get; private set; } = [];
    public string? Error { get; private set; }
    public DraftState Draft { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Draft = (await store.GetStateAsync(cancellationToken)).Draft;
        RowVersion = Draft.RowVersion;
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
            Problems = load.Problems;
            Error = $"Nothing was imported: the rule set has {load.Problems.Count} problem{(load.Problems.Count == 1 ? "" : "s")}.";
            return Page();
        }

        var outcome = await store.ImportAsync(RowVersion, load.RuleSet!, AdminActor.Of(User), cancellationToken);
        if (outcome.Conflict is not null)
        {
            Error = $"Nothing was imported: {outcome.Conflict.Describe()} after you opened this page. Import again to replace that draft.";
            RowVersion = outcome.Conflict.RowVersion;
            Draft = outcome.Conflict;
            return Page();
        }

        return LocalRedirect("/admin/rules/preview?done=imported");
    }

    private async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var hasText = !string.IsNullOrWhiteSpace(Text);
        if (Upload is not null && hasText)
        {
            Error = "Choose a file or paste the rule set, not both.";
            return null;
        }

        if (Upload is not null)
        {
            if (Upload.Length > MaxBytes)
            {
                Error = $"The file is larger than {MaxBytes / 1024} KB.";
                return null;
            }

            using var stream = Upload.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            try
            {
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.ToArray()).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                Error = "The file is not UTF-8 text.";
                return null;
            }
        }

        if (!hasText)
        {
            Error = "Choose a JSON file or paste a rule set.";
            return null;
        }

        if (Encoding.UTF8.GetByteCount(Text!) > MaxBytes)
        {
            Error = $"The pasted text is larger than {MaxBytes / 1024} KB.";
            return null;
        }

        return Text;
    }
}
