using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Data;

/// <summary>The database on SQLite, the default: one file, one writer (see <see cref="WriteGate"/>). Migrations in Migrations/Sqlite.</summary>
public sealed class SqliteAdvisorDbContext(DbContextOptions<SqliteAdvisorDbContext> options) : AdvisorDbContext(options)
{
    /// <summary>
    /// SQLite keeps a date as text and gives it back with no kind; PostgreSQL's timestamptz takes only UTC and keeps
    /// microseconds. The same rules here make every timestamp behave alike on both (see <see cref="UtcTimestampConverter"/>).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcTimestampConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcTimestampConverter>();
    }
}
