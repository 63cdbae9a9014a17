using System.Globalization;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>The parameters every rule set must define, because the verdict procedure or the spec relies on them.</summary>
public static class RequiredParameters
{
    public const string PilotExamples = "pilot_examples";
    public const string ProductionExamples = "production_examples";
    public const string RetrievalChangeFrequency = "retrieval_change_frequency";
    public const string PilotMinScore = "pilot_min_score";
    public const string FineTuneMinScore = "fine_tune_min_score";

    private static readonly (string Lower, string Higher, string LowerName, string HigherName)[] Ordered =
    [
        (PilotExamples, ProductionExamples, "rows for a pilot", "rows for production"),
        (PilotMinScore, FineTuneMinScore, "score for a pilot", "score for fine-tuning"),
    ];

    /// <summary>
    /// The thresholds out of order (a pilot's must stay below production's), each named by its lower parameter.
    /// The one place this is checked: the loader and the rule editor both ask here. Missing numbers are skipped.
    /// </summary>
    public static IEnumerable<(string Parameter, string Message)> OrderProblems(IReadOnlyDictionary<string, double> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        foreach (var (lower, higher, lowerName, higherName) in Ordered)
        {
            if (numbers.TryGetValue(lower, out var low) && numbers.TryGetValue(higher, out var high) && low >= high)
            {
                yield return (lower, $"The {lowerName} ({Text(low)}) must be below the {higherName} ({Text(high)}).");
            }
        }
    }

    private static string Text(double number) => number.ToString(CultureInfo.InvariantCulture);
}
