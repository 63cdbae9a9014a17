using System.Collections.Concurrent;
using System.Globalization;
using FineTuneAdvisor.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// "Does this token open a live link?" on SQLite, as one plain command on a plain pooled connection. Every guessed
/// link asks it, and through EF the question cost more than the rest of its 404: opening and closing EF's SQLite
/// connection (which carries EF's own SQL functions) were a tenth of the profile, and EF's query pipeline around the
/// command as much again (measured on 2 cores, interleaved: unknown-token 404s at 10–11k req/s through the compiled
/// query, 13–18k this way). The statement is still EF's knowledge, built once per context type from its model: table
/// and column names in its quoting, and each parameter through its column's type mapping and value converter, so it
/// compares exactly as the compiled query did.
/// PostgreSQL keeps the compiled query: this was profiled and measured on SQLite only.
/// </summary>
public sealed class SqliteLiveLinkCheck
{
    private static readonly ConcurrentDictionary<Type, SqliteLiveLinkCheck> Built = new();

    private readonly string _sql;
    private readonly RelationalTypeMapping _hash;
    private readonly RelationalTypeMapping _expiresAt;

    private SqliteLiveLinkCheck(AdvisorDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = db.Model.FindEntityType(typeof(ShareLink))!.GetTableMappings().Single();
        var columns = table.ColumnMappings.ToDictionary(c => c.Property.Name);
        string Name(string property) => sql.DelimitIdentifier(columns[property].Column.Name);
        _hash = columns[nameof(ShareLink.TokenHash)].TypeMapping;
        _expiresAt = columns[nameof(ShareLink.ExpiresAt)].TypeMapping;
        var expires = Name(nameof(ShareLink.ExpiresAt));
        _sql = $"SELECT EXISTS (SELECT 1 FROM {sql.DelimitIdentifier(table.Table.Name, table.Table.Schema)} "
            + $"WHERE {Name(nameof(ShareLink.TokenHash))} = {sql.GenerateParameterNamePlaceholder("hash")} "
            + $"AND {Name(nameof(ShareLink.RevokedAt))} IS NULL AND ({expires} IS NULL OR {expires} > {sql.GenerateParameterNamePlaceholder("now")}))";
    }

    /// <summary>The check for this context's model, or null where it does not apply (PostgreSQL).</summary>
    public static SqliteLiveLinkCheck? For(AdvisorDbContext db) =>
        db is SqliteAdvisorDbContext ? Built.GetOrAdd(db.GetType(), static (_, context) => new SqliteLiveLinkCheck(context), db) : null;

    public async Task<bool> IsLiveAsync(string connectionString, byte[] tokenHash, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.Parameters.Add(_hash.CreateParameter(command, "hash", tokenHash, nullable: false));
        command.Parameters.Add(_expiresAt.CreateParameter(command, "now", _expiresAt.Converter?.ConvertToProvider(now) ?? now, nullable: false));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;
    }
}
