using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// At most <see cref="DatasetOptions.MaxConcurrentAnalyses"/> analyses at once in this instance, API and page
/// together: an analysis keeps a core busy for seconds, so more would only slow every one down. A caller that
/// finds no free slot is told to come back (429 with Retry-After) rather than queued.
/// </summary>
public sealed class AnalysisSlots(IOptions<DatasetOptions> options) : IDisposable
{
    /// <summary>What Retry-After says when every slot is taken: about the time a mid-sized sample takes.</summary>
    public const int RetryAfterSeconds = 10;

    private readonly int _capacity = Math.Max(1, options.Value.MaxConcurrentAnalyses);
    private readonly SemaphoreSlim _free = new(Math.Max(1, options.Value.MaxConcurrentAnalyses));

    public int Capacity => _capacity;

    public int InUse => _capacity - _free.CurrentCount;

    /// <summary>A slot, released when the lease is disposed; null when all are taken.</summary>
    public IDisposable? TryEnter() => _free.Wait(0) ? new Lease(_free) : null;

    public void Dispose() => _free.Dispose();

    private sealed class Lease(SemaphoreSlim free) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                free.Release();
            }
        }
    }
}
