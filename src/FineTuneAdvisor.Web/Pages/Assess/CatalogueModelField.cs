using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>What the provider-and-model field needs: a question answered from the active provider catalogue.</summary>
public sealed record CatalogueModelField(Question Question, string Name, string? Value, bool Invalid, string DescribedBy);
