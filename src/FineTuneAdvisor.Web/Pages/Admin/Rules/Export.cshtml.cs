using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>A published rule set or the draft as JSON in the schema of docs/scoring.md (<see cref="DocumentExportModel{TDocument, TVersion, TDraft}"/>).</summary>
public sealed class ExportModel(RuleSetStore store) : DocumentExportModel<RuleSet, RuleSetVersion, RuleSetDraft>(store, RuleSetStore.Words);
