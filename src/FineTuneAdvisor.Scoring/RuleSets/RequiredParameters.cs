using System.Globalization;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// The parameters every rule set must define, because the verdict procedure, the measures or the spec rely on them
/// (docs/scoring.md, "Parameters"). Schema 1 needed five; schema 2 needs the numbers in <see cref="Numbers"/> and
/// <see cref="RetrievalChangeFrequency"/>.
/// </summary>
public static class RequiredParameters
{
    public const string PilotExamples = "pilot_examples";
    public const string ProductionExamples = "production_examples";
    public const string RetrievalChangeFrequency = "retrieval_change_frequency";
    public const string CaseMinScore = "case_min_score";
    public const string FineTuneMinScore = "fine_tune_min_score";
    public const string ScoreSpread = "score_spread";
    public const string CriterionSpread = "criterion_spread";
    public const string ConfidenceMargin = "confidence_margin";
    public const string ProductionBonusSpecialized = "production_bonus_specialized";
    public const string ProductionBonusStrictFormat = "production_bonus_strict_format";
    public const string QualityFactorRaw = "quality_factor_raw";
    public const string QualityFactorPartiallyReviewed = "quality_factor_partially_reviewed";
    public const string QualityFactorCurated = "quality_factor_curated";
    public const string QualityFactorNotSure = "quality_factor_not_sure";

    /// <summary>Schema 1 only: the readiness a pilot needed. Schema 2 decides pilots by the procedure's steps instead.</summary>
    public const string PilotMinScore = "pilot_min_score";

    /// <summary>Schema 2's required numbers, each with its range (inclusive).</summary>
    public static IReadOnlyList<(string Name, double Min, double Max)> Numbers { get; } =
    [
        (PilotExamples, 1, 100_000_000),
        (ProductionExamples, 1, 100_000_000),
        (CaseMinScore, 1, 99),
        (FineTuneMinScore, 1, 99),
        (ScoreSpread, 1, 100),
        (CriterionSpread, 1, 100),
        (ConfidenceMargin, 0, 1),
        (ProductionBonusSpecialized, 0, 10),
        (ProductionBonusStrictFormat, 0, 10),
        (QualityFactorRaw, 0, 1),
        (QualityFactorPartiallyReviewed, 0, 1),
        (QualityFactorCurated, 0, 1),
        (QualityFactorNotSure, 0, 1),
    ];

    /// <summary>Schema 1's required numbers (kept to read version-1 documents for the record).</summary>
    public static IReadOnlyList<(string Name, double Min, double Max)> SchemaOneNumbers { get; } =
    [
        (PilotExamples, 1, 100_000_000),
        (ProductionExamples, 1, 100_000_000),
        (PilotMinScore, 1, 100),
        (FineTuneMinScore, 0, 100),
    ];

    private static readonly (string Lower, string Higher, bool Strict, string LowerName, string HigherName)[] Ordered =
    [
        (PilotExamples, ProductionExamples, true, "rows for a pilot", "rows for production"),
        (PilotMinScore, FineTuneMinScore, true, "score for a pilot", "score for fine-tuning"),
        (QualityFactorRaw, QualityFactorPartiallyReviewed, false, "factor for raw rows", "factor for partly reviewed rows"),
        (QualityFactorPartiallyReviewed, QualityFactorCurated, false, "factor for partly reviewed rows", "factor for curated rows"),
    ];

    /// <summary>
    /// The thresholds out of order (a pilot's must stay below production's; better-reviewed rows never count for less),
    /// each named by its lower parameter. The one place this is checked: the loader and the rule editor both ask
    /// here. Pairs with a missing number are skipped.
    /// </summary>
    public static IEnumerable<(string Parameter, string Message)> OrderProblems(IReadOnlyDictionary<string, double> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        foreach (var (lower, higher, strict, lowerName, higherName) in Ordered)
        {
            if (numbers.TryGetValue(lower, out var low) && numbers.TryGetValue(higher, out var high) && (strict ? low >= high : low > high))
            {
                yield return (lower, strict
                    ? $"The {lowerName} ({Text(low)}) must be below the {higherName} ({Text(high)})."
                    : $"The {lowerName} ({Text(low)}) must not be above the {higherName} ({Text(high)}).");
            }
        }
    }

    private static string Text(double number) => number.ToString(CultureInfo.InvariantCulture);
}
