using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// A published version (<c>?version=3</c>) or the draft (<c>?draft=true</c>) as a JSON download in the catalogue's
/// schema (the import reads it back); published versions are served exactly as stored.
/// </summary>
public sealed class ExportModel(CatalogueStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? version, bool draft, CancellationToken cancellationToken)
    {
        if (draft)
        {
            var state = await store.GetStateAsync(cancellationToken);
            return state.Draft.Json is { } json
                ? File(Encoding.UTF8.GetBytes(json), "application/json", "provider-catalogue-draft.json")
                : NotFound();
        }

        if (version is null)
        {
            return NotFound();
        }

        var stored = await store.FindVersionJsonAsync(version.Value, cancellationToken);
        return stored is null ? NotFound() : File(Encoding.UTF8.GetBytes(stored), "application/json", $"provider-catalogue-v{version}.json");
    }
}
