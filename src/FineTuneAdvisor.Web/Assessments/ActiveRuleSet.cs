using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// The rule set new assessments are scored with. Parsed and validated once, when it becomes current,
/// never per request.
/// </summary>
public sealed class ActiveRuleSet
{
    private RuleSet _current = RuleSetLoader.LoadDefault();

    public RuleSet Current => Volatile.Read(ref _current);

    public void Publish(RuleSet ruleSet) => Volatile.Write(ref _current, ruleSet ?? throw new ArgumentNullException(nameof(ruleSet)));
}
