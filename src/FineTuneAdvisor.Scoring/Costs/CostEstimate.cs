namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>
/// Prompting versus fine-tuning for one model: per call, training, break-even, totals over the horizon, a
/// low/base/high range and the assumptions behind them. US dollars, unrounded (callers round for display).
/// </summary>
public sealed record CostEstimate
{
    public required CatalogueModel Model { get; init; }

    /// <summary>The base model with today's long prompt.</summary>
    public required CallCost Prompting { get; init; }

    /// <summary>The fine-tuned model with the short prompt, hosting included.</summary>
    public required CallCost FineTuned { get; init; }

    public required TrainingCost Training { get; init; }

    public required CostHorizon Horizon { get; init; }

    public required CostRange Range { get; init; }

    /// <summary>The base case's: the caller's own numbers.</summary>
    public BreakEven BreakEven => Range.Base.BreakEven;

    /// <summary>Prompting's cost over the horizon.</summary>
    public decimal PromptingTotal => Range.Base.PromptingTotal;

    /// <summary>Fine-tuning's cost over the horizon: the training runs, then calls and retraining.</summary>
    public decimal FineTunedTotal => Range.Base.FineTunedTotal;

    /// <summary>True when the training has been paid back before the horizon (or the shutdown) ends.</summary>
    public bool PaysBackWithinHorizon => BreakEven.Months is { } months && months <= Horizon.Months;

    /// <summary>Cumulative cost of both paths at each whole month of the horizon, and at its end: the chart's data.</summary>
    public required IReadOnlyList<CostPoint> Timeline { get; init; }

    /// <summary>Plain sentences: defaults used, truncation, caching, hosting, retraining, the horizon cut.</summary>
    public required IReadOnlyList<string> Assumptions { get; init; }
}

/// <summary>One call, split by what it pays for.</summary>
public sealed record CallCost(decimal Prompt, decimal User, decimal Output, decimal Hosting)
{
    /// <summary>Tokens of the prompt prefix billed at the cached-input price (may be fractional: a share of calls).</summary>
    public decimal CachedPromptTokens { get; init; }

    public decimal Total => Prompt + User + Output + Hosting;
}

/// <summary>
/// Billed tokens = epochs × tokens per pass (per run). One run costs billed tokens × the price per million;
/// the first version costs <see cref="Runs"/> runs; each retraining one more run.
/// </summary>
public sealed record TrainingCost
{
    public required int Epochs { get; init; }

    /// <summary>True when the epochs came from the notebook's rule rather than the caller.</summary>
    public required bool EpochsByRule { get; init; }

    public required long TokensPerEpoch { get; init; }

    public required long BilledTokens { get; init; }

    /// <summary>True when examples were cut to the model's training-example limit.</summary>
    public required bool Truncated { get; init; }

    /// <summary>Per million billed tokens (for GPU-hour pricing: the hourly price turned into tokens).</summary>
    public required decimal PricePerMillion { get; init; }

    public required decimal PerRun { get; init; }

    public required int Runs { get; init; }

    /// <summary>The one-off cost before the model ships: <see cref="Runs"/> × <see cref="PerRun"/>.</summary>
    public required decimal Initial { get; init; }

    public required int RetrainsPerYear { get; init; }

    public decimal RetrainingPerYear => RetrainsPerYear * PerRun;

    public decimal RetrainingPerMonth => RetrainingPerYear / 12m;
}

/// <summary>Null calls and months: never (a fine-tuned call saves nothing once hosting and retraining are paid).</summary>
public sealed record BreakEven(long? Calls, decimal? Months)
{
    public static BreakEven Never { get; } = new(null, null);

    public bool IsNever => Calls is null;
}

/// <param name="RequestedMonths">The horizon asked for.</param>
/// <param name="Months">The horizon used: cut at the model's shutdown when that comes first.</param>
/// <param name="ShutdownOn">The model's shutdown, when the catalogue knows one.</param>
public sealed record CostHorizon(int RequestedMonths, decimal Months, DateOnly? ShutdownOn)
{
    public bool CutAtShutdown => Months < RequestedMonths;
}

/// <summary>
/// The same estimate with fine-tuning's uncertain inputs moved: <see cref="Low"/> where fine-tuning goes better than
/// planned, <see cref="High"/> where it goes worse. Prompting's side, volume and prices stay as given.
/// </summary>
public sealed record CostRange(CostScenario Low, CostScenario Base, CostScenario High);

public sealed record CostScenario
{
    public required string Name { get; init; }

    public required long PromptTokensAfterFineTuning { get; init; }

    public required int TrainingRuns { get; init; }

    /// <summary>Multiplies a self-hosted GPU's training throughput (1 for per-token prices).</summary>
    public required decimal ThroughputFactor { get; init; }

    public required decimal FineTunedPerCall { get; init; }

    public required decimal TrainingCost { get; init; }

    public required BreakEven BreakEven { get; init; }

    public required decimal PromptingTotal { get; init; }

    public required decimal FineTunedTotal { get; init; }
}

public sealed record CostPoint(decimal Month, decimal Prompting, decimal FineTuned);
