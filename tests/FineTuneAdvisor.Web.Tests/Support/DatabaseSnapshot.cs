using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// What a table holds, read straight from the SQLite file: its row count and a SHA-256 over every column of
/// every row. Two equal snapshots mean nothing was written in between.
/// </summary>
public sealed record DatabaseSnapshot(string Table, long Rows, string Hash)
{
    public static async Task<DatabaseSnapshot> TakeAsync(string databasePath, string table)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "<null>" : reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToHexString(bytes),
                    var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
                };
                hash.AppendData(Encoding.UTF8.GetBytes($"{reader.GetName(i)}={value}\u001f"));
            }

            hash.AppendData("\u001e"u8);
        }

        return new DatabaseSnapshot(table, rows, Convert.ToHexString(hash.GetHashAndReset()));
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
