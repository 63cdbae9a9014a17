using System.Net;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Tests.Data;

/// <summary>
/// EF Core's SQLite migration lock is a row in <c>__EFMigrationsLock</c> that only a process that lives to the end of
/// its migration deletes. A process killed while migrating left it behind, and every later start waited forever
/// without a word (checklist C37, fault F9). Start-up now clears a lock nobody holds and stops, naming the row and the
/// fix, when another process really is migrating.
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
public sealed class MigrationLockTests : IDisposable
{
    /// <summary>A start that takes longer than this is the hang these tests are about.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private readonly AdvisorAppFactory _first = new();

    public void Dispose() => _first.Dispose();

    [Fact]
    public async Task StartUp_WithAStaleLockRowInAMigratedDatabase_RemovesItWithAWarningAndServes()
    {
        MigrateOnce();
        await PlantLockRowAsync(_first.DatabasePath, "2026-11-20 09:15:00+00:00");
        using var second = new AdvisorAppFactory().WithSetting("ConnectionStrings:Default", $"Data Source={_first.DatabasePath}");

        var client = await Task.Run(second.CreateClient).WaitAsync(Hang);

        using var response = await client.GetAsync("/api/questionnaire");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0L, await CountLockRowsAsync(_first.DatabasePath));
        var warning = Assert.Single(second.Logs.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("__EFMigrationsLock", StringComparison.Ordinal));
        Assert.Contains("2026-11-20 09:15:00", warning.RenderMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithAStaleLockRowInANewDatabase_MigratesAndServes()
    {
        // The first start was killed after EF made its lock table and took the lock, before any migration ran.
        var path = Path.Combine(Path.GetDirectoryName(_first.DatabasePath)!, "killed-first-start.db");
        await using (var connection = await OpenAsync(path))
        {
            await ExecuteAsync(connection, """CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);""");
        }

        await PlantLockRowAsync(path, "2026-11-20 09:15:00+00:00");
        using var app = new AdvisorAppFactory().WithSetting("ConnectionStrings:Default", $"Data Source={path}");

        var client = await Task.Run(app.CreateClient).WaitAsync(Hang);

        using var created = await client.PostAsync("/api/assessments", ApiAssessments.Json(Answers.ToJsonBody(Answers.StrongCase())));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(0L, await CountLockRowsAsync(path));
    }

    [Fact]
    public async Task StartUp_WhileAnotherProcessIsMigrating_StopsWithinTheWaitNamingTheRowAndTheFix()
    {
        MigrateOnce();
        await PlantLockRowAsync(_first.DatabasePath, "2026-11-20 09:15:00+00:00");
        // What a live migrator holds: the lock file beside the database, released by the OS when its process ends.
        await using var live = await SqliteMigrationLock.AcquireAsync(_first.DatabasePath, TimeSpan.Zero, CancellationToken.None);
        using var second = new AdvisorAppFactory()
            .WithSetting("ConnectionStrings:Default", $"Data Source={_first.DatabasePath}")
            .WithSetting("Database:MigrationLockWaitSeconds", "1");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(second.CreateClient).WaitAsync(Hang));

        var message = error.ToString();
        Assert.Contains("__EFMigrationsLock", message, StringComparison.Ordinal);
        Assert.Contains("2026-11-20 09:15:00", message, StringComparison.Ordinal);
        Assert.Contains(SqliteMigrationLock.LockFileFor(_first.DatabasePath), message, StringComparison.Ordinal);
        Assert.Contains("another process", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1L, await CountLockRowsAsync(_first.DatabasePath));
    }

    [Fact]
    public async Task LockFile_AfterAnOwnerReleasesIt_CanBeTakenAgain()
    {
        MigrateOnce();
        await using (await SqliteMigrationLock.AcquireAsync(_first.DatabasePath, TimeSpan.Zero, CancellationToken.None))
        {
            await Assert.ThrowsAsync<SqliteMigrationLockException>(() =>
                SqliteMigrationLock.AcquireAsync(_first.DatabasePath, TimeSpan.Zero, CancellationToken.None));
        }

        await using var again = await SqliteMigrationLock.AcquireAsync(_first.DatabasePath, TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(again);
    }

    private void MigrateOnce()
    {
        using (_first.CreateClient())
        {
        }
    }

    private static async Task PlantLockRowAsync(string path, string timestamp)
    {
        await using var connection = await OpenAsync(path);
        await ExecuteAsync(connection, $"""INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '{timestamp}');""");
    }

    private static async Task<long> CountLockRowsAsync(string path)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "__EFMigrationsLock";""";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
