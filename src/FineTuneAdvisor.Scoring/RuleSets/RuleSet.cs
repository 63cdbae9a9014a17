using System.Collections.Frozen;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>A validated, immutable rule set. Build one with <see cref="RuleSetLoader"/>; it is safe to share across threads.</summary>
public sealed class RuleSet
{
    public const double MinWeight = 0;
    public const double MaxWeight = 25;

    public required int SchemaVersion { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<Rule> Rules { get; init; }

    /// <summary>The plan's steps in file order (schema 2; empty for schema 1).</summary>
    public required IReadOnlyList<StepTemplate> Steps { get; init; }

    public required FrozenDictionary<string, RuleParameter> Parameters { get; init; }

    /// <summary>The parameters the procedure reads (schema 2; null for a schema-1 document, which the engine does not run).</summary>
    public ProcedureParameters? Procedure { get; init; }

    /// <summary>Where the rules' conditions on the example count can change (for the hinge search).</summary>
    internal Evaluation.CountThresholds CountThresholds => field ??= Evaluation.CountThresholds.Of(Rules);

    /// <summary>Each rule's criterion as its position in <see cref="Criteria.All"/>, so scoring criteria compares numbers.</summary>
    internal int[] CriterionPositions => field ??= [.. Rules.Select(r => Criteria.All.Select(c => c.Id).ToList().IndexOf(r.Criterion))];

    /// <summary>Which rules can change with each answer (for the hinge search).</summary>
    internal Evaluation.RuleDependencies Dependencies => field ??= Evaluation.RuleDependencies.Of(Rules);

    /// <summary>The JSON the rule set was loaded from, kept so a stored version can be exported or edited exactly.</summary>
    public required string Json { get; init; }

    public double Number(string parameter) => Parameters[parameter].Number;
    public string Text(string parameter) => Parameters[parameter].Value;
}
