using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace FineTuneAdvisor.Web.Infrastructure.Redis;

/// <summary>
/// The output cache in Redis (ASP.NET Core's own store), so that a page evicted through one instance is gone for all.
/// Redis being down never fails a request: a read is a miss, a write is skipped, and an eviction that could not reach
/// Redis is repeated as soon as the connection is back, before any page stored earlier can be served again.
/// </summary>
public sealed partial class SharedOutputCacheStore : IOutputCacheStore, IOutputCacheBufferStore
{
    private readonly IOutputCacheStore _redis;
    private readonly RedisConnection _connection;
    private readonly ILogger<SharedOutputCacheStore> _logger;
    private readonly HashSet<string> _missedEvictions = new(StringComparer.Ordinal);

    public SharedOutputCacheStore(IOutputCacheStore redis, RedisConnection connection, ILogger<SharedOutputCacheStore> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _redis = redis;
        _connection = connection;
        _logger = logger;
        connection.Restored += () => _ = RepeatMissedEvictionsAsync();
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!Usable())
        {
            return null;
        }

        try
        {
            return await _redis.GetAsync(key, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFailed(_logger, "read", e);
            return null;
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (!Usable() || _redis is not IOutputCacheBufferStore buffers)
        {
            return false;
        }

        try
        {
            return await buffers.TryGetAsync(key, destination, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFailed(_logger, "read", e);
            return false;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!Usable())
        {
            return;
        }

        try
        {
            await _redis.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFailed(_logger, "write", e);
        }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!Usable())
        {
            return;
        }

        try
        {
            if (_redis is IOutputCacheBufferStore buffers)
            {
                await buffers.SetAsync(key, value, tags, validFor, cancellationToken);
            }
            else
            {
                await _redis.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFailed(_logger, "write", e);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            if (_connection.IsConnected)
            {
                await _redis.EvictByTagAsync(tag, cancellationToken);
                return;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFailed(_logger, "eviction", e);
        }

        lock (_missedEvictions)
        {
            _missedEvictions.Add(tag);
        }
    }

    /// <summary>Usable only with the connection up and no eviction still owed: a page stored before it must not be served.</summary>
    private bool Usable()
    {
        if (!_connection.IsConnected)
        {
            return false;
        }

        lock (_missedEvictions)
        {
            return _missedEvictions.Count == 0;
        }
    }

    private async Task RepeatMissedEvictionsAsync()
    {
        string[] tags;
        lock (_missedEvictions)
        {
            tags = [.. _missedEvictions];
        }

        foreach (var tag in tags)
        {
            try
            {
                await _redis.EvictByTagAsync(tag, CancellationToken.None);
                lock (_missedEvictions)
                {
                    _missedEvictions.Remove(tag);
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Still owed: the next restoration tries again, and until then this instance does not use the cache.
                LogFailed(_logger, "eviction", e);
            }
        }
    }

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "An output-cache {Operation} in Redis failed; the page is served without the cache")]
    private static partial void LogFailed(ILogger logger, string operation, Exception exception);
}
