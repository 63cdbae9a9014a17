using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.VersionedDocuments;

/// <summary>
/// Versions and the one draft of a document admins edit, publish and roll back (rule sets, the provider catalogue).
/// Every write runs inside <see cref="WriteGate"/> and one transaction that first claims the draft by its concurrency
/// token (a stale one is a conflict, never an overwrite; on PostgreSQL, concurrent writers queue on the draft's row)
/// and commits its audit entry with the change. Publishing swaps the <see cref="ActiveDocument{TDocument}"/> after the
/// commit, runs the kind's follow-up (the rule set's evicts cached share pages) and signals the other instances.
/// </summary>
public class VersionedDocumentStore<TDocument, TVersion, TDraft>(
    DocumentKind<TDocument, TVersion, TDraft> kind, AdvisorDbContext db, WriteGate writes, ActiveDocument<TDocument> active,
    AuditLog audit, TimeProvider time, InstanceSignals signals)
    where TDocument : class
    where TVersion : class, IPublishedVersion
    where TDraft : class, IDraftRow
{
    /// <summary>The clock's UTC day: a publish validates against it (a catalogue's "checked on" dates may not be after it).</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Reads and validates a document to import, as a publish would (against the clock's day).</summary>
    public DocumentLoad<TDocument> Check(string json) => kind.Load(json, Today);

    public async Task<DocumentState<TDocument>> GetStateAsync(CancellationToken cancellationToken)
    {
        var published = active.Current;
        var version = active.VersionOf(published);
        var meta = await kind.Versions(db).AsNoTracking()
            .Where(v => v.Version == version)
            .Select(v => new { v.PublishedAt, v.PublishedBy })
            .FirstOrDefaultAsync(cancellationToken);
        var draft = ToState(await kind.Drafts(db).AsNoTracking().SingleAsync(d => d.Id == IDraftRow.SingletonId, cancellationToken));
        // Not against today: a draft saved yesterday stays loadable whatever the clock says.
        var load = draft.Json is null ? null : kind.Load(draft.Json);
        return new(published, meta?.PublishedAt ?? default, meta?.PublishedBy ?? AdminActor.System, draft, load?.Document, load?.Problems ?? []);
    }

    public async Task<IReadOnlyList<VersionSummary>> ListVersionsAsync(CancellationToken cancellationToken) =>
        await kind.Versions(db).AsNoTracking()
            .OrderByDescending(v => v.Version)
            .Select(v => new VersionSummary(v.Version, v.Name, v.PublishedAt, v.PublishedBy))
            .ToListAsync(cancellationToken);

    public Task<string?> FindVersionJsonAsync(int version, CancellationToken cancellationToken) =>
        kind.Versions(db).AsNoTracking().Where(v => v.Version == version).Select(v => (string?)v.Json).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Stores an edited document (already validated) as the draft (audit "….draft.save", with what changed).</summary>
    public Task<DraftWrite> SaveDraftAsync(int expectedRowVersion, TDocument edited, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, (draft, _) =>
        {
            var before = WorkingOf(draft);
            draft.Json = kind.Serialise(edited);
            draft.LastChange = "saved the draft";
            audit.Add(actor, kind.Actions.DraftSave, $"Saved the {kind.Noun} draft", kind.Diff(before, edited));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>Drops the draft (audit "….draft.discard", with the changes thrown away), so the published version is the working copy again.</summary>
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
            audit.Add(actor, kind.Actions.DraftDiscard, $"Discarded the {kind.Noun} draft", kind.Diff(discarded, active.Current));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>A valid document becomes the draft (audit "….import"); nothing is in use until it is published.</summary>
    public Task<DraftWrite> ImportAsync(int expectedRowVersion, TDocument imported, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, (draft, _) =>
        {
            var before = WorkingOf(draft);
            draft.Json = kind.Serialise(imported);
            draft.LastChange = kind.ImportedChange;
            audit.Add(actor, kind.Actions.Import, kind.ImportSummary(imported), kind.Diff(before, imported));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>An old version becomes the draft (audit "….rollback"); publishing it makes it a new version.</summary>
    public Task<DraftWrite> RestoreAsDraftAsync(int version, int expectedRowVersion, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, async (draft, token) =>
        {
            var json = await kind.Versions(db).Where(v => v.Version == version).Select(v => (string?)v.Json).FirstOrDefaultAsync(token);
            if (json is null)
            {
                return $"There is no version {version}.";
            }

            var restored = kind.Load(json);
            if (!restored.IsValid)
            {
                return $"Version {version} no longer loads: {restored.Problems[0]}";
            }

            var before = WorkingOf(draft);
            draft.Json = json;
            draft.LastChange = $"restored version {version} as the draft";
            audit.Add(actor, kind.Actions.Rollback, kind.RestoreSummary(version), kind.Diff(before, restored.Document!));
            return null;
        }, cancellationToken);

    /// <summary>
    /// The draft becomes the next version and is in use on this instance at once; the kind's follow-up runs, and the
    /// other instances are signalled (without Redis they find it within <c>RuleSets:RefreshSeconds</c>).
    /// </summary>
    public async Task<DraftWrite> PublishAsync(int expectedRowVersion, string actor, CancellationToken cancellationToken)
    {
        TDocument? published = null;
        var outcome = await WriteDraftAsync(expectedRowVersion, actor, async (draft, token) =>
        {
            if (draft.Json is null)
            {
                return "There is no draft to publish.";
            }

            var next = await kind.Versions(db).MaxAsync(v => v.Version, token) + 1;
            var stored = kind.Load(draft.Json);
            var load = stored.IsValid ? kind.Load(kind.Serialise(stored.Document!, next), Today) : stored;
            if (!load.IsValid)
            {
                return $"The draft does not load: {load.Problems[0]}";
            }

            published = load.Document!;
            kind.Versions(db).Add(kind.NewVersion(next, kind.NameOf(published), kind.Serialise(published), time.GetUtcNow().UtcDateTime, actor));
            audit.Add(actor, kind.Actions.Publish, kind.PublishSummary(next), kind.Diff(active.Current, published));
            draft.Json = null;
            draft.LastChange = $"published version {next}";
            return null;
        }, cancellationToken, afterCommit: () => active.PublishIfNewer(published!));

        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await kind.AfterNewVersionAsync(cancellationToken);
        await signals.SendAsync(kind.PublishedSignal);
        return outcome with { PublishedVersion = active.VersionOf(published!) };
    }

    private TDocument WorkingOf(TDraft draft) =>
        draft.Json is not null && kind.Load(draft.Json).Document is { } document ? document : active.Current;

    private Task<DraftWrite> WriteDraftAsync(int expectedRowVersion, string actor, Func<TDraft, CancellationToken, Task<string?>> change,
        CancellationToken cancellationToken, Action? afterCommit = null) =>
        writes.RunAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            // The draft is claimed before anything is read: a stale token changes nothing, and a concurrent writer (another
            // instance, on PostgreSQL) waits on this row until this write commits, then finds the token moved on.
            var claimed = await kind.Drafts(db)
                .Where(d => d.Id == IDraftRow.SingletonId && d.RowVersion == expectedRowVersion)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.RowVersion, expectedRowVersion + 1), token);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(token);
                return new DraftWrite(ToState(await kind.Drafts(db).AsNoTracking().SingleAsync(d => d.Id == IDraftRow.SingletonId, token)), null);
            }

            var draft = await kind.Drafts(db).SingleAsync(d => d.Id == IDraftRow.SingletonId, token);
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

    private static DraftState ToState(TDraft draft) => new(draft.RowVersion, draft.Json, draft.UpdatedAt, draft.UpdatedBy, draft.LastChange);
}
