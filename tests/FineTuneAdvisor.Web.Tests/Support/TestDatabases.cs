using FineTuneAdvisor.Web.Data;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// Which database the suite runs on: <c>FTA_TEST_DATABASE</c> = <c>Sqlite</c> (the default) or <c>Postgres</c>, the
/// PostgreSQL server in <c>FTA_TEST_POSTGRES</c> (default <c>Host=127.0.0.1;Username=fta;Password=fta</c>, the role
/// test.sh creates). test.sh runs the suite once each way.
/// </summary>
/// <remarks>
/// A test that can only mean something on one provider says so with <c>[Trait(TestDatabases.Trait, …)]</c>, and
/// test.sh leaves it out of the other run by filter (a skipped test counts as a failure here):
/// <see cref="SqliteOnly"/> for the SQLite file itself (WAL, the busy timeout, bytes on disk, the write gate's queue,
/// upgrades of old SQLite files, the in-memory share-page cache that only a one-instance database keeps), and
/// <see cref="PostgresOnly"/> for what needs a PostgreSQL server (several instances on one database, <c>db copy</c>).
/// Run one provider's tests alone with <c>--filter "Database!=PostgresOnly"</c> (no server needed) or
/// <c>FTA_TEST_DATABASE=Postgres dotnet test … --filter "Database!=SqliteOnly"</c>.
/// </remarks>
public static class TestDatabases
{
    public const string Trait = "Database";
    public const string SqliteOnly = "SqliteOnly";
    public const string PostgresOnly = "PostgresOnly";

    public const string DefaultPostgresServer = "Host=127.0.0.1;Username=fta;Password=fta";

    /// <summary>The provider of this run.</summary>
    public static DatabaseProvider Provider { get; } = Environment.GetEnvironmentVariable("FTA_TEST_DATABASE") switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) => provider,
        var name => throw new InvalidOperationException($"FTA_TEST_DATABASE is \"{name}\": use Sqlite or Postgres."),
    };

    /// <summary>The PostgreSQL server the tests make their databases on (no database named: each test gets its own).</summary>
    public static string PostgresServer { get; } = Environment.GetEnvironmentVariable("FTA_TEST_POSTGRES") is { Length: > 0 } server
        ? server
        : DefaultPostgresServer;
}
