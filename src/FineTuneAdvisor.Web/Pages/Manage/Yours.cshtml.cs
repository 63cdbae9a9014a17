using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Manage;

/// <summary>"Your assessments": the ones this browser created, newest first, each linked to its manage page.</summary>
public sealed class YoursModel(YourAssessments yours) : PageModel
{
    public IReadOnlyList<OwnedAssessment> Assessments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Assessments = await yours.ListAsync(OwnerCookie.Tokens(Request), cancellationToken);
}
