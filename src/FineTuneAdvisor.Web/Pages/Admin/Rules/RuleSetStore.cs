using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.Pages.Results;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>The shared draft as a page last saw it; <see cref="RowVersion"/> is the token its forms post back.</summary>
public sealed record DraftState(int RowVersion, string? Json, DateTime UpdatedAt, string UpdatedBy, string LastChange)
{
    public bool Exists => Json is not null;

    /// <summary>"alice@example.test published version 3 at 14:02 UTC": who changed the draft last, for conflict messages.</summary>
    public string Describe() =>
        $"{UpdatedBy} {LastChange} at {UpdatedAt.ToString("d MMM yyyy HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>The published rule set, the draft, and the rule set the editor works on (the draft, else the published one).</summary>
public sealed record RuleSetState(RuleSet Published, DateTime PublishedAt, string PublishedBy, DraftState Draft, RuleSet? DraftRules, IReadOnlyList<RuleSetProblem> DraftProblems)
{
    public RuleSet Working => DraftRules ?? Published;
}

/// <summary>How a write to the draft went: done, refused because the draft changed meanwhile, or refused with a reason.</summary>
public sealed record DraftWrite(DraftState? Conflict, string? Error, int? PublishedVersion = null)
{
    public bool Succeeded => Conflict is null && Error is null;
}

public sealed record VersionSummary(int Version, string Name, DateTime PublishedAt, string PublishedBy);

/// <summary>
/// Versions and the draft. Every write runs inside <see cref="WriteGate"/> and one transaction that first claims the
/// draft by its concurrency token (a stale one is a conflict, never an overwrite; on PostgreSQL, concurrent writers
/// queue on the draft's row) and commits its audit entry with the change.
/// Publishing swaps <see cref="ActiveRuleSet"/> and evicts cached share pages after the commit.
/// </summary>
public sealed class RuleSetStore(AdvisorDbContext db, WriteGate writes, ActiveRuleSet active, AuditLog audit, TimeProvider time, SharePageCache sharePages, InstanceSignals signals)
{
    public async Task<RuleSetState> GetStateAsync(CancellationToken cancellationToken)
    {
        var published = active.Current;
        var meta = await db.RuleSetVersions.AsNoTracking()
            .Where(v => v.Version == published.Version)
            .Select(v => new { v.PublishedAt, v.PublishedBy })
            .FirstOrDefaultAsync(cancellationToken);
        var draft = ToState(await db.RuleSetDrafts.AsNoTracking().SingleAsync(d => d.Id == RuleSetDraft.SingletonId, cancellationToken));
        RuleSet? draftRules = null;
        IReadOnlyList<RuleSetProblem> problems = [];
        if (draft.Json is not null)
        {
            var load = RuleSetLoader.Load(draft.Json);
            draftRules = load.RuleSet;
            problems = load.Problems;
        }

        return new(published, meta?.PublishedAt ?? default, meta?.PublishedBy ?? AdminActor.System, draft, draftRules, problems);
    }

    public async Task<IReadOnlyList<VersionSummary>> ListVersionsAsync(CancellationToken cancellationToken) =>
        await db.RuleSetVersions.AsNoTracking()
            .OrderByDescending(v => v.Version)
            .Select(v => new VersionSummary(v.Version, v.Name, v.PublishedAt, v.PublishedBy))
            .ToListAsync(cancellationToken);

    public Task<string?> FindVersionJsonAsync(int version, CancellationToken cancellationToken) =>
        db.RuleSetVersions.AsNoTracking().Where(v => v.Version == version).Select(v => v.Json).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Stores edited JSON (already checked by RuleSetLoader) as the draft (audit <c>rules.draft.save</c>, with what changed).</summary>
    public Task<DraftWrite> SaveDraftAsync(int expectedRowVersion, string json, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, (draft, _) =>
        {
            var before = WorkingOf(draft);
            draft.Json = json;
            draft.LastChange = "saved the draft";
            audit.Add(actor, AuditActions.RulesDraftSave, "Saved the rule-set draft", DiffText(before, WorkingOf(draft)));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>Drops the draft (audit <c>rules.draft.discard</c>, with the changes thrown away), so the published rules are the working copy again.</summary>
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
            audit.Add(actor, AuditActions.RulesDraftDiscard, "Discarded the rule-set draft", DiffText(discarded, active.Current));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>A valid rule-set document becomes the draft (audit <c>rules.import</c>); nothing is active until published.</summary>
    public Task<DraftWrite> ImportAsync(int expectedRowVersion, RuleSet imported, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, (draft, _) =>
        {
            var before = WorkingOf(draft);
            draft.Json = imported.Json;
            draft.LastChange = "imported a rule set as the draft";
            audit.Add(actor, AuditActions.RulesImport,
                $"Imported \"{Shorten(imported.Name)}\" ({imported.Rules.Count} rules) as the draft",
                DiffText(before, imported));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>An old version becomes the draft (audit <c>rules.rollback</c>); publishing it makes it a new version.</summary>
    public Task<DraftWrite> RestoreAsDraftAsync(int version, int expectedRowVersion, string actor, CancellationToken cancellationToken) =>
        WriteDraftAsync(expectedRowVersion, actor, async (draft, token) =>
        {
            var json = await db.RuleSetVersions.Where(v => v.Version == version).Select(v => v.Json).FirstOrDefaultAsync(token);
            if (json is null)
            {
                return $"There is no version {version}.";
            }

            var restored = RuleSetLoader.Load(json);
            if (!restored.IsValid)
            {
                return $"Version {version} no longer loads: {restored.Problems[0]}";
            }

            var before = WorkingOf(draft);
            draft.Json = json;
            draft.LastChange = $"restored version {version} as the draft";
            audit.Add(actor, AuditActions.RulesRollback, $"Restored version {version} as the draft", DiffText(before, restored.RuleSet!));
            return null;
        }, cancellationToken);

    /// <summary>
    /// The draft becomes the next version and is active at once: new assessments use it, stored ones keep their
    /// result, and cached share pages are evicted so their "current rules would say" note follows.
    /// </summary>
    public async Task<DraftWrite> PublishAsync(int expectedRowVersion, string actor, CancellationToken cancellationToken)
    {
        RuleSet? published = null;
        var outcome = await WriteDraftAsync(expectedRowVersion, actor, async (draft, token) =>
        {
            if (draft.Json is null)
            {
                return "There is no draft to publish.";
            }

            var next = await db.RuleSetVersions.MaxAsync(v => v.Version, token) + 1;
            var load = RuleSetLoader.Load(RuleSetDocument.WithVersion(draft.Json, next));
            if (!load.IsValid)
            {
                return $"The draft does not load: {load.Problems[0]}";
            }

            published = load.RuleSet!;
            db.RuleSetVersions.Add(new RuleSetVersion
            {
                Version = next,
                Name = published.Name,
                Json = published.Json,
                PublishedAt = time.GetUtcNow().UtcDateTime,
                PublishedBy = actor,
            });
            audit.Add(actor, AuditActions.RulesPublish, $"Published rule set version {next}", DiffText(active.Current, published));
            draft.Json = null;
            draft.LastChange = $"published version {next}";
            return null;
        }, cancellationToken, afterCommit: () => active.PublishIfNewer(published!));

        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await sharePages.EvictAsync(cancellationToken);
        await signals.SendAsync(InstanceSignals.RuleSetPublished);
        return outcome with { PublishedVersion = published!.Version };
    }

    public static string DiffText(RuleSet before, RuleSet after)
    {
        var lines = RuleSetDiff.Describe(before, after);
        return lines.Count == 0 ? "(no change to rules or parameters)" : string.Join('\n', lines);
    }

    private RuleSet WorkingOf(RuleSetDraft draft) =>
        draft.Json is not null && RuleSetLoader.Load(draft.Json).RuleSet is { } rules ? rules : active.Current;

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..119] + "…";

    private Task<DraftWrite> WriteDraftAsync(int expectedRowVersion, string actor, Func<RuleSetDraft, CancellationToken, Task<string?>> change,
        CancellationToken cancellationToken, Action? afterCommit = null) =>
        writes.RunAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            // The draft is claimed before anything is read: a stale token changes nothing, and a concurrent writer (another
            // instance, on PostgreSQL) waits on this row until this write commits, then finds the token moved on.
            var claimed = await db.RuleSetDrafts
                .Where(d => d.Id == RuleSetDraft.SingletonId && d.RowVersion == expectedRowVersion)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.RowVersion, expectedRowVersion + 1), token);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(token);
                return new DraftWrite(ToState(await db.RuleSetDrafts.AsNoTracking().SingleAsync(d => d.Id == RuleSetDraft.SingletonId, token)), null);
            }

            var draft = await db.RuleSetDrafts.SingleAsync(d => d.Id == RuleSetDraft.SingletonId, token);
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

    private static DraftState ToState(RuleSetDraft draft) => new(draft.RowVersion, draft.Json, draft.UpdatedAt, draft.UpdatedBy, draft.LastChange);
}
