namespace FineTuneAdvisor.Scoring.Costs;

// The provider catalogue exactly as its JSON reads (schema version 1): what admins import, export and edit.
// Read strictly (CatalogueLoader): unknown properties, duplicates and missing required members are refused.
// Dates and enumerations stay strings here so that the validator can report every bad one at once, with its
// path, instead of the deserializer stopping at the first; CatalogueLoader compiles the checked document into
// the immutable ProviderCatalogue. All amounts are US dollars.

/// <summary>The whole catalogue: <c>{"schemaVersion", "version", "name", "currency", "typical", "providers", "models"}</c>.</summary>
public sealed record CatalogueDocument
{
    public required int SchemaVersion { get; init; }

    public required int Version { get; init; }

    public required string Name { get; init; }

    /// <summary>Always <c>USD</c>: stated so that no one reads the amounts in another currency.</summary>
    public required string Currency { get; init; }

    /// <summary>
    /// What the questionnaire's optional cost questions assume when they are not answered. Optional, as is each of
    /// its members: a catalogue written before the block existed (or one that leaves a value out) gets the defaults
    /// in <see cref="TypicalValues.Defaults"/>.
    /// </summary>
    public TypicalValuesDocument? Typical { get; init; }

    public required IReadOnlyList<ProviderDocument> Providers { get; init; }

    public required IReadOnlyList<ModelDocument> Models { get; init; }
}

/// <summary>A company or a way of running models: <c>openai</c>, <c>vertex</c>, <c>self-hosted</c>.</summary>
public sealed record ProviderDocument
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Where a reader learns how fine-tuning works there (absolute https URL).</summary>
    public required string Website { get; init; }

    public string? Note { get; init; }
}

/// <summary>One model that can be fine-tuned somewhere, with both price lists the comparison needs.</summary>
public sealed record ModelDocument
{
    /// <summary><c>provider:model</c>, e.g. <c>openai:gpt-4o-mini-2024-07-18</c>.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary><c>hosted_api</c> (the provider runs it) or <c>self_hosted</c> (you run it on your own GPUs).</summary>
    public required string Deployment { get; init; }

    /// <summary>Whether the weights (base and fine-tuned) can be downloaded and run elsewhere.</summary>
    public required bool OpenWeights { get; init; }

    /// <summary>The most tokens one training example may hold; longer ones are truncated. Null: not known.</summary>
    public int? TrainingExampleTokenLimit { get; init; }

    /// <summary>
    /// The shortest prompt prefix the provider caches (OpenAI: 1,024 tokens); a shorter one is always billed in
    /// full. Null: no minimum known. Ignored when a price list has no cached-input price.
    /// </summary>
    public int? CacheMinimumTokens { get; init; }

    public required TrainingPriceDocument Training { get; init; }

    /// <summary>The base model with a long prompt: what the team pays today.</summary>
    public required InferencePriceDocument Prompting { get; init; }

    /// <summary>The fine-tuned model: its token prices and any hourly hosting fee.</summary>
    public required InferencePriceDocument FineTuned { get; init; }

    /// <summary>End dates; absent when none is announced.</summary>
    public StatusDocument? Status { get; init; }

    /// <summary>Where the figures come from, and which are unverified or conflicting.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// Either <see cref="PerMillionTokens"/> (hosted training) or <see cref="PerGpuHour"/> with
/// <see cref="TokensPerSecond"/> (self-hosted: the GPU's price and how many training tokens it gets through).
/// </summary>
public sealed record TrainingPriceDocument
{
    public decimal? PerMillionTokens { get; init; }

    public decimal? PerGpuHour { get; init; }

    public decimal? TokensPerSecond { get; init; }

    public required string Source { get; init; }

    /// <summary>yyyy-mm-dd: the day the figure was last confirmed against <see cref="Source"/>.</summary>
    public required string CheckedOn { get; init; }
}

/// <summary>Per million tokens; <see cref="HostingPerHour"/> only on fine-tuned prices (0 or absent: none).</summary>
public sealed record InferencePriceDocument
{
    public required decimal InputPerMillion { get; init; }

    /// <summary>Null: the provider offers no cached-input price, so cached tokens cost the full input price.</summary>
    public decimal? CachedInputPerMillion { get; init; }

    public required decimal OutputPerMillion { get; init; }

    public decimal? HostingPerHour { get; init; }

    public required string Source { get; init; }

    public required string CheckedOn { get; init; }
}

/// <summary>
/// <see cref="NewJobsUntil"/>: the last day new fine-tuning jobs are accepted. <see cref="ShutdownOn"/>: the day the
/// model, and every model fine-tuned from it, stops answering. Both UTC days, yyyy-mm-dd.
/// </summary>
public sealed record StatusDocument
{
    public string? NewJobsUntil { get; init; }

    public string? ShutdownOn { get; init; }

    /// <summary>Limits that apply from a day on while jobs are still accepted (e.g. only existing customers).</summary>
    public IReadOnlyList<RestrictionDocument>? Restrictions { get; init; }

    public required string Source { get; init; }

    public required string CheckedOn { get; init; }
}

public sealed record RestrictionDocument
{
    public required string From { get; init; }

    public required string Message { get; init; }
}

/// <summary>
/// <c>"typical"</c>: the stand-ins for cost answers not given (docs/scoring.md, "Costs from the questionnaire").
/// Every member is optional; one left out takes its default (<see cref="TypicalValues.Defaults"/>).
/// </summary>
public sealed record TypicalValuesDocument
{
    /// <summary>Requests a month for each <c>request_volume</c> answer; each must read as its own level.</summary>
    public TypicalRequestsDocument? RequestsPerMonth { get; init; }

    /// <summary>Today's prompt prefix (instructions and examples) in tokens.</summary>
    public long? PromptTokens { get; init; }

    /// <summary>The prompt after fine-tuning is today's divided by this (20: 2,000 tokens become 100).</summary>
    public int? PromptAfterFineTuningDivisor { get; init; }

    /// <summary>The user's own words in a request, in tokens (never asked).</summary>
    public long? UserTokens { get; init; }

    /// <summary>The answer's length in tokens.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>0–100: the share of the prompt served from the provider's cache.</summary>
    public int? CachedPromptPercent { get; init; }

    /// <summary>Tokens per training example when no sample was measured.</summary>
    public long? TokensPerExample { get; init; }

    /// <summary>Training examples assumed when the team has none yet (a pilot's worth).</summary>
    public long? PilotExamples { get; init; }

    /// <summary>How many months the two paths are compared over.</summary>
    public int? HorizonMonths { get; init; }
}

/// <summary>Requests a month for the <c>request_volume</c> answers low, medium and high (medium also stands in for none).</summary>
public sealed record TypicalRequestsDocument
{
    public long? Low { get; init; }

    public long? Medium { get; init; }

    public long? High { get; init; }
}
