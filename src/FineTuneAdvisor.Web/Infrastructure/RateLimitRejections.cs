using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace FineTuneAdvisor.Web.Infrastructure;

/// <summary>
/// What an operator wants from rate limiting: every rejection counted (the <see cref="CounterName"/> counter of the
/// <see cref="MeterName"/> meter, tagged with the policy, for dotnet-counters or an OpenTelemetry exporter), and one
/// warning when a client first goes over a limit, not a line per rejected request: a flood would otherwise flood the
/// log too. The next warning for that client and policy comes once its window has passed and it goes over again.
/// </summary>
public sealed partial class RateLimitRejections
{
    public const string MeterName = "FineTuneAdvisor";
    public const string CounterName = "advisor.rate_limit.rejections";

    /// <summary>Past this many remembered clients, those whose window has passed are forgotten.</summary>
    private const int PruneAbove = 10_000;

    private readonly Counter<long> _rejections;
    private readonly ConcurrentDictionary<(string Policy, string Client), DateTimeOffset> _warnedUntil = new();
    private readonly TimeProvider _time;
    private readonly ILogger<RateLimitRejections> _logger;

    public RateLimitRejections(IMeterFactory meters, TimeProvider time, ILogger<RateLimitRejections> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _rejections = meters.Create(MeterName).CreateCounter<long>(CounterName, unit: "{request}",
            description: "Requests refused with 429 by a per-client rate limit.");
        _time = time;
        _logger = logger;
    }

    public void Record(string policy, string client, TimeSpan retryAfter)
    {
        _rejections.Add(1, new KeyValuePair<string, object?>("policy", policy));
        var now = _time.GetUtcNow();
        var key = (policy, client);
        var until = now + retryAfter;
        if (_warnedUntil.TryGetValue(key, out var warned) ? warned > now || !_warnedUntil.TryUpdate(key, until, warned) : !_warnedUntil.TryAdd(key, until))
        {
            return;
        }

        LogLimitReached(_logger, client, policy, (int)Math.Ceiling(retryAfter.TotalSeconds));
        if (_warnedUntil.Count > PruneAbove)
        {
            foreach (var (stale, _) in _warnedUntil.Where(entry => entry.Value <= now))
            {
                _warnedUntil.TryRemove(stale, out _);
            }
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning,
        Message = "Client {Client} reached the {Policy} rate limit; its requests are refused with 429 for {RetryAfterSeconds} s (further refusals are counted, not logged)")]
    private static partial void LogLimitReached(ILogger logger, string client, string policy, int retryAfterSeconds);
}
