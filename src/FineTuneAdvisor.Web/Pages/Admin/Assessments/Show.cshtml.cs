using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Admin.Assessments;

/// <summary>
/// A stored assessment for admins, read-only, by its random public id (never the sequential id, never a share
/// token: only their hashes are stored). It shows no share link.
/// </summary>
public sealed class ShowModel(AdvisorDbContext db, ActiveRuleSet rules) : PageModel
{
    public StoredAssessment Assessment { get; private set; } = null!;
    public AssessmentResult Result => Assessment.Result;
    public CurrentRulesNote? CurrentRules { get; private set; }

    public async Task<IActionResult> OnGetAsync(string publicId, CancellationToken cancellationToken)
    {
        var row = await db.Assessments.AsNoTracking()
            .Where(a => a.PublicId == publicId)
            .Select(a => new { a.PublicId, a.CreatedAt, a.RuleSetVersion, a.AnswersJson, a.ResultJson })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        Assessment = new StoredAssessment(row.PublicId, row.CreatedAt, row.RuleSetVersion, AnswersJson.Deserialize(row.AnswersJson),
            JsonSerializer.Deserialize<AssessmentResult>(row.ResultJson, JsonDefaults.Options)!);
        CurrentRules = CurrentRulesNote.For(Assessment, rules.Current);
        return Page();
    }
}
