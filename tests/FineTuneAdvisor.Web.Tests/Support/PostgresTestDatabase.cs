using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// A PostgreSQL database of one test's own on <see cref="TestDatabases.PostgresServer"/>: migrated, with no rows, used
/// by that test alone. Creating and dropping a database costs seconds here (the files are copied and synced), so a
/// test process keeps the databases it made: a database handed back is emptied (every table truncated, identities
/// restarted: as good as new) and given to the next test, and the process drops them all when it exits.
/// </summary>
/// <remarks>
/// Several test processes may share the server (two suites at once). Each holds an advisory lock for its lifetime and
/// names its databases after it; a process that finds databases whose owner's lock is free (a run that was killed)
/// drops them. A new database is cloned from a template that holds the current migrations, made once per
/// migrations script.
/// </remarks>
public sealed class PostgresTestDatabase : IDisposable
{
    /// <summary>The advisory locks' first key: "FTAT".</summary>
    private const int LockClass = 0x46544154;

    private const int TemplateLock = 0;
    private const string Prefix = "fta_test_";

    private static readonly ConcurrentBag<string> Free = [];
    private static readonly ConcurrentDictionary<string, bool> Owned = new(StringComparer.Ordinal);
    private static readonly Lazy<Run> ThisRun = new(StartRun, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _made;

    private readonly bool _reusable;
    private int _disposed;

    private PostgresTestDatabase(string name, bool reusable)
    {
        Name = name;
        ConnectionString = ConnectionStringFor(name);
        _reusable = reusable;
    }

    public string Name { get; }

    /// <summary>The database's connection string, as the app is given it.</summary>
    public string ConnectionString { get; }

    /// <summary>A database with the current schema and no rows, as the app's first start would find after migrating.</summary>
    public static PostgresTestDatabase Create()
    {
        var run = ThisRun.Value;
        if (Free.TryTake(out var name))
        {
            return new PostgresTestDatabase(name, reusable: true);
        }

        return new PostgresTestDatabase(Make(run.Template), reusable: true);
    }

    /// <summary>A database with no tables at all, as an operator makes with createdb: dropped afterwards, never reused.</summary>
    public static PostgresTestDatabase CreateEmpty()
    {
        _ = ThisRun.Value;
        return new PostgresTestDatabase(Make(template: null), reusable: false);
    }

    /// <summary>
    /// A connection string for one of the server's databases. Commits do not wait for the disk (these databases are
    /// thrown away), and a test host keeps few connections, so parallel tests stay inside the server's 100.
    /// </summary>
    public static string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder(TestDatabases.PostgresServer)
    {
        Database = database,
        Options = "-c synchronous_commit=off",
        MaxPoolSize = 20,
    }.ConnectionString;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_reusable && TryEmpty(Name))
        {
            Free.Add(Name);
            return;
        }

        Drop(Name);
    }

    /// <summary>Truncates every table but the migrations history; false if that failed (the database is dropped instead).</summary>
    private static bool TryEmpty(string name)
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionStringFor(name)) { Pooling = false }.ConnectionString);
            connection.Open();
            // A session the app left in a transaction would hold its locks: give up rather than wait for ever.
            Execute(connection, "SET lock_timeout = '5s'");
            var tables = new List<string>();
            using (var list = new NpgsqlCommand(
                "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'",
                connection))
            using (var reader = list.ExecuteReader())
            {
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Execute(connection, $"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE");
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static string Make(string? template)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{ThisRun.Value.Id}_{Interlocked.Increment(ref _made)}");
        using var connection = OpenServer();
        Execute(connection, template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        Owned[name] = true;
        return name;
    }

    private static void Drop(string name)
    {
        using var connection = OpenServer();
        DropWith(connection, name);
        Owned.TryRemove(name, out _);
    }

    /// <summary>
    /// Ends this role's sessions on the database (EF Core keeps its connection pools, which this process cannot clear),
    /// then drops it. Not WITH (FORCE): that would also need the right to signal an autovacuum worker, which DROP
    /// DATABASE stops by itself.
    /// </summary>
    private static void DropWith(NpgsqlConnection connection, string name)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionStringFor(name)));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(DatabaseSetup.PostgresConnectionString(ConnectionStringFor(name))));
        Execute(connection, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND usename = current_user AND pid <> pg_backend_pid()");
        Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\"");
    }

    /// <summary>
    /// This process's run: its lock (held while it lives), the databases of dead runs dropped, the template ready, and
    /// its own databases dropped when it exits.
    /// </summary>
    private static Run StartRun()
    {
        var id = RandomNumberGenerator.GetInt32(1, int.MaxValue);
        var owner = OpenServer();
        Execute(owner, $"SELECT pg_advisory_lock({LockClass}, {id})");
        DropDeadRuns(owner, id);
        var run = new Run(id, owner, Template(owner));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => run.End();
        return run;
    }

    /// <summary>Databases named after a run whose lock nobody holds: that process is gone.</summary>
    private static void DropDeadRuns(NpgsqlConnection connection, int ownId)
    {
        var names = new List<string>();
        using (var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%'", connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var run in names.GroupBy(RunOf).Where(g => g.Key is { } id && id != ownId))
        {
            using var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockClass}, {run.Key})", connection);
            if (tryLock.ExecuteScalar() is not true)
            {
                continue;
            }

            foreach (var name in run)
            {
                DropWith(connection, name);
            }

            Execute(connection, $"SELECT pg_advisory_unlock({LockClass}, {run.Key})");
        }
    }

    private static int? RunOf(string name)
    {
        var parts = name[Prefix.Length..].Split('_');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>
    /// The template for the migrations as they are now: its name is a hash of the migrations script, so a changed or
    /// added migration makes a new one, and an unchanged one is reused by later runs.
    /// </summary>
    private static string Template(NpgsqlConnection connection)
    {
        string script;
        using (var design = new PostgresDesignTimeFactory().CreateDbContext([]))
        {
            script = design.GetService<IMigrator>().GenerateScript();
        }

        var name = "fta_template_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)))[..16];
        Execute(connection, $"SELECT pg_advisory_lock({LockClass}, {TemplateLock})");
        try
        {
            using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{name}'", connection);
            if (exists.ExecuteScalar() is not 0L)
            {
                return name;
            }

            // Built under another name and renamed when complete: a run killed half-way leaves no broken template.
            var building = name + "_building";
            Execute(connection, $"DROP DATABASE IF EXISTS \"{building}\"");
            Execute(connection, $"CREATE DATABASE \"{building}\"");
            var options = new DbContextOptionsBuilder<PostgresAdvisorDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(ConnectionStringFor(building)) { Pooling = false }.ConnectionString, DatabaseSetup.ConfigureNpgsql)
                .Options;
            using (var db = new PostgresAdvisorDbContext(options))
            {
                db.Database.Migrate();
            }

            Execute(connection, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
            return name;
        }
        finally
        {
            Execute(connection, $"SELECT pg_advisory_unlock({LockClass}, {TemplateLock})");
        }
    }

    /// <summary>A connection to the server's maintenance database, outside any pool.</summary>
    private static NpgsqlConnection OpenServer()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabases.PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        // CREATE and DROP DATABASE copy and sync whole directories: on a busy 2-core machine that outlasts Npgsql's
        // default 30 s (a drop once took longer), and a slow disk is not what these tests are about.
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        command.ExecuteNonQuery();
    }

    private sealed record Run(int Id, NpgsqlConnection Owner, string Template)
    {
        /// <summary>Drops this run's databases; if the process dies first, the next run does (its lock is gone).</summary>
        public void End()
        {
            try
            {
                foreach (var name in Owned.Keys)
                {
                    DropWith(Owner, name);
                }
            }
            catch (NpgsqlException)
            {
                // Best effort at exit: whatever is left is dropped by the next run.
            }
            finally
            {
                Owner.Dispose();
            }
        }
    }
}
