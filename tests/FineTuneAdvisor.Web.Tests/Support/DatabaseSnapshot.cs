using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using FineTuneAdvisor.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// What a table holds, read straight from the app's database (SQLite or PostgreSQL) with a connection of its own: its
/// row count and a SHA-256 over every column of every row, rows in a fixed order. Two equal snapshots mean nothing
/// was written in between.
/// </summary>
public sealed record DatabaseSnapshot(string Table, long Rows, string Hash)
{
    public static async Task<DatabaseSnapshot> TakeAsync(AdvisorAppFactory app, string table)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var connection = Open(app);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "<null>" : reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToHexString(bytes),
                    DateTime time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
                };
                row.Append(reader.GetName(i)).Append('=').Append(value).Append('\u001f');
            }

            rows.Add(row.ToString());
        }

        // Neither database promises an order without ORDER BY, and not every table has one key column to order by.
        rows.Sort(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows)));
        return new DatabaseSnapshot(table, rows.Count, Convert.ToHexString(hash));
    }

    /// <summary>A connection outside the app's pool, to its database.</summary>
    public static DbConnection Open(AdvisorAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.DatabasePath, Pooling = false }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
    }

    /// <summary>The database file and its WAL and shared-memory companions, read without disturbing the app.</summary>
    public static byte[] ReadAllFileBytes(string databasePath)
    {
        using var all = new MemoryStream();
        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" }.Where(File.Exists))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            file.CopyTo(all);
        }

        return all.ToArray();
    }
}
