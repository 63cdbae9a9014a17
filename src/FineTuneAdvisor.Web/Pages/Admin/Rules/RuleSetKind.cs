using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.Pages.Results;
using FineTuneAdvisor.Web.VersionedDocuments;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// Rule sets as versioned documents: stored as the JSON of docs/scoring.md, checked by <see cref="RuleSetLoader"/>.
/// A new active version evicts this instance's cached share pages, so their "current rules would say" note follows.
/// </summary>
public sealed class RuleSetKind(SharePageCache sharePages) : DocumentKind<RuleSet, RuleSetVersion, RuleSetDraft>
{
    public override DbSet<RuleSetVersion> Versions(AdvisorDbContext db) => db.RuleSetVersions;

    public override DbSet<RuleSetDraft> Drafts(AdvisorDbContext db) => db.RuleSetDrafts;

    public override RuleSetVersion NewVersion(int version, string name, string json, DateTime publishedAt, string publishedBy) =>
        new() { Version = version, Name = name, Json = json, PublishedAt = publishedAt, PublishedBy = publishedBy };

    public override RuleSetDraft NewEmptyDraft(DateTime now) =>
        new() { Id = RuleSetDraft.SingletonId, Json = null, RowVersion = 1, UpdatedAt = now, UpdatedBy = AdminActor.System, LastChange = "created the empty draft" };

    public override RuleSet LoadDefault() => RuleSetLoader.LoadDefault();

    public override DocumentLoad<RuleSet> Load(string json, DateOnly? today = null)
    {
        var load = RuleSetLoader.Load(json);
        return new(load.RuleSet, [.. load.Problems.Select(p => p.ToString())]);
    }

    public override RuleSet LoadOrThrow(string json) => RuleSetLoader.LoadOrThrow(json);

    public override string NameOf(RuleSet document) => document.Name;

    // The text as the admin's edit or import made it; only the "version" changes when it is published.
    public override string Serialise(RuleSet document, int? version = null) =>
        version is not { } number || number == document.Version ? document.Json : RuleSetDocument.WithVersion(document.Json, number);

    public override string Diff(RuleSet before, RuleSet after)
    {
        var lines = RuleSetDiff.Describe(before, after);
        return lines.Count == 0 ? "(no change to rules or parameters)" : string.Join('\n', lines);
    }

    public override string Noun => "rule-set";

    public override DocumentAuditActions Actions { get; } = new(AuditActions.RulesPublish, AuditActions.RulesRollback, AuditActions.RulesImport,
        AuditActions.RulesDraftSave, AuditActions.RulesDraftDiscard);

    public override string ImportedChange => "imported a rule set as the draft";

    public override string ImportSummary(RuleSet imported) =>
        $"Imported \"{(imported.Name.Length <= 120 ? imported.Name : imported.Name[..119] + "…")}\" ({imported.Rules.Count} rules) as the draft";

    public override string PublishSummary(int version) => $"Published rule set version {version}";

    public override string RestoreSummary(int version) => $"Restored version {version} as the draft";

    public override (string Summary, string Detail) SeedSummary(RuleSet builtIn) =>
        ("Stored the built-in default rule set as version 1", $"{builtIn.Rules.Count} rules, {builtIn.Parameters.Count} parameters");

    public override string PublishedSignal => InstanceSignals.RuleSetPublished;

    public override Task AfterNewVersionAsync(CancellationToken cancellationToken) => sharePages.EvictAsync(cancellationToken);

    /// <summary>
    /// When the latest version is a rule set of schema 1, which this build no longer runs, the embedded default (schema
    /// 2) is published as the next version (audit <c>rules.upgrade</c>): stored assessments keep their results, the old
    /// version stays in the history and its export. Another instance starting at the same time may publish it first;
    /// then its version is the one used.
    /// </summary>
    public override async Task<RuleSetVersion> UpgradeAsync(IServiceProvider services, AdvisorDbContext db, RuleSetVersion latest, DateTime now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(latest);
        if (RuleSetLoader.SchemaVersionOf(latest.Json) != 1)
        {
            return latest;
        }

        var builtIn = RuleSetLoader.LoadDefault();
        var next = latest.Version + 1;
        db.RuleSetVersions.Add(NewVersion(next, builtIn.Name, RuleSetDocument.WithVersion(builtIn.Json, next), now, AdminActor.System));
        services.GetRequiredService<AuditLog>().Add(AdminActor.System, AuditActions.RulesUpgrade,
            $"Upgraded the rules to schema {RuleSetLoader.SchemaVersion}: published the built-in default as version {next}",
            $"version {latest.Version} (schema 1) is no longer run; it stays in the history and its export.\n" +
            $"Tuning made in version {latest.Version} must be re-applied to version {next}: see docs/operations.md, \"Rule-set schema 2\".\n" +
            $"{builtIn.Rules.Count} rules, {builtIn.Steps.Count} plan steps, {builtIn.Parameters.Count} parameters");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        return await db.RuleSetVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstAsync(cancellationToken);
    }
}

public static class RuleSetStartup
{
    /// <summary>At start-up: seeds, upgrades a schema-1 latest version, and makes the latest version active (<see cref="DocumentStartup"/>).</summary>
    public static Task LoadActiveRuleSetAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.LoadActiveAsync(services.GetRequiredService<RuleSetKind>(), services.GetRequiredService<ActiveRuleSet>(), cancellationToken);
}
