using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>Import a rule set (<see cref="DocumentImportModel{TDocument, TVersion, TDraft}"/>); a valid one becomes the draft (audit <c>rules.import</c>).</summary>
public sealed class ImportModel(RuleSetStore store) : DocumentImportModel<RuleSet, RuleSetVersion, RuleSetDraft>(store, RuleSetStore.Words);
