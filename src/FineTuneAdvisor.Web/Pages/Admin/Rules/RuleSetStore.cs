using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// Rule-set versions and the draft (<see cref="VersionedDocumentStore{TDocument, TVersion, TDraft}"/>). Publishing makes
/// the new version score new assessments at once; stored ones keep their result.
/// </summary>
public sealed class RuleSetStore(RuleSetKind kind, AdvisorDbContext db, WriteGate writes, ActiveRuleSet active, AuditLog audit, TimeProvider time,
    InstanceSignals signals) : VersionedDocumentStore<RuleSet, RuleSetVersion, RuleSetDraft>(kind, db, writes, active, audit, time, signals)
{
    /// <summary>What the import, versions and export pages say; a new draft is shown on the preview.</summary>
    public static DocumentPageWords Words { get; } = new("rule set", "rule-set", "Nothing changes for users until it is published.", "Preview");
}
