using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace FineTuneAdvisor.Web.Data;

public static class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=App_Data/advisor.db";

    private const string PostgresExample = "Host=db.example.internal;Database=advisor;Username=advisor;Password=…";

    /// <summary>
    /// Reads <c>Database:Provider</c> (Sqlite, the default, or Postgres) and <c>ConnectionStrings:Default</c>, and
    /// registers the provider's <see cref="AdvisorDbContext"/>. A setting that cannot work stops start-up with a
    /// message naming it.
    /// </summary>
    public static IServiceCollection AddAdvisorDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = ReadSettings(configuration, environment.ContentRootPath);
        services.AddSingleton(settings);
        // The gate queues writes for SQLite's single writer; PostgreSQL takes concurrent writers, so there it only runs them.
        services.AddSingleton(_ => new WriteGate(serialises: settings.IsSqlite));
        if (settings.IsSqlite)
        {
            services.AddDbContextPool<AdvisorDbContext, SqliteAdvisorDbContext>((provider, options) => options
                .UseSqlite(settings.ConnectionString)
                .AddInterceptors(provider.GetRequiredService<WriteGate>()));
        }
        else
        {
            services.AddDbContextPool<AdvisorDbContext, PostgresAdvisorDbContext>(options => options
                .UseNpgsql(settings.ConnectionString, ConfigureNpgsql));
        }

        return services;
    }

    /// <summary>The PostgreSQL provider's options, the same for the app, the design-time tools and <c>db copy</c>.</summary>
    public static void ConfigureNpgsql(NpgsqlDbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SetPostgresVersion(15, 0);
    }

    public static DatabaseSettings ReadSettings(IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration["Database:Provider"];
        // An empty setting (say, Database__Provider= in the environment) means "use the default", like the connection string.
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Equals(nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Sqlite, SqliteConnectionString(configuration.GetConnectionString("Default"), contentRootPath));
        }

        if (!name.Trim().Equals(nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider is \"{name}\": it must be Sqlite (the default) or Postgres.");
        }

        return new(DatabaseProvider.Postgres, PostgresConnectionString(configuration.GetConnectionString("Default")));
    }

    /// <summary>
    /// SQLite with a relative path resolves against the content root, and its folder is created, so
    /// `dotnet run` works on a fresh clone. A busy timeout makes writers wait for each other instead of failing.
    /// </summary>
    private static string SqliteConnectionString(string? configured, string contentRootPath)
    {
        // An empty setting (say, ConnectionStrings__Default= in the environment) means "use the default" too.
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRootPath, builder.DataSource);
        }

        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        if (!builder.ContainsKey("Default Timeout") || builder.DefaultTimeout == 30)
        {
            builder.DefaultTimeout = 10;
        }

        return builder.ToString();
    }

    /// <summary>Checked now, so a SQLite path left in place or a typo is named at start-up, not at the first query.</summary>
    public static string PostgresConnectionString(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException($"Database:Provider is Postgres, so ConnectionStrings:Default must be a PostgreSQL connection string, such as \"{PostgresExample}\".");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(configured);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new ArgumentException("it names no Host");
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:Default is not a PostgreSQL connection string ({e.Message}). Database:Provider is Postgres, so it must look like \"{PostgresExample}\".", e);
        }
    }

    /// <summary>
    /// Applies committed migrations, once, however many instances start together: SQLite through the write gate,
    /// PostgreSQL under EF Core's migration lock (the history table is locked while one instance migrates). On SQLite a
    /// migration lock left by a process that died while migrating is cleared first (<see cref="SqliteMigrationLock"/>).
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        if (scope.ServiceProvider.GetRequiredService<DatabaseSettings>().IsSqlite)
        {
            await using var migrationLock = await TakeSqliteMigrationLockAsync(scope.ServiceProvider, db, cancellationToken);
            await MigrateSqliteAsync(db, scope.ServiceProvider.GetRequiredService<WriteGate>(), cancellationToken);
        }
        else if (await HasPendingMigrationsAsync(db, cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// One query of the history table. Migrating an up-to-date database still costs a start-up its model check (the
    /// snapshot against the design-time model), its lock and a transaction, so it runs only when something is pending.
    /// The query is plain SQL: EF's own (GetPendingMigrationsAsync) first builds a model of the history table by
    /// convention, a fifth of a second of every start. A history that cannot be read (a fresh database has none) means
    /// "migrate", and the migration names any real problem.
    /// </summary>
    private static async Task<bool> HasPendingMigrationsAsync(AdvisorDbContext db, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (DbException)
        {
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return db.Database.GetMigrations().Any(id => !applied.Contains(id));
    }

    /// <summary>Migrates the file and makes sure it is in WAL mode (readers never block the writer).</summary>
    private static Task<int> MigrateSqliteAsync(AdvisorDbContext db, WriteGate gate, CancellationToken cancellationToken) =>
        // Migrations run in transactions, which begin only inside the write gate.
        gate.RunAsync(async ct =>
        {
            if (await HasPendingMigrationsAsync(db, ct))
            {
                await db.Database.MigrateAsync(ct);
            }

            return await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = 'wal';", ct);
        }, cancellationToken);

    private static Task<SqliteMigrationLock?> TakeSqliteMigrationLockAsync(IServiceProvider services, AdvisorDbContext db, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var wait = configuration.GetValue<double?>(SqliteMigrationLock.WaitSetting) is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : SqliteMigrationLock.DefaultWait;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<SqliteMigrationLock>();
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return SqliteMigrationLock.TakeForMigrationAsync(path, wait, logger, cancellationToken);
    }
}
