using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// Provider-catalogue versions and the draft (<see cref="VersionedDocumentStore{TDocument, TVersion, TDraft}"/>).
/// Publishing makes the next estimate on this instance use the new prices, and the others' at once with Redis.
/// </summary>
public sealed class CatalogueStore(CatalogueKind kind, AdvisorDbContext db, WriteGate writes, ActiveCatalogue active, AuditLog audit, TimeProvider time,
    InstanceSignals signals) : VersionedDocumentStore<ProviderCatalogue, CatalogueVersion, CatalogueDraft>(kind, db, writes, active, audit, time, signals)
{
    /// <summary>What the import, versions and export pages say; a new draft is shown on the publish page.</summary>
    public static DocumentPageWords Words { get; } = new("catalogue", "provider-catalogue", "Estimates change only when it is published.", "Publish");
}
