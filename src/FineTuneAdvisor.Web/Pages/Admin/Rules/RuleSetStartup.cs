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
    /// created); then the latest version is parsed and validated once and made active. A stored version that no
    /// longer loads stops start-up rather than failing a user's request.
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
        var ruleSet = RuleSetLoader.LoadOrThrow(latest.Json);
        if (ruleSet.Version != latest.Version)
        {
            throw new InvalidOperationException($"Stored rule-set version {latest.Version} says it is version {ruleSet.Version}.");
        }

        provider.GetRequiredService<ActiveRuleSet>().Publish(ruleSet);
    }
}
