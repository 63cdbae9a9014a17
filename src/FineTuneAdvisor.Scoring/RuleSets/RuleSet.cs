using System.Collections.Frozen;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>A validated, immutable rule set. Build one with <see cref="RuleSetLoader"/>; it is safe to share across threads.</summary>
public sealed class RuleSet
{
    public const double MinWeight = 0;
    public const double MaxWeight = 25;

    public required int Version { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<Rule> Rules { get; init; }
    public required FrozenDictionary<string, RuleParameter> Parameters { get; init; }

    /// <summary>The JSON the rule set was loaded from, kept so a stored version can be exported or edited exactly.</summary>
    public required string Json { get; init; }

    public double Number(string parameter) => Parameters[parameter].Number;
    public string Text(string parameter) => Parameters[parameter].Value;
}
