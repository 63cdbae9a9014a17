using System.Text.Json;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Infrastructure;
using FluentValidation;

namespace FineTuneAdvisor.Web.Api;

/// <summary>
/// Will fine-tuning pay for itself, and where can it still be done? The cost model and availability of the scoring
/// library over the active provider catalogue, on the server clock's UTC date. The body is read strictly: each value
/// must have its JSON type (numbers not in quotes), unknown and repeated fields are refused, and every bad field is
/// named in one ProblemDetails.
/// </summary>
public static class CostsApi
{
    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapCostsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Parsed and validated now: a broken catalogue stops start-up rather than failing a user's request.
        _ = app.ServiceProvider.GetRequiredService<ActiveCatalogue>().Current;

        var api = app.MapGroup("/api/costs").WithTags("Costs").AllowAnonymous();

        api.MapPost("/estimate", EstimateAsync)
            .RequireRateLimiting(RateLimitingSetup.ApiWrites)
            .WithName("EstimateCosts")
            .WithSummary("Prompting versus fine-tuning for one catalogue model: cost per call, training, break-even, a low/base/high range, "
                + "totals over the horizon (cut at the model's shutdown), and whether it can still be fine-tuned today, with alternatives.")
            .Accepts<CostEstimateRequest>("application/json")
            .Produces<CostEstimateResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // The typical block is written out in full, defaults included, even for a catalogue stored before it existed:
        // a client sees every value an assessment assumes for an unanswered cost question.
        api.MapGet("/catalogue", (ActiveCatalogue catalogue) =>
                TypedResults.Text(CatalogueLoader.Write(catalogue.Current.Document with { Typical = catalogue.Current.Typical.ToDocument() }), "application/json"))
            .WithName("GetCostCatalogue")
            .WithSummary("The provider catalogue estimates use: the typical values assumed for unanswered cost questions, models (ids for \"model\"), prices in US dollars per million tokens, end dates, and each figure's source and check date.")
            .Produces<CatalogueDocument>(contentType: "application/json");

        return app;
    }

    private static async Task<IResult> EstimateAsync(
        HttpContext context, IValidator<CostEstimateInput> validator, ActiveCatalogue catalogue, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem("Send the inputs as JSON with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        using var body = await BoundedBody.ReadAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem($"The request body is over the {MaxBodyBytes / 1024} KiB limit.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var input = Parse(body.Memory, errors);
        if (input is not null)
        {
            var validation = await validator.ValidateAsync(input, cancellationToken);
            foreach (var error in validation.Errors)
            {
                var key = JsonNamingPolicy.CamelCase.ConvertName(error.PropertyName);
                // A value of the wrong JSON type was already named (and left unset): "Required" would only confuse.
                if (!(errors.ContainsKey(key) && error.ErrorMessage.StartsWith("Required", StringComparison.Ordinal)))
                {
                    Add(errors, key, error.ErrorMessage);
                }
            }
        }

        // One snapshot: a catalogue published meanwhile cannot mix with this one.
        var current = catalogue.Current;
        var model = current.Find(input?.Model);
        if (errors.Count == 0 && model is null)
        {
            Add(errors, "model", "The provider catalogue changed while this request was read; send it again.");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal),
                title: "Some inputs are missing or invalid.");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var estimate = CostModel.Estimate(input!.ToCostInputs(), model!, today);
        var availability = Availability.Check(current, input.Hosting ?? HostingAnswers.Undecided, model!.Id, today);
        return TypedResults.Ok(CostEstimateResponse.From(estimate, availability, current));
    }

    /// <summary>The body's fields into an input, naming each of the wrong JSON type, unknown or repeated. Null when it is no JSON object.</summary>
    private static CostEstimateInput? Parse(ReadOnlyMemory<byte> json, Dictionary<string, List<string>> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            Add(errors, "body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}). Numbers are written plainly: NaN and Infinity are not JSON.");
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                Add(errors, "body", "The body must be a JSON object of inputs, e.g. {\"model\": \"openai:gpt-4o-mini-2024-07-18\", \"requestsPerMonth\": 100000, …}.");
                return null;
            }

            var input = new CostEstimateInput();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!TryRead(() => property.Name, out var name))
                {
                    Add(errors, "body", "A field name holds a lone surrogate escape such as \\ud800.");
                    continue;
                }

                if (!seen.Add(name))
                {
                    // JSON parsers disagree on which copy wins; refuse rather than pick one silently.
                    Add(errors, name, "Sent twice: give it once.");
                    continue;
                }

                var value = property.Value;
                input = name switch
                {
                    "model" => input with { Model = Text(value, name, errors) },
                    "hosting" => input with { Hosting = Text(value, name, errors) },
                    "requestsPerMonth" => input with { RequestsPerMonth = Whole(value, name, errors) },
                    "promptTokens" => input with { PromptTokens = Whole(value, name, errors) },
                    "promptTokensAfterFineTuning" => input with { PromptTokensAfterFineTuning = Whole(value, name, errors) },
                    "userTokens" => input with { UserTokens = Whole(value, name, errors) },
                    "outputTokens" => input with { OutputTokens = Whole(value, name, errors) },
                    "cachedShare" => input with { CachedShare = Share(value, name, errors) },
                    "trainingExamples" => input with { TrainingExamples = Whole(value, name, errors) },
                    "tokensPerExample" => input with { TokensPerExample = Whole(value, name, errors) },
                    "trainingTokens" => input with { TrainingTokens = Whole(value, name, errors) },
                    "epochs" => input with { Epochs = Small(value, name, errors) },
                    "trainingRuns" => input with { TrainingRuns = Small(value, name, errors) },
                    "retrainsPerYear" => input with { RetrainsPerYear = Small(value, name, errors) },
                    "horizonMonths" => input with { HorizonMonths = Small(value, name, errors) },
                    _ => Unknown(input, name, errors),
                };
            }

            return input;
        }
    }

    private static readonly string[] FieldNames =
    [
        "model", "hosting", "requestsPerMonth", "promptTokens", "promptTokensAfterFineTuning", "userTokens", "outputTokens", "cachedShare",
        "trainingExamples", "tokensPerExample", "trainingTokens", "epochs", "trainingRuns", "retrainsPerYear", "horizonMonths",
    ];

    private static CostEstimateInput Unknown(CostEstimateInput input, string name, Dictionary<string, List<string>> errors)
    {
        Add(errors, name, $"Unknown field. The fields are: {string.Join(", ", FieldNames)}.");
        return input;
    }

    // JSON null is "not given": the validator then says what is required.
    private static string? Text(JsonElement value, string name, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && TryRead(value.GetString, out var text))
        {
            return text;
        }

        Add(errors, name, value.ValueKind == JsonValueKind.String ? "Not valid text: it holds a lone surrogate escape such as \\ud800." : "Must be a string.");
        return null;
    }

    private static long? Whole(JsonElement value, string name, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        Add(errors, name, WholeProblem(value, long.MaxValue));
        return null;
    }

    private static int? Small(JsonElement value, string name, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Add(errors, name, WholeProblem(value, int.MaxValue));
        return null;
    }

    private static string WholeProblem(JsonElement value, double max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && Math.Abs(number) > max
            ? "Far out of range for this field."
            : "Must be a whole number, written without quotes or a decimal point, e.g. 2000.";

    private static decimal? Share(JsonElement value, string name, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var share))
        {
            return share;
        }

        Add(errors, name, "Must be a number from 0 to 1, not in quotes, e.g. 0.8.");
        return null;
    }

    /// <summary>JSON may escape half of a surrogate pair, which no .NET string can hold: say so instead of failing.</summary>
    private static bool TryRead(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var messages))
        {
            errors[key] = messages = [];
        }

        messages.Add(message);
    }
}
