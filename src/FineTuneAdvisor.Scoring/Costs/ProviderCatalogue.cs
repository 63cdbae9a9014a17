using System.Collections.Frozen;

namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>
/// Where fine-tuning can be done, at what price, and until when: a checked, immutable catalogue compiled by
/// <see cref="CatalogueLoader"/>. Amounts are US dollars; token prices are per million tokens.
/// </summary>
public sealed class ProviderCatalogue
{
    private readonly FrozenDictionary<string, CatalogueModel> _byId;

    internal ProviderCatalogue(CatalogueDocument document, TypicalValues typical, IReadOnlyList<CatalogueProvider> providers, IReadOnlyList<CatalogueModel> models)
    {
        Document = document;
        Typical = typical;
        Providers = providers;
        Models = models;
        _byId = models.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
    }

    public int Version => Document.Version;

    public string Name => Document.Name;

    /// <summary>What stands in for cost answers not given: the document's <c>"typical"</c> block, defaults for what it leaves out.</summary>
    public TypicalValues Typical { get; }

    public IReadOnlyList<CatalogueProvider> Providers { get; }

    /// <summary>In the catalogue's order, which is also the order alternatives are offered in.</summary>
    public IReadOnlyList<CatalogueModel> Models { get; }

    /// <summary>The document it was compiled from: exported as it is, so an export loads back to the same catalogue.</summary>
    public CatalogueDocument Document { get; }

    public CatalogueModel? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    /// <summary>The oldest "checked on" date of any figure: what the admin's staleness warning looks at.</summary>
    public DateOnly OldestCheck => Models.Min(m => m.OldestCheck);
}

public sealed record CatalogueProvider(string Id, string Name, Uri Website, string? Note);

public enum Deployment
{
    /// <summary>The provider trains and serves the model; you call its API.</summary>
    HostedApi,

    /// <summary>You train and serve it on GPUs you rent or own.</summary>
    SelfHosted,
}

/// <summary>Where a figure was read and the day it was last confirmed there.</summary>
public sealed record PriceSource(Uri Url, DateOnly CheckedOn);

public sealed record CatalogueModel
{
    public required string Id { get; init; }

    public required CatalogueProvider Provider { get; init; }

    public required string Name { get; init; }

    public required Deployment Deployment { get; init; }

    public required bool OpenWeights { get; init; }

    public int? TrainingExampleTokenLimit { get; init; }

    public int? CacheMinimumTokens { get; init; }

    public required TrainingPrice Training { get; init; }

    public required InferencePrices Prompting { get; init; }

    public required InferencePrices FineTuned { get; init; }

    public required ModelStatus Status { get; init; }

    public string? Note { get; init; }

    public DateOnly OldestCheck
    {
        get
        {
            var oldest = new[] { Training.Source.CheckedOn, Prompting.Source.CheckedOn, FineTuned.Source.CheckedOn }.Min();
            return Status.Source is { } status && status.CheckedOn < oldest ? status.CheckedOn : oldest;
        }
    }
}

/// <summary>Hosted training is priced per million tokens; self-hosted training by the GPU-hour at a throughput.</summary>
public sealed record TrainingPrice
{
    public decimal? PerMillionTokens { get; init; }

    public decimal? PerGpuHour { get; init; }

    public decimal? TokensPerSecond { get; init; }

    public required PriceSource Source { get; init; }

    /// <summary>
    /// Dollars per million trained tokens. For a GPU-hour price: hours for a million tokens × the hourly price;
    /// <paramref name="throughputFactor"/> scales the throughput (the cost range halves it in its high case).
    /// </summary>
    public decimal PerMillion(decimal throughputFactor = 1m) =>
        PerMillionTokens ?? PerGpuHour!.Value * 1_000_000m / (TokensPerSecond!.Value * throughputFactor * 3_600m);
}

/// <summary>Per million tokens. Without a cached-input price, cached tokens cost the full input price.</summary>
public sealed record InferencePrices
{
    public required decimal InputPerMillion { get; init; }

    public decimal? CachedInputPerMillion { get; init; }

    public required decimal OutputPerMillion { get; init; }

    /// <summary>0 when serving costs nothing beyond tokens.</summary>
    public required decimal HostingPerHour { get; init; }

    public required PriceSource Source { get; init; }
}

public sealed record Restriction(DateOnly From, string Message);

/// <summary>End dates, as UTC days. No dates: the catalogue knows of no end.</summary>
public sealed record ModelStatus
{
    public static ModelStatus Open { get; } = new() { Restrictions = [] };

    /// <summary>The last day a new fine-tuning job is accepted.</summary>
    public DateOnly? NewJobsUntil { get; init; }

    /// <summary>The first day the model, and everything fine-tuned from it, no longer answers.</summary>
    public DateOnly? ShutdownOn { get; init; }

    public required IReadOnlyList<Restriction> Restrictions { get; init; }

    public PriceSource? Source { get; init; }

    public ModelState StateOn(DateOnly today) =>
        ShutdownOn is { } shutdown && today >= shutdown ? ModelState.ShutDown
        : NewJobsUntil is { } last && today > last ? ModelState.NoNewJobs
        : ModelState.Active;
}

public enum ModelState
{
    /// <summary>New fine-tuning jobs are accepted (perhaps with restrictions).</summary>
    Active,

    /// <summary>No new jobs; models already fine-tuned still answer until the shutdown.</summary>
    NoNewJobs,

    /// <summary>Neither training nor inference.</summary>
    ShutDown,
}
