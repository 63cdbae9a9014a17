using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// What `dotnet ef` builds for <c>--context SqliteAdvisorDbContext</c>: adding a migration or checking for model
/// changes needs no database; `database update` and bundles take <c>--connection</c> (see docs/operations.md).
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAdvisorDbContext>
{
    public SqliteAdvisorDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAdvisorDbContext>().UseSqlite(DatabaseSetup.DefaultConnectionString).Options);
}
