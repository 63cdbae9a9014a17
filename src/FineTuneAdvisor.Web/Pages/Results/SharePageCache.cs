using System.Globalization;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.Pages.Manage;
using Microsoft.AspNetCore.OutputCaching;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>
/// Evicts the output-cached share pages. Evicting alone is not enough: a page rendered from the old data while
/// the eviction ran is stored after it. Each eviction also moves a generation that is part of every cache key, and
/// a request keeps the key it started with, so such a page is stored under a key no later request asks for. With
/// Redis the store is shared, and the generation moves on every instance (an <see cref="InstanceSignals"/> message).
/// </summary>
public sealed class SharePageCache
{
    public const string PolicyName = "share-pages";
    public const string Tag = "share-pages";

    private readonly IOutputCacheStore _store;
    private readonly InstanceSignals _signals;
    private long _generation;

    public SharePageCache(IOutputCacheStore store, InstanceSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        _store = store;
        _signals = signals;
        signals.Subscribe(InstanceSignals.SharePagesEvicted, () => Interlocked.Increment(ref _generation));
    }

    public string Generation => Interlocked.Read(ref _generation).ToString(CultureInfo.InvariantCulture);

    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _generation);
        await _store.EvictByTagAsync(Tag, cancellationToken);
        await _signals.SendAsync(InstanceSignals.SharePagesEvicted);
    }

    /// <summary>
    /// Whether share pages may be cached at all: where this process alone serves the database (SQLite's case, one
    /// instance per file), or where every instance shares the cache (Redis), so that an eviction reaches them all.
    /// PostgreSQL without Redis is there for several instances, and a link revoked through one instance cannot evict
    /// another's memory, so there every read renders the page from the database (one indexed query): a revoked link
    /// is never served, at the cost of the cached page's speed.
    /// </summary>
    public static bool IsCacheable(DatabaseSettings settings, bool sharedCache)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.IsSqlite || sharedCache;
    }

    /// <summary>
    /// A saved assessment never changes, so its rendered page is kept (bounded) instead of rebuilt per read. Only
    /// 200s without cookies are stored: unknown tokens cost nothing here. An owner's browser sees its own "Manage"
    /// panel, so it never shares a cached page with viewers. Anything that changes what a share page shows must
    /// evict through <see cref="EvictAsync"/>. Where pages must not be kept (<see cref="IsCacheable"/>), the policy
    /// caches nothing.
    /// </summary>
    private static string Key(IServiceProvider services)
    {
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var catalogue = services.GetRequiredService<Costs.ActiveCatalogue>().Current.Version;
        return string.Create(CultureInfo.InvariantCulture, $"{services.GetRequiredService<SharePageCache>().Generation}:{catalogue}:{today:yyyy-MM-dd}");
    }

    public static void AddPolicy(OutputCacheOptions options, DatabaseSettings settings, InstanceSignals signals)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signals);
        if (!IsCacheable(settings, signals.IsShared))
        {
            options.AddPolicy(PolicyName, policy => policy.NoCache());
            return;
        }

        options.AddPolicy(PolicyName, policy => policy
            .Expire(TimeSpan.FromMinutes(10))
            // No request coalescing: with it, requests for one address wait in line for the first one's answer, and
            // a 404 (never stored) makes every guess at one unknown link take its turn behind the others.
            .SetLocking(false)
            .Tag(Tag)
            // The cost sections read the active provider catalogue and today's date: a new version or a new day is a new page.
            .VaryByValue(context => new KeyValuePair<string, string>("generation", Key(context.RequestServices)))
            .With(context => !OwnerCookie.IsPresent(context.HttpContext.Request)));
    }
}
