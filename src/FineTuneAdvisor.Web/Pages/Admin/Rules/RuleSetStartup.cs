using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

public static class RuleSetStartup
{
    /// <summary>
    /// At start-up: on a fresh database the embedded default becomes version 1 (and the empty draft row is
    /// created). When the latest version is a rule set of schema 1, which this build no longer runs, the embedded
    /// default (schema 2) is published as the next version (audit <c>rules.upgrade</c>): stored assessments keep their
    /// results, the old version stays in the history and its export. Then the latest version is parsed and validated
    /// once and made active. A stored version that does not load for any other reason stops start-up rather than
    /// failing a user's request.
    /// </summary>
    public static async Task LoadActiveRuleSetAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<AdvisorDbContext>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        if (!await db.RuleSetVersions.AnyAsync(cancellationToken))
        {
            var builtIn = RuleSetLoader.LoadDefault();
            db.RuleSetVersions.Add(new RuleSetVersion
            {
                Version = 1,
                Name = builtIn.Name,
                Json = builtIn.Version == 1 ? builtIn.Json : RuleSetDocument.WithVersion(builtIn.Json, 1),
                PublishedAt = now,
                PublishedBy = AdminActor.System,
            });
            provider.GetRequiredService<AuditLog>().Add(AdminActor.System, AuditActions.RulesPublish,
                "Stored the built-in default rule set as version 1", $"{builtIn.Rules.Count} rules, {builtIn.Parameters.Count} parameters");
        }

        if (!await db.RuleSetDrafts.AnyAsync(cancellationToken))
        {
            db.RuleSetDrafts.Add(new RuleSetDraft
            {
                Id = RuleSetDraft.SingletonId,
                Json = null,
                RowVersion = 1,
                UpdatedAt = now,
                UpdatedBy = AdminActor.System,
                LastChange = "created the empty draft",
            });
        }

        await db.SaveChangesAsync(cancellationToken);

        var latest = await db.RuleSetVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstAsync(cancellationToken);
        if (RuleSetLoader.SchemaVersionOf(latest.Json) == 1)
        {
            latest = await UpgradeAsync(db, provider.GetRequiredService<AuditLog>(), latest, now, cancellationToken);
        }

        var ruleSet = RuleSetLoader.LoadOrThrow(latest.Json);
        if (ruleSet.Version != latest.Version)
        {
            throw new InvalidOperationException($"Stored rule-set version {latest.Version} says it is version {ruleSet.Version}.");
        }

        provider.GetRequiredService<ActiveRuleSet>().Publish(ruleSet);
    }

    /// <summary>
    /// Publishes the embedded default after a schema-1 version. Another instance starting at the same time may publish
    /// it first; then its version is the one used.
    /// </summary>
    private static async Task<RuleSetVersion> UpgradeAsync(AdvisorDbContext db, AuditLog audit, RuleSetVersion schemaOne, DateTime now, CancellationToken cancellationToken)
    {
        var builtIn = RuleSetLoader.LoadDefault();
        var next = schemaOne.Version + 1;
        db.RuleSetVersions.Add(new RuleSetVersion
        {
            Version = next,
            Name = builtIn.Name,
            Json = RuleSetDocument.WithVersion(builtIn.Json, next),
            PublishedAt = now,
            PublishedBy = AdminActor.System,
        });
        audit.Add(AdminActor.System, AuditActions.RulesUpgrade,
            $"Upgraded the rules to schema {RuleSetLoader.SchemaVersion}: published the built-in default as version {next}",
            $"version {schemaOne.Version} (schema 1) is no longer run; it stays in the history and its export.\n" +
            $"Tuning made in version {schemaOne.Version} must be re-applied to version {next}: see docs/operations.md, \"Rule-set schema 2\".\n" +
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
