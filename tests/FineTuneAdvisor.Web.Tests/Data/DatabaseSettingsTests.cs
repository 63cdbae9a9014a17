using FineTuneAdvisor.Web.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Data;

/// <summary>
/// <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>: a setting that cannot work stops start-up with a message
/// naming it; <c>db copy</c> refuses what it cannot do before touching anything.
/// </summary>
public sealed class DatabaseSettingsTests
{
    private static readonly string ContentRoot = Path.Combine(Path.GetTempPath(), "ftadvisor-settings");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Sqlite")]
    [InlineData("sqlite")]
    public void Provider_UnsetOrSqlite_IsSqliteUnderTheContentRootWithABusyTimeout(string? provider)
    {
        var settings = Read(provider, "Data Source=App_Data/test.db");

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal($"Data Source={Path.Combine(ContentRoot, "App_Data", "test.db")};Default Timeout=10", settings.ConnectionString);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("postgres")]
    [InlineData(" POSTGRES ")]
    public void Provider_Postgres_KeepsTheConnectionString(string provider)
    {
        var settings = Read(provider, "Host=db.internal;Database=advisor;Username=advisor;Password=secret");

        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
        Assert.Contains("Host=db.internal", settings.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Database=advisor", settings.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("PostgreSQL15")]
    public void Provider_Unknown_StopsStartUpNamingTheSetting(string provider)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read(provider, null));

        Assert.Equal($"Database:Provider is \"{provider}\": it must be Sqlite (the default) or Postgres.", refused.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Provider_PostgresWithoutAConnectionString_SaysWhatToSet(string? connectionString)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read("Postgres", connectionString));

        Assert.StartsWith("Database:Provider is Postgres, so ConnectionStrings:Default must be a PostgreSQL connection string", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=App_Data/advisor.db")]
    [InlineData("Database=advisor;Username=advisor")]
    [InlineData("this is not a connection string")]
    public void Provider_PostgresWithAnotherKindOfConnectionString_SaysSoAtStartUp(string connectionString)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read("Postgres", connectionString));

        Assert.StartsWith("ConnectionStrings:Default is not a PostgreSQL connection string (", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Database:Provider is Postgres", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbCopy_WithoutATarget_PrintsTheUsage()
    {
        var (exit, output, error) = await CopyAsync(DatabaseProvider.Sqlite, "db", "copy");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal(DatabaseCommand.Usage, error.Trim());
    }

    [Theory]
    [InlineData("Data Source=App_Data/advisor.db")]
    [InlineData("")]
    [InlineData("=;=")]
    public async Task DbCopy_ToSomethingThatIsNotAPostgresConnectionString_IsRefusedSayingWhatItLooksLike(string to)
    {
        var (exit, _, error) = await CopyAsync(DatabaseProvider.Sqlite, "db", "copy", "--to", to);

        Assert.Equal(1, exit);
        Assert.StartsWith("Not copied: --to is not a PostgreSQL connection string (", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbCopy_WhenTheAppRunsOnPostgres_IsRefused()
    {
        var (exit, _, error) = await CopyAsync(DatabaseProvider.Postgres, "db", "copy", "--to=Host=elsewhere;Database=advisor");

        Assert.Equal(1, exit);
        Assert.StartsWith("Not copied: db copy reads the configured SQLite database, but Database:Provider is Postgres.", error, StringComparison.Ordinal);
    }

    private static DatabaseSettings Read(string? provider, string? connectionString) =>
        DatabaseSetup.ReadSettings(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Default"] = connectionString,
        }).Build(), ContentRoot);

    /// <summary>The command with nothing behind it but its settings: these refusals come before any database is opened.</summary>
    private static async Task<(int Exit, string Output, string Error)> CopyAsync(DatabaseProvider provider, params string[] args)
    {
        await using var services = new ServiceCollection()
            .AddSingleton(new DatabaseSettings(provider, "unused"))
            .BuildServiceProvider();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new DatabaseCommand(services, output, error).RunAsync(args, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
