using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>Every published rule-set version, each with its export and "restore as draft" (audit <c>rules.rollback</c>).</summary>
public sealed class VersionsModel(RuleSetStore store) : DocumentVersionsModel<RuleSet, RuleSetVersion, RuleSetDraft>(store, RuleSetStore.Words);
