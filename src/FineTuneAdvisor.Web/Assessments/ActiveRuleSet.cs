using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// The rule set new assessments are scored with: the latest published version, parsed and validated once when
/// it is loaded at start-up (<c>RuleSetStartup</c>) or published (<c>RuleSetStore</c>), never per request.
/// Reading it is one volatile read; publishing swaps the reference, so a request sees the old or the new set
/// whole, never a mix. Until start-up loads the stored version it is the embedded default. A version published by
/// another instance on the same database is picked up by <c>RuleSetRefresh</c> within <c>RuleSets:RefreshSeconds</c>.
/// </summary>
public sealed class ActiveRuleSet
{
    // Null until start-up publishes the stored version: parsing the embedded default here as well cost every start a
    // second parse. Anything that asks before then (a test host that skips start-up) gets the default, parsed once.
    private RuleSet? _current;

    public RuleSet Current => Volatile.Read(ref _current) ?? LoadDefaultOnce();

    public void Publish(RuleSet ruleSet) => Volatile.Write(ref _current, ruleSet ?? throw new ArgumentNullException(nameof(ruleSet)));

    /// <summary>
    /// Makes <paramref name="ruleSet"/> current unless the same or a newer version already is: a publish made here and
    /// the refresh that finds one published by another instance may race, and the newest must win.
    /// </summary>
    public bool PublishIfNewer(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && ruleSet.Version <= current.Version)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _current, ruleSet, current) == current)
            {
                return true;
            }
        }
    }

    private RuleSet LoadDefaultOnce()
    {
        Interlocked.CompareExchange(ref _current, RuleSetLoader.LoadDefault(), null);
        return Volatile.Read(ref _current)!;
    }
}
