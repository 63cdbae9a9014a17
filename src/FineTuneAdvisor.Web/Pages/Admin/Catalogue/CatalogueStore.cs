using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>The published catalogue, the draft, and the catalogue the editor works on (the draft, else the published one).</summary>
public sealed record CatalogueState(ProviderCatalogue Published, DateTime PublishedAt, string PublishedBy, DraftState Draft,
    ProviderCatalogue? DraftCatalogue, IReadOnlyList<CatalogueProblem> DraftProblems)
{
    public ProviderCatalogue Working => DraftCatalogue ?? Published;
}

/// <summary>
/// Provider-catalogue versions and the one draft, written the way <see cref="RuleSetStore"/> writes rule sets: inside
/// <see cref="WriteGate"/> and one transaction that first claims the draft by its concurrency token (a stale one is a
/// conflict, never an overwrite) and commits its audit entry with the change. Publishing swaps
/// <see cref="ActiveCatalogue"/> after the commit, so the next estimate on this instance uses the new prices.
/// </summary>
public sealed class CatalogueStore(AdvisorDbContext db, WriteGate writes, ActiveCatalogue active, AuditLog audit, TimeProvider time)
{
    /// <summary>The clock's UTC day: "checked on" dates after it are refused.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<CatalogueState> GetStateAsync(CancellationToken cancellationToken)
    {
        var published = active.Current;
        var meta = await db.CatalogueVersions.AsNoTracking()
            .Where(v => v.Version == published.Version)
            .Select(v => new { v.PublishedAt, v.PublishedBy })
            .FirstOrDefaultAsync(cancellationToken);
        var draft = ToState(await db.CatalogueDrafts.AsNoTracking().SingleAsync(d => d.Id == CatalogueDraft.SingletonId, cancellationToken));
        ProviderCatalogue? draftCatalogue = null;
        IReadOnlyList<CatalogueProblem> problems = [];
        if (draft.Json is not null)
        {
            // Not against today: a draft saved yesterday stays loadable whatever the clock says.
            var load = CatalogueLoader.Load(draft.Json);
            draftCatalogue = load.Catalogue;
            problems = load.Problems;
        }

        return new(published, meta?.PublishedAt ?? default, meta?.PublishedBy ?? AdminActor.System, draft, draftCatalogue, problems);
    }

    public async Task<IReadOnlyList<VersionSummary>> ListVersionsAsync(CancellationToken cancellationToken) =>
        await db.CatalogueVersions.AsNoTracking()
            .OrderByDescending(v => v.Version)
            .Select(v => new VersionSummary(v.Version, v.Name, v.PublishedAt, v.PublishedBy))
            .ToListAsync(cancellationToken);

    public Task<string?> FindVersionJsonAsync(int version, CancellationToken cancellationToken) =>
        db.CatalogueVersions.AsNoTracking().Where(v => v.Version == version).Select(v => v.Json).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Stores an edited catalogue (already checked by CatalogueLoader) as the draft (audit <c>catalogue.draft.save</c>, with what changed).</summary>
    public Task<DraftWrite> SaveDraftAsync(int expectedRowVersion, ProviderCatalogue edited, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, (draft, _) =>
        {
            var before = WorkingOf(draft);
            draft.Json = CatalogueLoader.Write(edited.Document);
            draft.LastChange = "saved the draft";
            audit.Add(actor, AuditActions.CatalogueDraftSave, "Saved the provider-catalogue draft", CatalogueDiff.Text(before.Document, edited.Document));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>Drops the draft (audit <c>catalogue.draft.discard</c>, with the changes thrown away).</summary>
    public Task<DraftWrite> DiscardDraftAsync(int expectedRowVersion, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, (draft, _) =>
        {
            if (draft.Json is null)
            {
                return Task.FromResult<string?>("There is no draft to discard.");
            }

            var discarded = WorkingOf(draft);
            draft.Json = null;
            draft.LastChange = "discarded the draft";
            audit.Add(actor, AuditActions.CatalogueDraftDiscard, "Discarded the provider-catalogue draft", CatalogueDiff.Text(discarded.Document, active.Current.Document));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>A valid catalogue document becomes the draft (audit <c>catalogue.import</c>); nothing changes for estimates until published.</summary>
    public Task<DraftWrite> ImportAsync(int expectedRowVersion, ProviderCatalogue imported, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, (draft, _) =>
        {
            var before = WorkingOf(draft);
            draft.Json = CatalogueLoader.Write(imported.Document);
            draft.LastChange = "imported a catalogue as the draft";
            var name = imported.Name.Length <= 120 ? imported.Name : imported.Name[..119] + "…";
            audit.Add(actor, AuditActions.CatalogueImport,
                $"Imported catalogue \"{name}\" ({imported.Providers.Count} providers, {imported.Models.Count} models) as the draft",
                CatalogueDiff.Text(before.Document, imported.Document));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>An old version becomes the draft (audit <c>catalogue.rollback</c>); publishing it makes it a new version.</summary>
    public Task<DraftWrite> RestoreAsDraftAsync(int version, int expectedRowVersion, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, async (draft, token) =>
        {
            var json = await db.CatalogueVersions.Where(v => v.Version == version).Select(v => v.Json).FirstOrDefaultAsync(token);
            if (json is null)
            {
                return $"There is no version {version}.";
            }

            var restored = CatalogueLoader.Load(json);
            if (!restored.IsValid)
            {
                return $"Version {version} no longer loads: {restored.Problems[0]}";
            }

            var before = WorkingOf(draft);
            draft.Json = json;
            draft.LastChange = $"restored version {version} as the draft";
            audit.Add(actor, AuditActions.CatalogueRollback, $"Restored provider-catalogue version {version} as the draft",
                CatalogueDiff.Text(before.Document, restored.Catalogue!.Document));
            return null;
        }, cancellationToken);

    /// <summary>The draft becomes the next version and estimates on this instance use it at once (others within RuleSets:RefreshSeconds).</summary>
    public async Task<DraftWrite> PublishAsync(int expectedRowVersion, string actor, CancellationToken cancellationToken)
    {
        ProviderCatalogue? published = null;
        var outcome = await WriteDraftAsync(expectedRowVersion, actor, async (draft, token) =>
        {
            if (draft.Json is null)
            {
                return "There is no draft to publish.";
            }

            var next = await db.CatalogueVersions.MaxAsync(v => v.Version, token) + 1;
            var stored = CatalogueLoader.Load(draft.Json);
            if (!stored.IsValid)
            {
                return $"The draft does not load: {stored.Problems[0]}";
            }

            var load = CatalogueLoader.Load(stored.Catalogue!.Document with { Version = next }, Today);
            if (!load.IsValid)
            {
                return $"The draft does not load: {load.Problems[0]}";
            }

            published = load.Catalogue!;
            db.CatalogueVersions.Add(new CatalogueVersion
            {
                Version = next,
                Name = published.Name,
                Json = CatalogueLoader.Write(published.Document),
                PublishedAt = time.GetUtcNow().UtcDateTime,
                PublishedBy = actor,
            });
            audit.Add(actor, AuditActions.CataloguePublish, $"Published provider-catalogue version {next}",
                CatalogueDiff.Text(active.Current.Document, published.Document));
            draft.Json = null;
            draft.LastChange = $"published version {next}";
            return null;
        }, cancellationToken, afterCommit: () => active.PublishIfNewer(published!));

        return outcome.Succeeded ? outcome with { PublishedVersion = published!.Version } : outcome;
    }

    private ProviderCatalogue WorkingOf(CatalogueDraft draft) =>
        draft.Json is not null && CatalogueLoader.Load(draft.Json).Catalogue is { } catalogue ? catalogue : active.Current;

    private Task<DraftWrite> WriteDraftAsync(int expectedRowVersion, string actor, Func<CatalogueDraft, CancellationToken, Task<string?>> change,
        CancellationToken cancellationToken, Action? afterCommit = null) =>
        writes.RunAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            // Claimed before anything is read: a stale token changes nothing, and a concurrent writer on another
            // instance (PostgreSQL) waits on this row until this write commits, then finds the token moved on.
            var claimed = await db.CatalogueDrafts
                .Where(d => d.Id == CatalogueDraft.SingletonId && d.RowVersion == expectedRowVersion)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.RowVersion, expectedRowVersion + 1), token);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(token);
                return new DraftWrite(ToState(await db.CatalogueDrafts.AsNoTracking().SingleAsync(d => d.Id == CatalogueDraft.SingletonId, token)), null);
            }

            var draft = await db.CatalogueDrafts.SingleAsync(d => d.Id == CatalogueDraft.SingletonId, token);
            var error = await change(draft, token);
            if (error is not null)
            {
                await transaction.RollbackAsync(token);
                db.ChangeTracker.Clear();
                return new DraftWrite(null, error);
            }

            draft.UpdatedAt = time.GetUtcNow().UtcDateTime;
            draft.UpdatedBy = actor;
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            afterCommit?.Invoke();
            return new DraftWrite(null, null);
        }, cancellationToken);

    private static DraftState ToState(CatalogueDraft draft) => new(draft.RowVersion, draft.Json, draft.UpdatedAt, draft.UpdatedBy, draft.LastChange);
}
