using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// A published version (<c>?version=3</c>) or the draft (<c>?draft=true</c>) as a JSON download, in the schema of
/// the embedded default (docs/scoring.md); published versions are served exactly as stored.
/// </summary>
public sealed class ExportModel(RuleSetStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? version, bool draft, CancellationToken cancellationToken)
    {
        if (draft)
        {
            var state = await store.GetStateAsync(cancellationToken);
            return state.Draft.Json is { } json
                ? File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", "rule-set-draft.json")
                : NotFound();
        }

        if (version is null)
        {
            return NotFound();
        }

        var stored = await store.FindVersionJsonAsync(version.Value, cancellationToken);
        return stored is null ? NotFound() : File(System.Text.Encoding.UTF8.GetBytes(stored), "application/json", $"rule-set-v{version}.json");
    }
}
