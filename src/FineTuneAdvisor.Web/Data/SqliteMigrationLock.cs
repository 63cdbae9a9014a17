using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// Makes EF Core's SQLite migration lock safe to restart after a crash. EF takes that lock as a row in
/// <c>__EFMigrationsLock</c> and deletes it when it is done; a process killed while migrating leaves the row behind,
/// and every later start would wait for it forever, silently. So start-up first takes an operating-system lock on a
/// file beside the database (<see cref="LockFileFor"/>), which the OS releases when its process ends, however it ends.
/// Holding that file, no other process of this app is migrating, so a row still in the table is stale: it is removed
/// with a warning that names it. A file held by a live process is waited for, then start-up stops with a message
/// naming the row and what to do. PostgreSQL needs none of this: its migration lock dies with the session.
/// </summary>
public sealed partial class SqliteMigrationLock : IAsyncDisposable
{
    public const string LockTable = "__EFMigrationsLock";

    /// <summary>How long start-up waits for another process's migration before it stops (seconds).</summary>
    public const string WaitSetting = "Database:MigrationLockWaitSeconds";

    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _file;

    private SqliteMigrationLock(FileStream file) => _file = file;

    /// <summary>The file whose OS lock says "a migration of this database is running": <c>advisor.db.migration-lock</c>.</summary>
    public static string LockFileFor(string databasePath) => databasePath + ".migration-lock";

    /// <summary>
    /// Takes the migration lock of <paramref name="databasePath"/> and clears a stale EF lock row; null for an
    /// in-memory database, which no other process can share.
    /// </summary>
    public static async Task<SqliteMigrationLock?> TakeForMigrationAsync(string databasePath, TimeSpan wait, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        if (databasePath.Length == 0 || databasePath == ":memory:")
        {
            return null;
        }

        var taken = await AcquireAsync(databasePath, wait, cancellationToken);
        try
        {
            await ClearStaleRowsAsync(databasePath, logger, cancellationToken);
            return taken;
        }
        catch
        {
            await taken.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The OS lock on <see cref="LockFileFor"/>, retried for up to <paramref name="wait"/>; a
    /// <see cref="SqliteMigrationLockException"/> naming the holder's EF lock row when it stays taken.
    /// </summary>
    public static async Task<SqliteMigrationLock> AcquireAsync(string databasePath, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        var path = LockFileFor(databasePath);
        var attempts = Math.Max(1, (int)Math.Ceiling(wait / RetryInterval) + 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock on Unix), held until the stream closes or the process dies.
                return new SqliteMigrationLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (attempt < attempts)
            {
                await Task.Delay(RetryInterval, cancellationToken);
            }
            catch (IOException)
            {
                var rows = await ReadRowsAsync(databasePath, cancellationToken);
                throw new SqliteMigrationLockException(
                    $"Start-up stopped: another process is applying migrations to '{databasePath}' (it holds '{path}') and did not finish within " +
                    $"{wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({WaitSetting}). " +
                    (rows.Count == 0 ? $"It has not taken EF Core's lock row in {LockTable} yet. " : $"The lock row {Describe(rows)} is that process's. ") +
                    "Let that process finish, or stop it, then start this one again. A lock left behind by a process that has ended " +
                    "(even by kill -9) is cleared automatically at the next start, so do not delete the row by hand while a process holds the file.");
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    /// <summary>Called holding the file lock: any EF lock row now belongs to a process that has ended.</summary>
    private static async Task ClearStaleRowsAsync(string databasePath, ILogger logger, CancellationToken cancellationToken)
    {
        var rows = await ReadRowsAsync(databasePath, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(databasePath, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""DELETE FROM "{LockTable}";""";
        await command.ExecuteNonQueryAsync(cancellationToken);
        LogStaleLockRemoved(logger, databasePath, LockTable, Describe(rows));
    }

    /// <summary>The EF lock rows as (id, timestamp); none when the table does not exist (a database never migrated by EF 9+).</summary>
    private static async Task<List<(long Id, string Timestamp)>> ReadRowsAsync(string databasePath, CancellationToken cancellationToken)
    {
        var rows = new List<(long, string)>();
        if (!File.Exists(databasePath))
        {
            return rows;
        }

        await using var connection = await OpenAsync(databasePath, cancellationToken);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        exists.Parameters.AddWithValue("$name", LockTable);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return rows;
        }

        await using var select = connection.CreateCommand();
        select.CommandText = $"""SELECT "Id", "Timestamp" FROM "{LockTable}" ORDER BY "Id";""";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? "an unknown time" : reader.GetString(1)));
        }

        return rows;
    }

    private static string Describe(List<(long Id, string Timestamp)> rows) =>
        string.Join(", ", rows.Select(r => $"Id {r.Id.ToString(CultureInfo.InvariantCulture)} in {LockTable}, taken at {r.Timestamp}"));

    private static async Task<SqliteConnection> OpenAsync(string databasePath, CancellationToken cancellationToken)
    {
        // Not pooled: this connection is used before the app's own and must not linger.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 10 }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "Removed a stale migration lock from {Database}: the row {Table} ({Row}) was left by a process that ended while migrating; no process holds the lock file now")]
    private static partial void LogStaleLockRemoved(ILogger logger, string database, string table, string row);
}

/// <summary>Another process holds the migration lock of the database for longer than start-up waits.</summary>
public sealed class SqliteMigrationLockException : Exception
{
    public SqliteMigrationLockException()
    {
    }

    public SqliteMigrationLockException(string message)
        : base(message)
    {
    }

    public SqliteMigrationLockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
