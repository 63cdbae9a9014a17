using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Web.Costs;

/// <summary>
/// The provider catalogue estimates are made with: the newest published version (Pages/Admin/Catalogue), loaded
/// once at start-up, swapped by a publish on this instance and by <c>CatalogueRefresh</c> when another instance
/// published. Until start-up has loaded it, the embedded one. Reading it is one volatile read; publishing swaps the
/// reference, so a request sees the old or the new catalogue whole, never a mix, and no request queries the database.
/// </summary>
public sealed class ActiveCatalogue
{
    // Null until start-up publishes the stored version, so a start parses the catalogue once, not the embedded one too.
    private ProviderCatalogue? _current;

    public ProviderCatalogue Current => Volatile.Read(ref _current) ?? LoadDefaultOnce();

    public void Publish(ProviderCatalogue catalogue) => Volatile.Write(ref _current, catalogue ?? throw new ArgumentNullException(nameof(catalogue)));

    /// <summary>Makes <paramref name="catalogue"/> active unless a newer version already is (a publish and a refresh may race).</summary>
    public bool PublishIfNewer(ProviderCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && catalogue.Version <= current.Version)
            {
                return false;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, catalogue, current), current))
            {
                return true;
            }
        }
    }

    private ProviderCatalogue LoadDefaultOnce()
    {
        Interlocked.CompareExchange(ref _current, CatalogueLoader.LoadDefault(), null);
        return Volatile.Read(ref _current)!;
    }
}
