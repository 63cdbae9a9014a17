using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Support;

public static class DbContextTestSetup
{
    /// <summary>
    /// Adds to the options of the app's context, whichever provider it runs on: the app asks for
    /// <see cref="AdvisorDbContext"/>, but the options belong to the provider's subtype.
    /// </summary>
    public static IServiceCollection ConfigureAdvisorDbContext(this IServiceCollection services, Action<DbContextOptionsBuilder> configure) =>
        services
            .ConfigureDbContext<SqliteAdvisorDbContext>(configure)
            .ConfigureDbContext<PostgresAdvisorDbContext>(configure);
}
