using System.Globalization;
using System.Text.RegularExpressions;

namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>One thing wrong with a catalogue, at the JSON path where it was found (<c>$.models[2].training.perMillionTokens</c>).</summary>
public sealed record CatalogueProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// Checks a catalogue document that has been read: every problem is collected with its JSON path, so an admin
/// fixes them all in one go. Prices are US dollars, at least 0 and under caps no real price comes near, so a
/// misplaced decimal point is caught; dates are real days in order; every figure names an https source and the
/// day it was checked; ids are unique and well-formed.
/// </summary>
public static partial class CatalogueValidator
{
    /// <summary>Per million tokens. The dearest real prices are a few hundred dollars (output of the largest models).</summary>
    public const decimal MaxTokenPrice = 1_000m;

    /// <summary>Per hour, for a GPU or a dedicated endpoint.</summary>
    public const decimal MaxHourlyPrice = 1_000m;

    public const decimal MaxTokensPerSecond = 10_000_000m;
    public const int MaxExampleTokenLimit = 10_000_000;
    public const int MaxNameLength = 120;
    public const int MaxNoteLength = 2_000;
    public const int MaxUrlLength = 500;

    /// <summary>A prompt cut to a thousandth by fine-tuning is already more than any real case.</summary>
    public const int MaxPromptDivisor = 1_000;

    /// <summary>No price in the catalogue can have been checked before this day.</summary>
    public static readonly DateOnly EarliestCheck = new(2020, 1, 1);

    private static readonly DateOnly EarliestDate = new(2020, 1, 1);
    private static readonly DateOnly LatestDate = new(2100, 12, 31);

    public static IReadOnlyList<CatalogueProblem> Validate(CatalogueDocument document, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var check = new Checker(today);
        check.Document(document);
        return check.Problems;
    }

    /// <summary>A strict yyyy-mm-dd day, or null.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>An absolute https address with a host, or null.</summary>
    public static Uri? ParseUrl(string? text) =>
        text is { Length: > 0 and <= MaxUrlLength } && !text.Any(char.IsWhiteSpace)
            && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0
            ? uri
            : null;

    /// <summary>Whether <paramref name="text"/> has the shape of a model id (<c>provider:model</c>).</summary>
    public static bool IsModelId(string? text) => text is not null && ModelIdPattern().IsMatch(text);

    public static Deployment? ParseDeployment(string? text) => text switch
    {
        "hosted_api" => Deployment.HostedApi,
        "self_hosted" => Deployment.SelfHosted,
        _ => null,
    };

    public static string DeploymentText(Deployment deployment) => deployment == Deployment.SelfHosted ? "self_hosted" : "hosted_api";

    [GeneratedRegex(@"^[a-z][a-z0-9-]{1,31}\z")]
    private static partial Regex ProviderIdPattern();

    [GeneratedRegex(@"^(?<provider>[a-z][a-z0-9-]{1,31}):[A-Za-z0-9][A-Za-z0-9._/-]{0,127}\z")]
    private static partial Regex ModelIdPattern();

    private sealed class Checker(DateOnly? today)
    {
        public List<CatalogueProblem> Problems { get; } = [];

        private void Problem(string path, string message) => Problems.Add(new(path, message));

        public void Document(CatalogueDocument document)
        {
            if (document.SchemaVersion != CatalogueLoader.SchemaVersion)
            {
                Problem("$.schemaVersion", $"Schema version {document.SchemaVersion} is not supported; this build reads version {CatalogueLoader.SchemaVersion}.");
            }

            if (document.Version < 1)
            {
                Problem("$.version", "The version must be 1 or more.");
            }

            Text(document.Name, "$.name", 200, required: true);
            if (document.Currency != "USD")
            {
                Problem("$.currency", "Must be \"USD\": every amount in the catalogue is in US dollars.");
            }

            Typical(document.Typical);
            var providers = Providers(document.Providers);
            Models(document.Models, providers);
        }

        /// <summary>
        /// The stand-ins for cost answers not given: each within what the cost model accepts (<see cref="CostLimits"/>),
        /// and each typical request volume inside its own band, so a typical "low" volume reads as low again.
        /// </summary>
        private void Typical(TypicalValuesDocument? typical)
        {
            if (typical is null)
            {
                return;
            }

            const string path = "$.typical";
            if (typical.RequestsPerMonth is { } requests)
            {
                Whole(requests.Low, $"{path}.requestsPerMonth.low", 1, RequestVolume.MediumFrom - 1,
                    $"requests a month: a typical low volume stays under the medium band, which starts at {N(RequestVolume.MediumFrom)}");
                Whole(requests.Medium, $"{path}.requestsPerMonth.medium", RequestVolume.MediumFrom, RequestVolume.HighFrom - 1,
                    $"requests a month: a typical medium volume stays above low and under the high band, which starts at {N(RequestVolume.HighFrom)}");
                Whole(requests.High, $"{path}.requestsPerMonth.high", RequestVolume.HighFrom, CostLimits.MaxRequestsPerMonth,
                    "requests a month: a typical high volume stays above medium");
            }

            Whole(typical.PromptTokens, $"{path}.promptTokens", 1, CostLimits.MaxPromptTokens, "tokens of prompt today");
            Whole(typical.PromptAfterFineTuningDivisor, $"{path}.promptAfterFineTuningDivisor", 1, MaxPromptDivisor,
                "today's prompt is divided by this after fine-tuning; 1 keeps it whole");
            Whole(typical.UserTokens, $"{path}.userTokens", 1, CostLimits.MaxPromptTokens, "tokens of the user's own words");
            Whole(typical.OutputTokens, $"{path}.outputTokens", 1, CostLimits.MaxOutputTokens, "tokens of answer");
            Whole(typical.CachedPromptPercent, $"{path}.cachedPromptPercent", 0, 100, "per cent of the prompt served from a cache");
            Whole(typical.TokensPerExample, $"{path}.tokensPerExample", 1, CostLimits.MaxTokensPerExample, "tokens per training example");
            Whole(typical.PilotExamples, $"{path}.pilotExamples", 1, CostLimits.MaxTrainingExamples, "training examples for a pilot");
            Whole(typical.HorizonMonths, $"{path}.horizonMonths", 1, CostLimits.MaxHorizonMonths, "months compared");
        }

        private void Whole(long? value, string path, long min, long max, string what)
        {
            if (value is { } n && (n < min || n > max))
            {
                Problem(path, $"Must be from {N(min)} to {N(max)} ({what}).");
            }
        }

        private HashSet<string> Providers(IReadOnlyList<ProviderDocument> providers)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (providers.Count == 0)
            {
                Problem("$.providers", "At least one provider is needed.");
            }

            for (var i = 0; i < providers.Count; i++)
            {
                var path = $"$.providers[{i}]";
                var provider = providers[i];
                if (provider is null)
                {
                    Problem(path, "Must be an object.");
                    continue;
                }

                if (!ProviderIdPattern().IsMatch(provider.Id))
                {
                    Problem($"{path}.id", "Provider ids are 2–32 lower-case letters, digits or '-', starting with a letter (e.g. \"openai\").");
                }
                else if (!ids.Add(provider.Id))
                {
                    Problem($"{path}.id", $"Duplicate provider id '{provider.Id}'.");
                }

                Text(provider.Name, $"{path}.name", MaxNameLength, required: true);
                Url(provider.Website, $"{path}.website");
                Text(provider.Note, $"{path}.note", MaxNoteLength, required: false);
            }

            return ids;
        }

        private void Models(IReadOnlyList<ModelDocument> models, HashSet<string> providers)
        {
            if (models.Count == 0)
            {
                Problem("$.models", "At least one model is needed.");
            }

            // Ids are compared ignoring case too: two entries differing only in case would confuse every reader.
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < models.Count; i++)
            {
                var path = $"$.models[{i}]";
                var model = models[i];
                if (model is null)
                {
                    Problem(path, "Must be an object.");
                    continue;
                }

                var match = ModelIdPattern().Match(model.Id);
                if (!match.Success)
                {
                    Problem($"{path}.id", "Model ids read provider:model, e.g. \"openai:gpt-4o-mini-2024-07-18\": a provider id, a colon, then letters, digits, '.', '_', '-' or '/' (at most 128).");
                }
                else if (!providers.Contains(match.Groups["provider"].Value))
                {
                    Problem($"{path}.id", $"The provider '{match.Groups["provider"].Value}' is not in $.providers.");
                }

                if (seen.TryGetValue(model.Id, out var first))
                {
                    Problem($"{path}.id", $"Duplicate model id '{model.Id}' (first at $.models[{first}]).");
                }
                else
                {
                    seen[model.Id] = i;
                }

                Text(model.Name, $"{path}.name", MaxNameLength, required: true);
                var deployment = ParseDeployment(model.Deployment);
                if (deployment is null)
                {
                    Problem($"{path}.deployment", "Must be \"hosted_api\" (the provider runs it) or \"self_hosted\" (you run it).");
                }
                else if (deployment == Deployment.SelfHosted && !model.OpenWeights)
                {
                    Problem($"{path}.openWeights", "A self-hosted model needs open weights: set it to true, or make the deployment \"hosted_api\".");
                }

                if (model.TrainingExampleTokenLimit is { } limit && (limit < 1 || limit > MaxExampleTokenLimit))
                {
                    Problem($"{path}.trainingExampleTokenLimit", $"Must be from 1 to {N(MaxExampleTokenLimit)} tokens, or left out when not known.");
                }

                if (model.CacheMinimumTokens is { } minimum && (minimum < 0 || minimum > MaxExampleTokenLimit))
                {
                    Problem($"{path}.cacheMinimumTokens", $"Must be from 0 to {N(MaxExampleTokenLimit)} tokens, or left out when not known.");
                }

                Training(model.Training, $"{path}.training");
                Inference(model.Prompting, $"{path}.prompting");
                Inference(model.FineTuned, $"{path}.fineTuned");
                Status(model.Status, $"{path}.status");
                Text(model.Note, $"{path}.note", MaxNoteLength, required: false);
            }
        }

        private void Training(TrainingPriceDocument training, string path)
        {
            var perToken = training.PerMillionTokens is not null;
            var perHour = training.PerGpuHour is not null || training.TokensPerSecond is not null;
            if (perToken == perHour)
            {
                Problem(path, "Give either perMillionTokens (hosted training), or perGpuHour with tokensPerSecond (self-hosted), not both.");
            }
            else if (perToken)
            {
                Price(training.PerMillionTokens, $"{path}.perMillionTokens", MaxTokenPrice, "per million tokens");
            }
            else
            {
                Price(training.PerGpuHour, $"{path}.perGpuHour", MaxHourlyPrice, "per GPU-hour");
                if (training.TokensPerSecond is not { } rate)
                {
                    Problem($"{path}.tokensPerSecond", "Required with perGpuHour: how many training tokens a second one GPU gets through.");
                }
                else if (rate < 1 || rate > MaxTokensPerSecond)
                {
                    Problem($"{path}.tokensPerSecond", $"Must be from 1 to {N(MaxTokensPerSecond)} tokens a second.");
                }
            }

            Source(training.Source, training.CheckedOn, path);
        }

        private void Inference(InferencePriceDocument prices, string path)
        {
            var input = Price(prices.InputPerMillion, $"{path}.inputPerMillion", MaxTokenPrice, "per million tokens");
            Price(prices.OutputPerMillion, $"{path}.outputPerMillion", MaxTokenPrice, "per million tokens");
            if (prices.CachedInputPerMillion is { } cached
                && Price(cached, $"{path}.cachedInputPerMillion", MaxTokenPrice, "per million tokens")
                && input
                && cached > prices.InputPerMillion)
            {
                Problem($"{path}.cachedInputPerMillion", $"A cached input token ({Money(cached)}) cannot cost more than an uncached one ({Money(prices.InputPerMillion)}).");
            }

            if (prices.HostingPerHour is { } hosting)
            {
                Price(hosting, $"{path}.hostingPerHour", MaxHourlyPrice, "per hour");
            }

            Source(prices.Source, prices.CheckedOn, path);
        }

        private void Status(StatusDocument? status, string path)
        {
            if (status is null)
            {
                return;
            }

            var lastJobs = Date(status.NewJobsUntil, $"{path}.newJobsUntil", required: false);
            var shutdown = Date(status.ShutdownOn, $"{path}.shutdownOn", required: false);
            if (lastJobs is { } last && shutdown is { } off && last >= off)
            {
                Problem($"{path}.newJobsUntil", $"The last day for new jobs ({Day(last)}) must come before the shutdown ({Day(off)}).");
            }

            var restrictions = status.Restrictions ?? [];
            for (var i = 0; i < restrictions.Count; i++)
            {
                var restriction = restrictions[i];
                var at = $"{path}.restrictions[{i}]";
                if (restriction is null)
                {
                    Problem(at, "Must be an object.");
                    continue;
                }

                var from = Date(restriction.From, $"{at}.from", required: true);
                if (from is { } start && (lastJobs ?? shutdown) is { } end && start > end)
                {
                    Problem($"{at}.from", $"A restriction on new jobs must start by the last day for them ({Day(end)}).");
                }

                Text(restriction.Message, $"{at}.message", 500, required: true);
            }

            Source(status.Source, status.CheckedOn, path);
        }

        private void Source(string source, string checkedOn, string path)
        {
            Url(source, $"{path}.source");
            if (Date(checkedOn, $"{path}.checkedOn", required: true) is { } day)
            {
                if (day < EarliestCheck)
                {
                    Problem($"{path}.checkedOn", $"Must be {Day(EarliestCheck)} or later.");
                }
                else if (today is { } now && day > now)
                {
                    Problem($"{path}.checkedOn", $"{Day(day)} is in the future (today is {Day(now)}).");
                }
            }
        }

        private bool Price(decimal? value, string path, decimal max, string unit)
        {
            if (value is not { } price)
            {
                Problem(path, "Required.");
                return false;
            }

            if (price < 0)
            {
                Problem(path, "Must be 0 or more.");
                return false;
            }

            if (price > max)
            {
                Problem(path, $"{Money(price)} {unit} is over the {Money(max)} cap: check the decimal point (amounts are US dollars {unit}).");
                return false;
            }

            return true;
        }

        private DateOnly? Date(string? text, string path, bool required)
        {
            if (text is null)
            {
                if (required)
                {
                    Problem(path, "Required: a day written yyyy-mm-dd.");
                }

                return null;
            }

            var day = ParseDate(text);
            if (day is null)
            {
                Problem(path, $"'{Truncate(text)}' is not a day written yyyy-mm-dd (e.g. 2027-01-06).");
                return null;
            }

            if (day < EarliestDate || day > LatestDate)
            {
                Problem(path, $"Must be between {Day(EarliestDate)} and {Day(LatestDate)}.");
                return null;
            }

            return day;
        }

        private void Url(string? text, string path)
        {
            if (ParseUrl(text) is null)
            {
                Problem(path, $"Must be an absolute https:// address of at most {MaxUrlLength} characters (was '{Truncate(text ?? "")}').");
            }
        }

        private void Text(string? text, string path, int max, bool required)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    Problem(path, "Required.");
                }
                else if (text is not null)
                {
                    Problem(path, "Leave it out rather than blank.");
                }

                return;
            }

            if (text.Length > max)
            {
                Problem(path, $"At most {N(max)} characters (this has {N(text.Length)}).");
            }
            else if (text.Any(c => char.IsControl(c) && c is not '\n'))
            {
                Problem(path, "Holds a control character (only line breaks are allowed).");
            }
        }

        private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(decimal value) => CostText.Count(value);

    private static string Money(decimal amount) => CostText.Money(amount);
}
