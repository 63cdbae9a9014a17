using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Data;

public static class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=App_Data/advisor.db";

    /// <summary>
    /// SQLite with a relative path resolves against the content root, and its folder is created, so
    /// `dotnet run` works on a fresh clone. A busy timeout makes writers wait for each other instead of failing.
    /// </summary>
    public static IServiceCollection AddAdvisorDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        // An empty setting (say, ConnectionStrings__Default= in the environment) means "use the default" too.
        var configured = configuration.GetConnectionString("Default");
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        }

        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        if (!builder.ContainsKey("Default Timeout") || builder.DefaultTimeout == 30)
        {
            builder.DefaultTimeout = 10;
        }

        var connectionString = builder.ToString();
        services.AddSingleton<WriteGate>();
        services.AddDbContextPool<AdvisorDbContext>((provider, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(provider.GetRequiredService<WriteGate>()));
        return services;
    }

    /// <summary>
    /// Applies committed migrations and makes sure the file is in WAL mode (readers never block the writer). A
    /// migration lock left by a process that died while migrating is cleared first (<see cref="SqliteMigrationLock"/>).
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        await using var migrationLock = await TakeSqliteMigrationLockAsync(scope.ServiceProvider, db, cancellationToken);
        // Migrations run in transactions, which begin only inside the write gate.
        await scope.ServiceProvider.GetRequiredService<WriteGate>().RunAsync(async ct =>
        {
            await db.Database.MigrateAsync(ct);
            return await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = 'wal';", ct);
        }, cancellationToken);
    }

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
