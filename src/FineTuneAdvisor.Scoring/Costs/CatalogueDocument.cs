namespace FineTuneAdvisor.Scoring.Costs;

// The provider catalogue exactly as its JSON reads (schema version 1): what admins import, export and edit.
// Read strictly (CatalogueLoader): unknown properties, duplicates and missing required members are refused.
// Dates and enumerations stay strings here so that the validator can report every bad one at once, with its
// path, instead of the deserializer stopping at the first; CatalogueLoader compiles the checked document into
// the immutable ProviderCatalogue. All amounts are US dollars.

/// <summary>The whole catalogue: <c>{"schemaVersion", "version", "name", "currency", "providers", "models"}</c>.</summary>
public sealed record CatalogueDocument
{
    public required int SchemaVersion { get; init; }

    public required int Version { get; init; }

    public required string Name { get; init; }

    /// <summary>Always <c>USD</c>: stated so that no one reads the amounts in another currency.</summary>
    public required string Currency { get; init; }

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
