using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// Readiness: can a request read the database and would a write get through, both within a short timeout? Being
/// able to connect is not enough: with another process holding SQLite's write lock every read still works while every
/// write waits out the busy timeout and fails. So the check reads the migrations table, then takes this process's
/// write gate and SQLite's write lock (BEGIN IMMEDIATE) and rolls straight back: nothing is written. On PostgreSQL it
/// begins a read-write transaction instead, which a read-only server (a standby, or one in recovery) refuses.
/// </summary>
public sealed class DatabaseReadinessCheck(AdvisorDbContext db, WriteGate gate, DatabaseSettings settings, IConfiguration configuration) : IHealthCheck
{
    public const string TimeoutSetting = "Health:TimeoutSeconds";
    public const int DefaultTimeoutSeconds = 2;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var seconds = Math.Max(1, configuration.GetValue(TimeoutSetting, DefaultTimeoutSeconds));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await db.Database.OpenConnectionAsync(timeout.Token);
            try
            {
                var connection = db.Database.GetDbConnection();
                await ExecuteAsync(connection, """SELECT COUNT(*) FROM "__EFMigrationsHistory";""", seconds, timeout.Token);
                await gate.RunAsync(async ct =>
                {
                    // SQLite waits for a busy lock up to the command timeout: the probe's own, not the app's 10 s.
                    await ExecuteAsync(connection, settings.IsSqlite ? "BEGIN IMMEDIATE;" : "BEGIN READ WRITE;", seconds, ct);
                    try
                    {
                        return await ExecuteAsync(connection, "SELECT 1;", seconds, ct);
                    }
                    finally
                    {
                        // Never uncancelled: a pooled connection must not go back holding the write lock.
                        await ExecuteAsync(connection, "ROLLBACK;", seconds, CancellationToken.None);
                    }
                }, timeout.Token);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or InvalidOperationException)
        {
            // The response body stays "Unhealthy"; the reason goes to the log with the health check's own entry.
            return HealthCheckResult.Unhealthy("The database cannot be read and written within " + seconds + " s.", e);
        }
    }

    private static async Task<object?> ExecuteAsync(DbConnection connection, string sql, int seconds, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = seconds;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
