using Npgsql;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// Held while an instance prepares the database (migrations, the first rule set and draft, the first admin), so that
/// instances started together on one PostgreSQL database do that once: the others wait, then find it done. It is a
/// session-level advisory lock on a connection of its own, released when disposed or if the process dies. SQLite
/// needs none: one instance per file, and its writes queue at the <see cref="WriteGate"/>.
/// </summary>
public sealed class StartUpLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key: "FTA-STRT" in ASCII, so nothing else on the database picks it by chance.</summary>
    public const long Key = 0x4654412D53545254;

    private readonly NpgsqlConnection? _connection;

    private StartUpLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<StartUpLock> AcquireAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = services.GetRequiredService<DatabaseSettings>();
        if (settings.IsSqlite)
        {
            return new StartUpLock(null);
        }

        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            // Waits as long as the instance holding it takes to migrate.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new StartUpLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        // Closing a pooled connection would keep the session (and the lock) alive in the pool: unlock first.
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection))
        {
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }
}
