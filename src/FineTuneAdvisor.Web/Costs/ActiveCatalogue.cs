using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Web.Costs;

/// <summary>
/// The provider catalogue estimates are made with: for now the one embedded in the scoring library, parsed and
/// validated once. When admins publish catalogues (draft → publish → audit, like rule sets), start-up and publishing
/// call <see cref="Publish"/> with the latest version. Reading it is one volatile read; publishing swaps the
/// reference, so a request sees the old or the new catalogue whole, never a mix.
/// </summary>
public sealed class ActiveCatalogue
{
    private ProviderCatalogue _current = CatalogueLoader.LoadDefault();

    public ProviderCatalogue Current => Volatile.Read(ref _current);

    public void Publish(ProviderCatalogue catalogue) => Volatile.Write(ref _current, catalogue ?? throw new ArgumentNullException(nameof(catalogue)));
}
