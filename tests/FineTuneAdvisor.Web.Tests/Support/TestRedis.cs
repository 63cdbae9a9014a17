namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// The Redis server of the tests that share state between instances: <c>FTA_TEST_REDIS</c> (test.sh starts Debian's
/// redis-server on 127.0.0.1:6379 and sets it). Each group of hosts takes a key prefix of its own, so tests never see
/// each other's keys and nothing needs cleaning between them.
/// </summary>
public static class TestRedis
{
    public static string Server { get; } = Environment.GetEnvironmentVariable("FTA_TEST_REDIS") is { Length: > 0 } server
        ? server
        : "127.0.0.1:6379";

    /// <summary>A port on loopback where nothing listens: Redis "down" from the first moment.</summary>
    public const string Unreachable = "127.0.0.1:1";

    public static string NewPrefix() => $"fta-test:{Guid.NewGuid():N}:";

    /// <summary>This host shares the given Redis under the given prefix (the same for every host of one deployment).</summary>
    public static AdvisorAppFactory WithRedis(this AdvisorAppFactory app, string prefix, string? server = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithSetting("ConnectionStrings:Redis", server ?? Server).WithSetting("Redis:KeyPrefix", prefix);
    }
}
