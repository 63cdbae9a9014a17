using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace FineTuneAdvisor.Web.Infrastructure;

/// <summary>
/// Evicts the output-cached share pages. Evicting alone is not enough: a page rendered from the old data while
/// the eviction ran is stored after it. Each eviction also moves a generation that is part of every cache key, and
/// a request keeps the key it started with, so such a page is stored under a key no later request asks for.
/// </summary>
public sealed class SharePageCache(IOutputCacheStore store)
{
    private long _generation;

    public string Generation => Interlocked.Read(ref _generation).ToString(CultureInfo.InvariantCulture);

    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _generation);
        await store.EvictByTagAsync(ServiceSetup.SharePagesTag, cancellationToken);
    }
}
