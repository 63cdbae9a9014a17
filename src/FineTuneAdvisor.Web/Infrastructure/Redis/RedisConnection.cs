using StackExchange.Redis;

namespace FineTuneAdvisor.Web.Infrastructure.Redis;

/// <summary>The <c>Redis</c> section: what this deployment's keys and channels start with.</summary>
public sealed class RedisOptions
{
    /// <summary>Lets several deployments (or test runs) share one Redis without seeing each other's keys.</summary>
    public string KeyPrefix { get; set; } = "fta:";
}

/// <summary>
/// The one connection to Redis (<c>ConnectionStrings:Redis</c>). A Redis that is down costs start-up at most the
/// connect timeout (2 s by default) and never fails it: the client keeps retrying in the background, and meanwhile
/// commands fail at once (no backlog), so every user of it falls back to what this instance can do alone. An outage
/// is logged once when it starts and once when it ends.
/// </summary>
public sealed partial class RedisConnection : IDisposable
{
    private readonly ILogger<RedisConnection> _logger;
    private int _down;

    public RedisConnection(string connectionString, RedisOptions options, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        Prefix = options.KeyPrefix;
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            // Redis is a neighbour: two seconds without an answer is an outage, and a request should not wait the
            // client's default five for it before going on alone (a connection string's own timeouts win).
            configuration.ConnectTimeout = 2000;
            configuration.AsyncTimeout = 2000;
            configuration.SyncTimeout = 2000;
        }

        configuration.ChannelPrefix = RedisChannel.Literal(Prefix);
        Multiplexer = ConnectionMultiplexer.Connect(configuration);
        Multiplexer.ConnectionFailed += (_, e) =>
        {
            if (Interlocked.Exchange(ref _down, 1) == 0)
            {
                LogDown(_logger, e.EndPoint, e.FailureType, e.Exception);
            }
        };
        Multiplexer.ConnectionRestored += (_, e) =>
        {
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                LogRestored(_logger, e.EndPoint);
            }

            Restored?.Invoke();
        };
        if (!Multiplexer.IsConnected && Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogDown(_logger, configuration.EndPoints.FirstOrDefault(), ConnectionFailureType.UnableToConnect, null);
        }
    }

    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>Prepended to every key and channel.</summary>
    public string Prefix { get; }

    public bool IsConnected => Multiplexer.IsConnected;

    /// <summary>Raised when a lost connection comes back: whatever this instance could not tell the others meanwhile must be told now.</summary>
    public event Action? Restored;

    public void Dispose() => Multiplexer.Dispose();

    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "Redis at {EndPoint} is unavailable ({Failure}): this instance caches and rate-limits on its own until it is back")]
    private static partial void LogDown(ILogger logger, System.Net.EndPoint? endPoint, ConnectionFailureType failure, Exception? exception);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Redis at {EndPoint} is back: cache and rate limits are shared again")]
    private static partial void LogRestored(ILogger logger, System.Net.EndPoint? endPoint);
}
