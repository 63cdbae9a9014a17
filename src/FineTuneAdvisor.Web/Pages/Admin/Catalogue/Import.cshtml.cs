using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// Import a provider catalogue (<see cref="DocumentImportModel{TDocument, TVersion, TDraft}"/>). CatalogueLoader reads it
/// strictly (unknown or duplicate properties, numbers in quotes, nulls and comments are refused) and checks it against
/// the clock's day; a valid one becomes the draft (audit <c>catalogue.import</c>).
/// </summary>
public sealed class ImportModel(CatalogueStore store) : DocumentImportModel<ProviderCatalogue, CatalogueVersion, CatalogueDraft>(store, CatalogueStore.Words);
