using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Manage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>
/// A saved assessment, read-only, at its share link; with <c>/r/{publicId}</c>, another revision of the same
/// family seen through that link. Anything that is not a live link is the same 404.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.SharedLinks)]
[OutputCache(PolicyName = SharePageCache.PolicyName)]
[LiveShareLink]
public sealed class ShowModel(AssessmentService assessments, ActiveRuleSet rules, Links links, Costs.AssessmentCosts costs) : PageModel
{
    public const string FamilyRoute = "/a/{token}/r/{publicId}";

    public SharedView View { get; private set; } = null!;
    public StoredAssessment Assessment => View.Assessment;
    public AssessmentResult Result => Assessment.Result;
    public string Token { get; private set; } = "";

    /// <summary>Where it can be fine-tuned and whether it pays for itself, priced now (not stored with the result).</summary>
    public CostSectionView Costs { get; private set; } = null!;

    /// <summary>The link as shared (it opens the family member it was made for).</summary>
    public string ShareUrl { get; private set; } = "";

    /// <summary>The owner's manage link, when this browser created the assessment the link opens.</summary>
    public string? ManageUrl { get; private set; }

    /// <summary>True on the first view after creating it: the manage link is shown in full, once.</summary>
    public bool ShowManageLinkOnce { get; private set; }

    public TimelineView TimelineView => new(Timeline.Build(View.Family, Costs.Cost.Catalogue), Assessment.PublicId, UrlOf, CompareUrl);

    /// <summary>Set when the current rules would give another verdict; the page is evicted from the output cache on publish.</summary>
    public CurrentRulesNote? CurrentRules { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, string? publicId, CancellationToken cancellationToken)
    {
        var view = await assessments.FindSharedAsync(token, publicId, cancellationToken, linkKnownLive: ShareLinkGate.LinkCheckedLive(HttpContext));
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Token = token;
        CurrentRules = CurrentRulesNote.For(view.Assessment, rules.Current);
        ShareUrl = links.ShareUrl(token);
        Costs = new CostSectionView(costs.For(Assessment.Answers, Assessment.DataEvidence), ReviseUrl);
        if (view.CanLapse)
        {
            // The output cache keeps pages by wall-clock time; a page an expiry will change is never served from it.
            HttpContext.Features.Get<IOutputCacheFeature>()?.Context.AllowCacheStorage = false;
        }

        if (view.IsLinkedAssessment && OwnerCookie.TokenFor(Request, view.ManageTokenHash) is { } manageToken)
        {
            ManageUrl = links.ManageUrl(manageToken);
            ShowManageLinkOnce = OwnerCookie.TakeJustCreated(HttpContext, Assessment.PublicId);
        }

        return Page();
    }

    /// <summary>"Start a revision" asks first on a page of its own: this page stays free of forms, so it can be cached.</summary>
    public string ReviseUrl => links.Revise(Token, RevisionId(Assessment.PublicId));

    /// <summary>The assessment the link was shared for, when this page shows another revision.</summary>
    public string LinkedUrl => links.Share(Token);

    /// <summary>"Compare with another assessment": this page's own address as the first of the two.</summary>
    public string CompareWithOtherUrl => links.Compare(links.ShareUrl(Token, RevisionId(Assessment.PublicId)));

    public string ExportMarkdownUrl => links.ExportMarkdown(Token);

    public string ExportJsonUrl => links.ExportJson(Token);

    public string UrlOf(string publicId) => links.Share(Token, RevisionId(publicId));

    public string CompareUrl(string beforePublicId, string afterPublicId) =>
        links.Compare(links.ShareUrl(Token, RevisionId(beforePublicId)), links.ShareUrl(Token, RevisionId(afterPublicId)));

    /// <summary>A family member is reached through this link at <c>/r/{publicId}</c>, except the one the link opens itself.</summary>
    private string? RevisionId(string publicId) => publicId == View.LinkedPublicId ? null : publicId;
}
