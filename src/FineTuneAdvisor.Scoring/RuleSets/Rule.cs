using FineTuneAdvisor.Scoring.Evaluation;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>One rule of a rule set, as loaded and validated: when its condition holds, it fires.</summary>
public sealed record Rule
{
    public required string Id { get; init; }
    public required string Criterion { get; init; }

    /// <summary>The score its weight counts towards: the rule's own <c>dimension</c>, else its criterion's.</summary>
    public required Dimension Dimension { get; init; }

    public required Condition When { get; init; }
    public required RuleEffect Effect { get; init; }
    public required double Weight { get; init; }

    /// <summary>Null: the whole weight whenever the rule fires. Otherwise a part of it that moves with a measure.</summary>
    public Ramp? Ramp { get; init; }

    /// <summary>Null for a rule that only adds or takes away weight.</summary>
    public RuleSignal? Signal { get; init; }

    public required string Message { get; init; }

    /// <summary>Schema 1 only: schema 2 keeps the plan's steps in the rule set's <c>steps</c>.</summary>
    public string? NextStep { get; init; }

    public string? Risk { get; init; }
    public required string Citation { get; init; }
    public bool Enabled { get; init; } = true;

    /// <summary>The signed number of points this rule adds when it fires with all of its weight (a ramp at its top).</summary>
    public double Contribution => Effect == RuleEffect.Support ? Weight : -Weight;

    /// <summary>The signed points it adds for these facts: its ramp's part of the weight, if it has a ramp.</summary>
    internal double ContributionIn(Facts facts)
    {
        if (Ramp is null)
        {
            return Contribution;
        }

        var fraction = Ramp.Fraction(facts);
        return Effect == RuleEffect.Support ? Weight * fraction : -Weight * (1 - fraction);
    }
}
