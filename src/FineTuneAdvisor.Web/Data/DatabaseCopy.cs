using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FineTuneAdvisor.Web.Data;

/// <summary>How many rows of one table were copied.</summary>
public sealed record CopiedTable(string Table, int Rows);

/// <summary>The target was not an empty database: nothing was copied, and the message says why.</summary>
public sealed class DatabaseCopyRefusedException(string message) : Exception(message);

/// <summary>
/// Moves the app's data from its SQLite database into an empty PostgreSQL one: the schema by the PostgreSQL
/// migrations, then every table in one transaction (all of it or none), ids kept as they were, and each identity
/// column's sequence advanced past the copied ids so new rows do not collide with them. Share and manage links keep
/// working (their hashes move), admins keep their passwords, and the Data Protection keys move, so signed-in admins
/// and open forms stay valid.
/// </summary>
public sealed class DatabaseCopy(AdvisorDbContext source, WriteGate gate)
{
    private const int BatchSize = 500;

    /// <summary>Every table, parents before the rows that point at them.</summary>
    private static readonly (Type Entity, Func<AdvisorDbContext, PostgresAdvisorDbContext, CancellationToken, Task<CopiedTable>> Copy)[] Tables =
    [
        Table<IdentityRole>(),
        Table<IdentityUser>(),
        Table<IdentityRoleClaim<string>>(),
        Table<IdentityUserClaim<string>>(),
        Table<IdentityUserLogin<string>>(),
        Table<IdentityUserRole<string>>(),
        Table<IdentityUserToken<string>>(),
        Table<Assessment>(),
        Table<ShareLink>(),
        Table<QuestionnaireDraft>(),
        Table<AuditEntry>(),
        Table<RuleSetVersion>(),
        Table<RuleSetDraft>(),
        Table<CatalogueVersion>(),
        Table<CatalogueDraft>(),
        Table<DataProtectionKey>(),
    ];

    public async Task<IReadOnlyList<CopiedTable>> CopyAsync(string targetConnectionString, Action<CopiedTable> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var options = new DbContextOptionsBuilder<PostgresAdvisorDbContext>()
            .UseNpgsql(targetConnectionString, DatabaseSetup.ConfigureNpgsql)
            .Options;
        await using var target = new PostgresAdvisorDbContext(options);
        CheckEveryTableIsCopied(target);

        await RefuseForeignTablesAsync(target, cancellationToken);
        await target.Database.MigrateAsync(cancellationToken);
        await RefuseRowsAsync(target, cancellationToken);

        // The source's transaction begins inside the write gate, like every SQLite transaction; it is one snapshot.
        return await gate.RunAsync(async ct =>
        {
            await using var read = await source.Database.BeginTransactionAsync(ct);
            await using var write = await target.Database.BeginTransactionAsync(ct);
            var copied = new List<CopiedTable>();
            foreach (var (_, copy) in Tables)
            {
                var table = await copy(source, target, ct);
                copied.Add(table);
                progress(table);
            }

            await AdvanceIdentitiesAsync(target, ct);
            await write.CommitAsync(ct);
            return copied;
        }, cancellationToken);
    }

    /// <summary>A table added to the model but not to <see cref="Tables"/> would be lost silently: refuse to start instead.</summary>
    private static void CheckEveryTableIsCopied(PostgresAdvisorDbContext target)
    {
        var missing = target.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && Tables.All(t => t.Entity != e.ClrType))
            .Select(e => e.GetTableName())
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"db copy does not know how to copy {string.Join(", ", missing)}: add it to DatabaseCopy.Tables.");
        }
    }

    /// <summary>Tables that are not this app's (no migrations history): not a database to copy into.</summary>
    private static async Task RefuseForeignTablesAsync(PostgresAdvisorDbContext target, CancellationToken cancellationToken)
    {
        var tables = await target.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1")
            .ToListAsync(cancellationToken);
        if (tables.Count > 0 && !tables.Contains("__EFMigrationsHistory"))
        {
            throw new DatabaseCopyRefusedException(
                $"The target database is not empty: it has tables that FineTuneAdvisor did not make ({string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", …" : "")}). " +
                "Copy into a new, empty database (createdb -O <user> <name>).");
        }
    }

    /// <summary>Rows anywhere (the app was started on it, or copied into before): refused, so nothing is overwritten or mixed.</summary>
    private static async Task RefuseRowsAsync(PostgresAdvisorDbContext target, CancellationToken cancellationToken)
    {
        var filled = new List<string>();
        foreach (var entity in target.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            var table = entity.GetTableName()!;
            // A table name cannot be a parameter: it is the model's own, quoted.
            var sql = $"SELECT EXISTS (SELECT 1 FROM {Quote(table)}) AS \"Value\"";
            var any = await target.Database.SqlQueryRaw<bool>(sql).SingleAsync(cancellationToken);
            if (any)
            {
                filled.Add(table);
            }
        }

        if (filled.Count > 0)
        {
            throw new DatabaseCopyRefusedException(
                $"The target database is not empty: {string.Join(", ", filled.Order(StringComparer.Ordinal))} already {(filled.Count == 1 ? "has" : "have")} rows. " +
                "db copy only copies into an empty database, so that nothing is overwritten or mixed: create a new one (createdb -O <user> <name>), and do not start the app on it before copying.");
        }
    }

    /// <summary>Each identity column's next value becomes one past the highest copied id (or 1 for an empty table).</summary>
    private static async Task AdvanceIdentitiesAsync(PostgresAdvisorDbContext target, CancellationToken cancellationToken)
    {
        var columns = await target.Database.SqlQueryRaw<IdentityColumn>(
                "SELECT table_name AS \"Table\", column_name AS \"Column\" FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'")
            .ToListAsync(cancellationToken);
        foreach (var identity in columns)
        {
            // Identifiers cannot be parameters: these are the catalogue's own names, quoted. pg_get_serial_sequence takes
            // the table as it would be written in SQL (quoted, for its capitals) and the column as it is.
            var sql = $"SELECT setval(pg_get_serial_sequence({{0}}, {{1}}), COALESCE(MAX({Quote(identity.Column)}), 0) + 1, false) FROM {Quote(identity.Table)}";
            await target.Database.ExecuteSqlRawAsync(sql, [Quote(identity.Table), identity.Column], cancellationToken);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static (Type, Func<AdvisorDbContext, PostgresAdvisorDbContext, CancellationToken, Task<CopiedTable>>) Table<T>()
        where T : class =>
        (typeof(T), CopyTableAsync<T>);

    /// <summary>Streams one table across in batches, keeping every column (ids included) as it was.</summary>
    private static async Task<CopiedTable> CopyTableAsync<T>(AdvisorDbContext from, PostgresAdvisorDbContext to, CancellationToken cancellationToken)
        where T : class
    {
        var rows = 0;
        await foreach (var row in from.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            to.Set<T>().Add(row);
            if (++rows % BatchSize == 0)
            {
                await to.SaveChangesAsync(cancellationToken);
                to.ChangeTracker.Clear();
            }
        }

        await to.SaveChangesAsync(cancellationToken);
        to.ChangeTracker.Clear();
        return new CopiedTable(to.Model.FindEntityType(typeof(T))!.GetTableName()!, rows);
    }

    private sealed record IdentityColumn(string Table, string Column);

    /// <summary>Where the data went, for the closing message: host and database, never the password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Database ?? builder.Username} on {builder.Host}:{builder.Port}";
    }
}
