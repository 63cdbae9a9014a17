using StackExchange.Redis;

namespace FineTuneAdvisor.Web.Infrastructure.Redis;

/// <summary>
/// Tells the other instances that something they keep in memory changed (share pages evicted, a rule set
/// or provider catalogue published), through Redis pub/sub. Without Redis, or while it is down, nothing is sent: each instance then relies
/// on what it does alone (no shared share-page cache; the rule-set refresh interval), and a lost connection coming
/// back raises every signal once, since messages sent meanwhile may have been missed.
/// </summary>
public sealed partial class InstanceSignals(ILogger<InstanceSignals> logger, RedisConnection? redis = null)
{
    public const string SharePagesEvicted = "share-pages-evicted";
    public const string RuleSetPublished = "rule-set-published";
    public const string CataloguePublished = "catalogue-published";

    private readonly Dictionary<string, List<Action>> _handlers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listening = new(StringComparer.Ordinal);
    private bool _restoredHooked;

    public bool IsShared => redis is not null;

    /// <summary>Runs <paramref name="handler"/> whenever another instance (or this one) sends <paramref name="signal"/>.</summary>
    public void Subscribe(string signal, Action handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (redis is null)
        {
            return;
        }

        lock (_handlers)
        {
            if (!_handlers.TryGetValue(signal, out var handlers))
            {
                _handlers[signal] = handlers = [];
            }

            handlers.Add(handler);
            if (!_restoredHooked)
            {
                _restoredHooked = true;
                redis.Restored += () =>
                {
                    Listen();
                    foreach (var name in SignalNames())
                    {
                        Raise(name);
                    }
                };
            }
        }

        Listen();
    }

    /// <summary>Subscribes in Redis to every signal not yet listened to; with Redis down, the restoration does it.</summary>
    private void Listen()
    {
        foreach (var signal in SignalNames())
        {
            lock (_listening)
            {
                if (_listening.Contains(signal) || !redis!.IsConnected)
                {
                    continue;
                }

                try
                {
                    redis.Multiplexer.GetSubscriber().Subscribe(RedisChannel.Literal(signal), (_, _) => Raise(signal));
                    _listening.Add(signal);
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    LogListenFailed(logger, signal, e);
                }
            }
        }
    }

    /// <summary>Sends <paramref name="signal"/> to every instance; a failure is logged, never thrown: the change itself is already saved.</summary>
    public async Task SendAsync(string signal)
    {
        if (redis is null || !redis.IsConnected)
        {
            return;
        }

        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(signal), "1");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSendFailed(logger, signal, e);
        }
    }

    private string[] SignalNames()
    {
        lock (_handlers)
        {
            return [.. _handlers.Keys];
        }
    }

    private void Raise(string signal)
    {
        Action[] handlers;
        lock (_handlers)
        {
            handlers = _handlers.TryGetValue(signal, out var list) ? [.. list] : [];
        }

        foreach (var handler in handlers)
        {
            handler();
        }
    }

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Listening for '{Signal}' through Redis failed; trying again when Redis is back")]
    private static partial void LogListenFailed(ILogger logger, string signal, Exception exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Telling the other instances '{Signal}' through Redis failed; they catch up when Redis is back")]
    private static partial void LogSendFailed(ILogger logger, string signal, Exception exception);
}
