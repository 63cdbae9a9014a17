using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Data;

public sealed class DatabaseTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Migrations_AfterStartUp_LeaveNoPendingModelChangesOrMigrations()
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: add a migration.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>Each provider's migrations capture its whole model: checked without a database, on every run.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Model_OfEachProvider_HasNoChangesMissingFromItsMigrations(DatabaseProvider provider)
    {
        using AdvisorDbContext db = provider == DatabaseProvider.Sqlite
            ? new SqliteDesignTimeFactory().CreateDbContext([])
            : new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes no {provider} migration captures: add a migration for each provider (docs/operations.md, \"Migrations\").");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    /// <summary>
    /// The app starts on a compiled model (Data/CompiledModels, found through its assembly attribute) instead of building
    /// one from the configurations on every start; a stale one would quietly disagree with the code, so it is compared
    /// with the model built from the code: tables, columns, keys and indexes, and each property's type and converter.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void CompiledModel_OfEachProvider_MatchesTheModelBuiltFromTheCode(DatabaseProvider provider)
    {
        using AdvisorDbContext db = provider == DatabaseProvider.Sqlite
            ? new SqliteDesignTimeFactory().CreateDbContext([])
            : new PostgresDesignTimeFactory().CreateDbContext([]);
        var compiled = db.Model;
        var fromCode = db.GetService<IDesignTimeModel>().Model;
        
        Assert.StartsWith("FineTuneAdvisor.Web.Data.CompiledModels.", compiled.GetType().FullName, StringComparison.Ordinal);
        Assert.Equal(Describe(fromCode), Describe(compiled));
    }

    /// <summary>What the database and the change tracker see of a model, one line per fact, in a stable order.</summary>
    private static string[] Describe(IModel model)
    {
        var relational = model.GetRelationalModel();
        var tables = relational.Tables.SelectMany(table => (IEnumerable<string>)[
            .. table.Columns.Select(c => $"{table.Name}.{c.Name}: {c.StoreType}{(c.IsNullable ? " null" : "")}"),
            .. table.UniqueConstraints.Select(u => $"{table.Name} key {u.Name} ({string.Join(", ", u.Columns.Select(c => c.Name))})"),
            .. table.Indexes.Select(i => $"{table.Name} index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}{(i.Filter is null ? "" : $" where {i.Filter}")}"),
            .. table.ForeignKeyConstraints.Select(f => $"{table.Name} fk {f.Name} -> {f.PrincipalTable.Name} {f.OnDeleteAction}")]);
        var properties = model.GetEntityTypes().SelectMany(entity => entity.GetProperties().Select(p =>
            $"{entity.Name}.{p.Name}: {p.ClrType.Name}, converter {p.GetValueConverter()?.GetType().Name ?? "none"}, concurrency {p.IsConcurrencyToken}, generated {p.ValueGenerated}"));
        return [.. tables.Concat(properties).Order(StringComparer.Ordinal)];
    }

    /// <summary>Both providers keep a time as PostgreSQL's timestamptz does: UTC, to the microsecond, and read back as UTC.</summary>
    [Fact]
    public async Task Timestamps_AreReadBackAsUtcToTheMicrosecond()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_567));
        using var app = new AdvisorAppFactory { Time = time };

        var created = await ApiAssessments.CreateAsync(app.CreateClient());

        var stored = await QueryAsync(app, db => db.Assessments.Select(a => a.CreatedAt).SingleAsync());
        Assert.Equal(DateTimeKind.Utc, stored.Kind);
        Assert.Equal(new DateTime(2027, 3, 1, 9, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560), stored);
        Assert.Equal("2027-03-01T09:30:15.123456Z", created.Body["createdAt"]!.GetValue<string>());
        // The comparison the share-link look-up makes (ExpiresAt > now) sees the same instant on both.
        Assert.Equal(1, await QueryAsync(app, db => db.Assessments.CountAsync(a => a.CreatedAt == stored)));
    }

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public async Task Timestamps_NotInUtc_AreRefusedOnBothProviders(DateTimeKind kind)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        db.AuditEntries.Add(new AuditEntry { At = new DateTime(2027, 3, 1, 9, 30, 0, kind), Actor = "test", Action = "test", Summary = "test", Diff = "" });

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());

        Assert.Contains("UTC", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The schema of a SQLite file is unchanged by the provider switch, but earlier builds wrote times to the 100 ns
    /// tick and read them back with no kind: such a row still opens, its times read as UTC, and its link's expiry
    /// is compared with the instant it was written for.
    /// </summary>
    [Fact]
    [Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
    public async Task Rows_WrittenByEarlierBuildsToTheTick_AreReadAsUtcAndTheirLinksStillOpen()
    {
        var created = await ApiAssessments.CreateAsync(_app.CreateClient());
        await using (var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = """
                UPDATE Assessments SET CreatedAt = '2026-11-01 10:00:00.1234567';
                UPDATE ShareLinks SET CreatedAt = '2026-11-01 10:00:00.1234567', ExpiresAt = '2099-12-31 23:59:59.9999999';
                """;
            Assert.Equal(2, await update.ExecuteNonQueryAsync());
        }

        using var read = await _app.CreateClient().GetAsync($"/api/assessments/{created.ShareToken}");

        Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("\"createdAt\":\"2026-11-01T10:00:00.1234567Z\"", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await QueryAsync(_app, db => db.ShareLinks.Select(l => l.ExpiresAt).SingleAsync());
        Assert.Equal(DateTimeKind.Utc, stored!.Value.Kind);
    }

    [Fact]
    [Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
    public async Task StartUp_SetsTheFileToWriteAheadLogging()
    {
        _ = _app.Services;

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _app.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    [Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
    public void ConnectionString_HasABusyTimeoutBelowTheRequestTimeout()
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();

        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.Equal(_app.DatabasePath, connection.DataSource);
        Assert.InRange(connection.DefaultTimeout, 1, 29);
    }

    [Fact]
    public async Task Assessments_StoreOnlyTheHashesOfTheShareAndManageTokens()
    {
        var (created, secondLink) = await CreateWithTwoLinksAsync();

        await using var connection = DatabaseSnapshot.Open(_app);
        await connection.OpenAsync();
        foreach (var table in new[] { "Assessments", "ShareLinks" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetValue(i) is string text)
                    {
                        Assert.DoesNotContain(created.ShareToken, text, StringComparison.Ordinal);
                        Assert.DoesNotContain(created.ManageToken, text, StringComparison.Ordinal);
                        Assert.DoesNotContain(secondLink, text, StringComparison.Ordinal);
                    }
                }
            }
        }

        await using var hashes = connection.CreateCommand();
        hashes.CommandText = "SELECT a.\"ManageTokenHash\", l.\"TokenHash\" FROM \"ShareLinks\" l JOIN \"Assessments\" a ON a.\"Id\" = l.\"AssessmentId\" ORDER BY l.\"Id\"";
        await using var rows = await hashes.ExecuteReaderAsync();
        Assert.True(await rows.ReadAsync());
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(created.ManageToken)), (byte[])rows[0]);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(created.ShareToken)), (byte[])rows[1]);
        Assert.True(await rows.ReadAsync());
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(secondLink)), (byte[])rows[1]);
        Assert.False(await rows.ReadAsync());
    }

    /// <summary>Not in any form, anywhere in the file, its write-ahead log or its shared memory.</summary>
    [Fact]
    [Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
    public async Task DatabaseFiles_HoldNoShareOrManageToken()
    {
        var (created, secondLink) = await CreateWithTwoLinksAsync();

        var files = DatabaseSnapshot.ReadAllFileBytes(_app.DatabasePath);
        Assert.True(files.Length > 0);
        foreach (var token in new[] { created.ShareToken, created.ManageToken, secondLink })
        {
            Assert.Equal(-1, files.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)));
            Assert.Equal(-1, files.AsSpan().IndexOf(Encoding.Unicode.GetBytes(token)));
            Assert.Equal(-1, files.AsSpan().IndexOf(Base64Url.DecodeFromChars(token)));
        }
    }

    private static async Task<T> QueryAsync<T>(AdvisorAppFactory app, Func<AdvisorDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AdvisorDbContext>());
    }

    private async Task<(CreatedAssessment Created, string SecondLink)> CreateWithTwoLinksAsync()
    {
        var client = _app.CreateClient();
        var created = await ApiAssessments.CreateAsync(client);
        await using var scope = _app.Services.CreateAsyncScope();
        var secondLink = (await scope.ServiceProvider.GetRequiredService<FineTuneAdvisor.Web.Pages.Manage.OwnerService>()
            .CreateLinkAsync(created.ManageToken, null, CancellationToken.None))!;
        return (created, secondLink);
    }
}
