using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Costs;

/// <summary>
/// The provider catalogue estimates are made with: the newest published version (<see cref="ActiveDocument{TDocument}"/>),
/// loaded at start-up, swapped by a publish (Pages/Admin/Catalogue) and by <c>CatalogueRefresh</c> when another
/// instance published; until start-up has loaded it, the embedded one. No request queries the database for it.
/// </summary>
public sealed class ActiveCatalogue() : ActiveDocument<ProviderCatalogue>(CatalogueLoader.LoadDefault, catalogue => catalogue.Version);
