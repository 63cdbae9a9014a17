using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// The rule set new assessments are scored with: the latest published version (<see cref="ActiveDocument{TDocument}"/>),
/// loaded at start-up, swapped by a publish (<c>RuleSetStore</c>) and by <c>RuleSetRefresh</c> when another instance
/// published; until start-up has loaded it, the embedded default.
/// </summary>
public sealed class ActiveRuleSet() : ActiveDocument<RuleSet>(RuleSetLoader.LoadDefault, ruleSet => ruleSet.Version);
