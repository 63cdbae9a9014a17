using System.Diagnostics;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace FineTuneAdvisor.Web.Infrastructure.Redis;

/// <summary>
/// One client's limit counted in Redis (RedisRateLimiting's fixed window), so that every instance draws on the same
/// budget. When Redis is down the count falls back to this instance's own fixed window: limiting goes on, per
/// instance, and <see cref="RedisConnection"/> has logged the outage.
/// </summary>
public sealed partial class SharedRateLimiter(RateLimiter shared, RateLimiter local, RedisConnection connection, ILogger logger) : RateLimiter
{
    private long _lastUsed = Stopwatch.GetTimestamp();
    private int _active;

    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _active) > 0 ? null : Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    /// <summary>Redis can only be asked asynchronously: a synchronous attempt says "not now", and the middleware then waits on <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        connection.IsConnected ? Refused.Instance : local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _active);
        try
        {
            if (connection.IsConnected)
            {
                try
                {
                    return await shared.AcquireAsync(permitCount, cancellationToken);
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    LogFallback(logger, e);
                }
            }

            return await local.AcquireAsync(permitCount, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            Interlocked.Decrement(ref _active);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
            local.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await shared.DisposeAsync();
        await local.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Counting a rate limit in Redis failed; this instance counts it alone for now")]
    private static partial void LogFallback(ILogger logger, Exception exception);

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
