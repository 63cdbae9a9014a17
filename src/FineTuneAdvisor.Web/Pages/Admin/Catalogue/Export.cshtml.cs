using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>A published catalogue or the draft as JSON, which the import reads back (<see cref="DocumentExportModel{TDocument, TVersion, TDraft}"/>).</summary>
public sealed class ExportModel(CatalogueStore store) : DocumentExportModel<ProviderCatalogue, CatalogueVersion, CatalogueDraft>(store, CatalogueStore.Words);
