using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>Every published catalogue version, each with its export and "restore as draft" (audit <c>catalogue.rollback</c>).</summary>
public sealed class VersionsModel(CatalogueStore store) : DocumentVersionsModel<ProviderCatalogue, CatalogueVersion, CatalogueDraft>(store, CatalogueStore.Words);
