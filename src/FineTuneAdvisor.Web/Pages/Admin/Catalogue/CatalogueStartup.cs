using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

public static class CatalogueStartup
{
    /// <summary>
    /// At start-up: on a database without catalogue versions the embedded catalogue becomes version 1 (audited), and
    /// the empty draft row is created. Then the newest version is parsed and validated once and made active; one that
    /// does not load stops start-up rather than failing an estimate.
    /// </summary>
    public static async Task LoadActiveCatalogueAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<AdvisorDbContext>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        if (!await db.CatalogueVersions.AnyAsync(cancellationToken))
        {
            var builtIn = CatalogueLoader.LoadDefault();
            var document = builtIn.Document with { Version = 1 };
            db.CatalogueVersions.Add(new CatalogueVersion
            {
                Version = 1,
                Name = builtIn.Name,
                Json = CatalogueLoader.Write(document),
                PublishedAt = now,
                PublishedBy = AdminActor.System,
            });
            provider.GetRequiredService<AuditLog>().Add(AdminActor.System, AuditActions.CataloguePublish,
                "Stored the embedded provider catalogue as version 1", $"{builtIn.Providers.Count} providers, {builtIn.Models.Count} models");
        }

        if (!await db.CatalogueDrafts.AnyAsync(cancellationToken))
        {
            db.CatalogueDrafts.Add(new CatalogueDraft
            {
                Id = CatalogueDraft.SingletonId,
                Json = null,
                RowVersion = 1,
                UpdatedAt = now,
                UpdatedBy = AdminActor.System,
                LastChange = "created the empty draft",
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance starting on the same database stored them first (PostgreSQL); theirs are used.
            db.ChangeTracker.Clear();
        }

        var latest = await db.CatalogueVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstAsync(cancellationToken);
        var catalogue = CatalogueLoader.LoadOrThrow(latest.Json);
        if (catalogue.Version != latest.Version)
        {
            throw new InvalidOperationException($"Stored provider-catalogue version {latest.Version} says it is version {catalogue.Version}.");
        }

        provider.GetRequiredService<ActiveCatalogue>().Publish(catalogue);
    }
}
