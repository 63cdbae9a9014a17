using Npgsql;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// <c>db copy --to "Host=…;Database=…;Username=…"</c>: copies the configured SQLite database into an empty PostgreSQL
/// one (<see cref="DatabaseCopy"/>), then exits (0 copied, 1 not) without starting the web server. The password may
/// be left out of <c>--to</c> and given in the PGPASSWORD environment variable, out of the process list.
/// </summary>
public sealed class DatabaseCommand(IServiceProvider services, TextWriter output, TextWriter error)
{
    public const string Usage = "Usage: db copy --to \"Host=…;Database=…;Username=…\"   (copies the configured SQLite database into an empty PostgreSQL database; the password may come from PGPASSWORD)";

    /// <summary>True when the command line asks for a database command rather than the web server.</summary>
    public static bool IsDatabaseCommand(IReadOnlyList<string> args) => args is { Count: > 0 } && args[0] == "db";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 2 || args[1] != "copy" || TargetFrom(args) is not { } to)
        {
            await error.WriteLineAsync(Usage);
            return 1;
        }

        var settings = services.GetRequiredService<DatabaseSettings>();
        if (!settings.IsSqlite)
        {
            await error.WriteLineAsync("Not copied: db copy reads the configured SQLite database, but Database:Provider is Postgres. Run it with the SQLite settings the app ran with.");
            return 1;
        }

        string target;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(to);
            target = string.IsNullOrWhiteSpace(builder.Host) ? throw new ArgumentException("it names no Host") : builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"Not copied: --to is not a PostgreSQL connection string ({e.Message}). It looks like \"Host=db.example.internal;Database=advisor;Username=advisor\".");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var copy = new DatabaseCopy(scope.ServiceProvider.GetRequiredService<AdvisorDbContext>(), scope.ServiceProvider.GetRequiredService<WriteGate>());
        try
        {
            var tables = await copy.CopyAsync(target, table => output.WriteLine($"  {table.Table}: {table.Rows} rows"), cancellationToken);
            await output.WriteLineAsync(
                $"Copied {tables.Sum(t => t.Rows)} rows in {tables.Count} tables into {DatabaseCopy.Describe(target)}. " +
                "Start the app with Database:Provider=Postgres and that connection string as ConnectionStrings:Default.");
            return 0;
        }
        catch (DatabaseCopyRefusedException e)
        {
            await error.WriteLineAsync($"Not copied: {e.Message}");
            return 1;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await error.WriteLineAsync($"Not copied: the database {DatabaseCopy.Describe(target)} does not exist. Create it first (createdb -O <user> <name>).");
            return 1;
        }
        catch (NpgsqlException e)
        {
            // Unreachable server, wrong password, no permission: nothing was committed (the copy is one transaction).
            await error.WriteLineAsync($"Not copied: {DatabaseCopy.Describe(target)}: {e.Message}");
            return 1;
        }
    }

    private static string? TargetFrom(IReadOnlyList<string> args)
    {
        for (var i = 2; i < args.Count; i++)
        {
            if (args[i] == "--to" && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--to=", StringComparison.Ordinal))
            {
                return args[i]["--to=".Length..];
            }
        }

        return null;
    }
}
