using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace FineTuneAdvisor.Scoring.Costs;

public sealed class CatalogueException(IReadOnlyList<CatalogueProblem> problems)
    : Exception("The provider catalogue is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<CatalogueProblem> Problems { get; } = problems;
}

/// <summary>The outcome of loading: a catalogue, or every problem found. Never both.</summary>
public sealed record CatalogueLoadResult(ProviderCatalogue? Catalogue, IReadOnlyList<CatalogueProblem> Problems)
{
    public bool IsValid => Catalogue is not null;
}

/// <summary>
/// Reads a provider catalogue in three steps: strict System.Text.Json into <see cref="CatalogueDocument"/>
/// (unknown properties, duplicate properties, missing required members, nulls and numbers in quotes are refused),
/// <see cref="CatalogueValidator"/> (every problem with its path), then the immutable <see cref="ProviderCatalogue"/>.
/// Done when the catalogue is started or published, never per request.
/// </summary>
public static partial class CatalogueLoader
{
    public const int SchemaVersion = 1;

    private const string DefaultResource = "FineTuneAdvisor.Scoring.provider-catalogue.json";

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    // The export is a JSON download an admin reads and edits, never inlined in HTML: notes keep their apostrophes,
    // dashes and "×" as written instead of \u escapes.
    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The catalogue shipped with the app (seeded from the reference; see docs/operations.md).</summary>
    public static ProviderCatalogue LoadDefault()
    {
        using var stream = typeof(CatalogueLoader).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException("The default provider catalogue is not embedded.");
        using var reader = new StreamReader(stream);
        return LoadOrThrow(reader.ReadToEnd());
    }

    public static ProviderCatalogue LoadOrThrow(string json)
    {
        var result = Load(json);
        return result.Catalogue ?? throw new CatalogueException(result.Problems);
    }

    /// <param name="json">The catalogue document.</param>
    /// <param name="today">When given (the admin editor passes its clock's date), "checked on" dates after it are refused.</param>
    public static CatalogueLoadResult Load(string json, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        CatalogueDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogueDocument>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            return new(null, Describe(e));
        }

        return document is null
            ? new(null, [new("$", "The catalogue must be a JSON object.")])
            : Load(document, today);
    }

    /// <summary>Checks and compiles a document that is already in memory (an admin's edited draft).</summary>
    public static CatalogueLoadResult Load(CatalogueDocument document, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = CatalogueValidator.Validate(document, today);
        return problems.Count > 0 ? new(null, problems) : new(Compile(document), []);
    }

    /// <summary>The document as indented JSON; loading it back gives the same catalogue.</summary>
    public static string Write(CatalogueDocument document) => JsonSerializer.Serialize(document, WriteOptions);

    private static ProviderCatalogue Compile(CatalogueDocument document)
    {
        var providers = document.Providers
            .Select(p => new CatalogueProvider(p.Id, p.Name, CatalogueValidator.ParseUrl(p.Website)!, p.Note))
            .ToList();
        var byId = providers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var models = document.Models.Select(m => new CatalogueModel
        {
            Id = m.Id,
            Provider = byId[m.Id[..m.Id.IndexOf(':', StringComparison.Ordinal)]],
            Name = m.Name,
            Deployment = CatalogueValidator.ParseDeployment(m.Deployment)!.Value,
            OpenWeights = m.OpenWeights,
            TrainingExampleTokenLimit = m.TrainingExampleTokenLimit,
            CacheMinimumTokens = m.CacheMinimumTokens,
            Training = new TrainingPrice
            {
                PerMillionTokens = m.Training.PerMillionTokens,
                PerGpuHour = m.Training.PerGpuHour,
                TokensPerSecond = m.Training.TokensPerSecond,
                Source = Source(m.Training.Source, m.Training.CheckedOn),
            },
            Prompting = Prices(m.Prompting),
            FineTuned = Prices(m.FineTuned),
            Status = m.Status is not { } status ? ModelStatus.Open : new ModelStatus
            {
                NewJobsUntil = CatalogueValidator.ParseDate(status.NewJobsUntil),
                ShutdownOn = CatalogueValidator.ParseDate(status.ShutdownOn),
                Restrictions = [.. (status.Restrictions ?? []).Select(r => new Restriction(CatalogueValidator.ParseDate(r.From)!.Value, r.Message)).OrderBy(r => r.From)],
                Source = Source(status.Source, status.CheckedOn),
            },
            Note = m.Note,
        }).ToList();
        return new ProviderCatalogue(document, TypicalValues.From(document.Typical), providers, models);
    }

    private static InferencePrices Prices(InferencePriceDocument prices) => new()
    {
        InputPerMillion = prices.InputPerMillion,
        CachedInputPerMillion = prices.CachedInputPerMillion,
        OutputPerMillion = prices.OutputPerMillion,
        HostingPerHour = prices.HostingPerHour ?? 0m,
        Source = Source(prices.Source, prices.CheckedOn),
    };

    private static PriceSource Source(string url, string checkedOn) =>
        new(CatalogueValidator.ParseUrl(url)!, CatalogueValidator.ParseDate(checkedOn)!.Value);

    /// <summary>
    /// The deserializer stops at its first problem; this says what it was in an admin's words, at the path of the
    /// field (a missing member is reported at the member, not at the object that lacks it).
    /// </summary>
    private static List<CatalogueProblem> Describe(JsonException e)
    {
        var path = e.Path ?? "$";
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return [new(path, "Unknown property: the catalogue format has no such field (names are case-sensitive).")];
        }

        var missing = MissingMembers().Match(message);
        if (missing.Success)
        {
            return [.. Quoted().Matches(missing.Groups["names"].Value).Select(m => new CatalogueProblem($"{path}.{m.Groups[1].Value}", "Required."))];
        }

        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return [new(path, "Given twice: keep one.")];
        }

        if (message.Contains("doesn't allow setting null values", StringComparison.Ordinal))
        {
            return [new(path, "Must not be null.")];
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return [new(path, TypeProblem(message))];
        }

        var detail = message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd();
        return [new(path, $"Not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {detail}")];
    }

    private static string TypeProblem(string message) =>
        message.Contains("System.Decimal", StringComparison.Ordinal) ? "Must be a number such as 0.15 (not in quotes, at most 28 digits)."
        : message.Contains("System.Int32", StringComparison.Ordinal) || message.Contains("System.Int64", StringComparison.Ordinal) ? "Must be a whole number (not in quotes)."
        : message.Contains("System.Boolean", StringComparison.Ordinal) ? "Must be true or false."
        : message.Contains("System.String", StringComparison.Ordinal) ? "Must be text in quotes (and valid text: no lone surrogate escape such as \\ud800)."
        : message.Contains("IReadOnlyList", StringComparison.Ordinal) ? "Must be an array."
        : "Must be an object.";

    [GeneratedRegex(@"missing required properties including: (?<names>.*)\.", RegexOptions.Singleline)]
    private static partial Regex MissingMembers();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}
