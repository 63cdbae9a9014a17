namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>
/// What a team knows about its traffic and its training data: the numbers behind "will it pay for itself?".
/// Token counts are per call. Check them with <see cref="CostLimits"/> first (the API and the questionnaire do);
/// <see cref="CostModel"/> refuses values outside them.
/// </summary>
public sealed record CostInputs
{
    public required long RequestsPerMonth { get; init; }

    /// <summary>Today's prompt prefix: instructions and few-shot examples sent with every call (the cacheable part).</summary>
    public required long PromptTokens { get; init; }

    /// <summary>The prefix still needed once the model has learnt the task.</summary>
    public required long PromptTokensAfterFineTuning { get; init; }

    /// <summary>The user's own input per call, the same on both paths and never cached.</summary>
    public required long UserTokens { get; init; }

    public required long OutputTokens { get; init; }

    /// <summary>0–1: the share of the prompt prefix served from the provider's cache.</summary>
    public required decimal CachedShare { get; init; }

    public required long TrainingExamples { get; init; }

    /// <summary>Average tokens per training example; give this or <see cref="TrainingTokens"/>, not both.</summary>
    public long? TokensPerExample { get; init; }

    /// <summary>Tokens billed for one pass over the training file (the data analyser's count); already truncated.</summary>
    public long? TrainingTokens { get; init; }

    /// <summary>Null: the notebook's default (<see cref="TrainingEpochs.ForExamples"/>).</summary>
    public int? Epochs { get; init; }

    /// <summary>Training runs before the model ships: experiments, hyperparameter tries, fixes to the data.</summary>
    public required int TrainingRuns { get; init; }

    /// <summary>Retraining on fresh data each year, one run each (the article: data that changes often makes this costly).</summary>
    public required int RetrainsPerYear { get; init; }

    public required int HorizonMonths { get; init; }
}

/// <summary>
/// The bounds every input must keep. Far above any real product, far enough below the decimal range that no
/// product of them overflows: a value past them is a typo or an attack, and is named as such.
/// </summary>
public static class CostLimits
{
    public const long MaxRequestsPerMonth = 10_000_000_000;
    public const long MaxPromptTokens = 2_000_000;
    public const long MaxOutputTokens = 1_000_000;
    public const long MaxTrainingExamples = 100_000_000;
    public const long MaxTokensPerExample = 2_000_000;
    public const long MaxTrainingTokens = 100_000_000_000;
    public const int MaxEpochs = 50;
    public const int MaxTrainingRuns = 100;
    public const int MaxRetrainsPerYear = 365;
    public const int MaxHorizonMonths = 120;

    /// <summary>Every problem with <paramref name="inputs"/>, keyed by the API's field name.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(CostInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var problems = new List<(string, string)>();
        void Range(string field, long value, long min, long max, string what)
        {
            if (value < min || value > max)
            {
                problems.Add((field, $"Must be from {CostText.Count(min)} to {CostText.Count(max)} ({what})."));
            }
        }

        Range("requestsPerMonth", inputs.RequestsPerMonth, 1, MaxRequestsPerMonth, "calls a month");
        Range("promptTokens", inputs.PromptTokens, 0, MaxPromptTokens, "tokens");
        Range("promptTokensAfterFineTuning", inputs.PromptTokensAfterFineTuning, 0, MaxPromptTokens, "tokens");
        Range("userTokens", inputs.UserTokens, 0, MaxPromptTokens, "tokens");
        Range("outputTokens", inputs.OutputTokens, 0, MaxOutputTokens, "tokens");
        if (inputs.CachedShare is < 0m or > 1m)
        {
            problems.Add(("cachedShare", "Must be from 0 to 1 (the share of the prompt served from the cache, e.g. 0.8)."));
        }

        Range("trainingExamples", inputs.TrainingExamples, 1, MaxTrainingExamples, "examples");
        switch (inputs.TokensPerExample, inputs.TrainingTokens)
        {
            case (null, null):
                problems.Add(("tokensPerExample", "Give tokensPerExample (average tokens per training example) or trainingTokens (the file's total)."));
                break;
            case ({ }, { }):
                problems.Add(("trainingTokens", "Give tokensPerExample or trainingTokens, not both."));
                break;
            case ({ } perExample, null):
                Range("tokensPerExample", perExample, 1, MaxTokensPerExample, "tokens");
                break;
            case (null, { } total):
                Range("trainingTokens", total, 1, MaxTrainingTokens, "tokens");
                break;
        }

        if (inputs.Epochs is { } epochs)
        {
            Range("epochs", epochs, 1, MaxEpochs, "passes over the training file");
        }

        Range("trainingRuns", inputs.TrainingRuns, 1, MaxTrainingRuns, "runs");
        Range("retrainsPerYear", inputs.RetrainsPerYear, 0, MaxRetrainsPerYear, "retraining runs a year");
        Range("horizonMonths", inputs.HorizonMonths, 1, MaxHorizonMonths, "months");
        return problems;
    }
}
