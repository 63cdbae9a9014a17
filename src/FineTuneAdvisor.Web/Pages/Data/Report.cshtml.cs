using FineTuneAdvisor.Web.Datasets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Data;

/// <summary>
/// The report of one analysis, for the browser that started it. While the analysis runs the page shows its
/// progress and asks the browser to load it again in <see cref="RefreshSeconds"/> seconds (the Refresh header,
/// which browsers treat as a meta refresh: no script needed). Every load tells the job someone is still waiting.
/// </summary>
public sealed class ReportModel(AnalysisJobs jobs) : PageModel
{
    public const int RefreshSeconds = 2;

    public AnalysisJob Job { get; private set; } = null!;

    public DatasetReport? Report => Job.Report;

    public IActionResult OnGet(string id)
    {
        var job = jobs.Find(id, DataOwnerCookie.Read(HttpContext));
        if (job is null)
        {
            return NotFound();
        }

        Job = job;
        if (job.State == JobState.Running)
        {
            Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }
}
