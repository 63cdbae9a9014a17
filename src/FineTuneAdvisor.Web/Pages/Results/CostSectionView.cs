using FineTuneAdvisor.Web.Costs;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>What the result's cost and availability sections show: the assessment's costs and where to add cost answers.</summary>
/// <param name="Cost">The costs and availability, priced now.</param>
/// <param name="ReviseUrl">"Start a revision" for this assessment; null where no revision can be started from the page.</param>
public sealed record CostSectionView(AssessmentCost Cost, string? ReviseUrl);
