using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FineTuneAdvisor.Web.Data;

/// <summary>The same for <c>--context PostgresAdvisorDbContext</c>; the placeholder database is never opened by `migrations add`.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAdvisorDbContext>
{
    public PostgresAdvisorDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAdvisorDbContext>().UseNpgsql("Host=localhost;Database=advisor", DatabaseSetup.ConfigureNpgsql).Options);
}
