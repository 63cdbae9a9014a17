using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.VersionedDocuments;

public static class DocumentStartup
{
    /// <summary>
    /// At start-up: on a database without versions the embedded default becomes version 1 (audited), and the empty
    /// draft row is created. Then the kind may publish a replacement for a latest version this build no longer runs
    /// (<see cref="DocumentKind{TDocument, TVersion, TDraft}.UpgradeAsync"/>), and the latest version is parsed and
    /// validated once and made active; one that does not load stops start-up rather than failing a user's request.
    /// </summary>
    public static async Task LoadActiveAsync<TDocument, TVersion, TDraft>(this IServiceProvider services,
        DocumentKind<TDocument, TVersion, TDraft> kind, ActiveDocument<TDocument> active, CancellationToken cancellationToken)
        where TDocument : class
        where TVersion : class, IPublishedVersion
        where TDraft : class, IDraftRow
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(active);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<AdvisorDbContext>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        if (!await kind.Versions(db).AnyAsync(cancellationToken))
        {
            var builtIn = kind.LoadDefault();
            kind.Versions(db).Add(kind.NewVersion(1, kind.NameOf(builtIn), kind.Serialise(builtIn, 1), now, AdminActor.System));
            var (summary, detail) = kind.SeedSummary(builtIn);
            provider.GetRequiredService<AuditLog>().Add(AdminActor.System, kind.Actions.Publish, summary, detail);
        }

        if (!await kind.Drafts(db).AnyAsync(cancellationToken))
        {
            kind.Drafts(db).Add(kind.NewEmptyDraft(now));
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

        var latest = await kind.Versions(db).AsNoTracking().OrderByDescending(v => v.Version).FirstAsync(cancellationToken);
        latest = await kind.UpgradeAsync(provider, db, latest, now, cancellationToken);
        var document = kind.LoadOrThrow(latest.Json);
        if (active.VersionOf(document) != latest.Version)
        {
            throw new InvalidOperationException($"Stored {kind.Noun} version {latest.Version} says it is version {active.VersionOf(document)}.");
        }

        active.Publish(document);
    }
}
