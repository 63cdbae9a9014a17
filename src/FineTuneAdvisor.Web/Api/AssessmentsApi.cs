using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Compare;
using FineTuneAdvisor.Web.Pages.Assess;
using FluentValidation;

namespace FineTuneAdvisor.Web.Api;

/// <summary>The JSON API of the spec. Validation is the questionnaire's own validator; errors are ProblemDetails naming every bad field.</summary>
public static class AssessmentsApi
{
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly QuestionnaireResponse Questionnaire = new(
        [.. QuestionCatalogue.Sections.Select(s => new SectionDto(s.Id, s.Title, s.Intro))],
        [.. QuestionCatalogue.Questions.Select(QuestionDto.From)]);

    public static IEndpointRouteBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Assessments").AllowAnonymous();

        api.MapGet("/questionnaire", () => TypedResults.Ok(Questionnaire))
            .WithName("GetQuestionnaire")
            .WithSummary("Every question: id, section, type, allowed values, label and help.");

        api.MapPost("/assessments", CreateAsync)
            .RequireRateLimiting(RateLimitingSetup.ApiWrites)
            .WithName("CreateAssessment")
            .WithSummary("Scores a complete set of answers and stores it; the share token in the response is shown only once.")
            .Accepts<CreateAssessmentRequest>("application/json")
            .Produces<AssessmentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/assessments/{shareToken}", GetAsync)
            .RequireRateLimiting(RateLimitingSetup.SharedLinks)
            .WithName("GetAssessment")
            .WithSummary("A stored assessment and its result. Unknown, malformed or revoked tokens all answer 404.")
            .Produces<AssessmentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/compare", CompareAsync)
            .RequireRateLimiting(RateLimitingSetup.SharedLinks)
            .WithName("CompareAssessments")
            .WithSummary("Two assessments side by side, by their share tokens (or links): changed answers, verdict and score change, per-criterion deltas, rules that started or stopped firing.")
            .Produces<FineTuneAdvisor.Scoring.Evaluation.AssessmentComparison>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        return app;
    }

    private static async Task<IResult> CompareAsync(string? a, string? b, HttpContext context, AssessmentService assessments, CancellationToken cancellationToken)
    {
        context.Response.MarkAsCapability();
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(a))
        {
            missing["a"] = ["Required: the first assessment's share token or link."];
        }

        if (string.IsNullOrWhiteSpace(b))
        {
            missing["b"] = ["Required: the second assessment's share token or link."];
        }

        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing);
        }

        var before = await ShareReference.FindAsync(assessments, a, cancellationToken);
        var after = await ShareReference.FindAsync(assessments, b, cancellationToken);
        return before is null || after is null
            ? TypedResults.Problem("No shared assessment at one of these links.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(FineTuneAdvisor.Scoring.Evaluation.Comparisons.Compare(before.Answers, before.Result, after.Answers, after.Result));
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IValidator<AnswersInput> validator, AssessmentService assessments, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem("Send the answers as JSON with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        using var body = await ReadBodyAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem($"The request body is over the {MaxBodyBytes / 1024:N0} KiB limit.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var raw = ParseAnswers(body.Memory, errors);
        if (raw is not null)
        {
            var validation = await validator.ValidateAsync(new AnswersInput(raw), cancellationToken);
            foreach (var error in validation.Errors)
            {
                errors.TryAdd(ApiKey(error.PropertyName), [error.ErrorMessage]);
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Some answers are missing or invalid.");
        }

        var created = await assessments.CreateAsync(AnswersValidator.ToAnswerSet(raw!), null, cancellationToken);
        var token = created.ShareToken;
        return new AssessmentJsonResult(created.Row, token, ShareUrl(context.Request, token), StatusCodes.Status201Created, $"/api/assessments/{token}")
        {
            Manage = (created.ManageToken, ManageUrl(context.Request, created.ManageToken)),
        };
    }

    private static async Task<IResult> GetAsync(
        string shareToken, HttpContext context, AssessmentService assessments, CancellationToken cancellationToken)
    {
        var row = await assessments.FindRowAsync(shareToken, cancellationToken);
        context.Response.MarkAsCapability();
        return row is null
            ? TypedResults.Problem("No shared assessment at this address.", statusCode: StatusCodes.Status404NotFound)
            : new AssessmentJsonResult(row, null, ShareUrl(context.Request, shareToken), StatusCodes.Status200OK);
    }

    public static string ShareUrl(HttpRequest request, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}/a/{token}";
    }

    public static string ManageUrl(HttpRequest request, string manageToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}/manage/{manageToken}";
    }

    /// <summary>
    /// Reads at most <see cref="MaxBodyBytes"/>; null when the body is larger. Enforced here, not only by Kestrel,
    /// so the limit holds on every server.
    /// </summary>
    private static async Task<IMemoryOwner<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var owner = MemoryPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        var buffer = owner.Memory[..(MaxBodyBytes + 1)];
        var total = 0;
        int read;
        try
        {
            while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer[total..], cancellationToken)) > 0)
            {
                total += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (the same 1 MiB) stopped a body with no Content-Length first.
            owner.Dispose();
            return null;
        }

        if (total > MaxBodyBytes)
        {
            owner.Dispose();
            return null;
        }

        return new Slice(owner, total);
    }

    /// <summary>
    /// Turns <c>{"answers": {...}}</c> into raw answer strings, naming every value of the wrong JSON type
    /// and every unknown id. Null when the body is not an object with an answers object.
    /// </summary>
    private static Dictionary<string, string?>? ParseAnswers(ReadOnlyMemory<byte> json, Dictionary<string, string[]> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            errors["body"] = [$"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."];
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count(p => p.Name == "answers") > 1)
            {
                // JSON parsers disagree on which copy wins; refuse rather than pick one silently.
                errors["answers"] = ["Sent twice: give one \"answers\" object."];
                return null;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("answers", out var answers) || answers.ValueKind != JsonValueKind.Object)
            {
                errors["answers"] = ["Required: an object of answers by question id, e.g. {\"answers\": {\"domain\": \"general\"}}."];
                return null;
            }

            foreach (var property in root.EnumerateObject().Where(p => p.Name != "answers"))
            {
                errors[property.Name] = ["Unknown property: the body has only \"answers\"."];
            }

            var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
            var index = 0;
            foreach (var answer in answers.EnumerateObject())
            {
                index++;
                if (!TryReadName(answer, out var name))
                {
                    errors[$"answers[{index}]"] = ["The question id is not valid text (it holds a lone surrogate escape)."];
                    continue;
                }

                var key = $"answers.{name}";
                if (raw.ContainsKey(answer.Name))
                {
                    errors[key] = ["Answered twice."];
                    continue;
                }

                var question = QuestionCatalogue.Find(answer.Name);
                if (question is null)
                {
                    // Still handed to the validator, which names unknown ids in its own words.
                    raw[answer.Name] = null;
                    continue;
                }

                var value = answer.Value;
                switch (question.Type)
                {
                    case QuestionType.Number when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n):
                        raw[answer.Name] = n.ToString(CultureInfo.InvariantCulture);
                        break;
                    case QuestionType.Number:
                        errors[key] = ["Must be a whole number, e.g. 2500."];
                        break;
                    case QuestionType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        raw[answer.Name] = value.GetBoolean() ? "true" : "false";
                        break;
                    case QuestionType.Boolean:
                        errors[key] = ["Must be true or false."];
                        break;
                    case QuestionType.Text or QuestionType.Choice when value.ValueKind == JsonValueKind.String:
                        if (TryReadString(value, out var text))
                        {
                            raw[answer.Name] = text;
                        }
                        else
                        {
                            errors[key] = ["Not valid text: it holds a lone surrogate escape such as \\ud800."];
                        }

                        break;
                    default:
                        errors[key] = [question.Type == QuestionType.Choice
                            ? $"Must be a string, one of: {string.Join(", ", question.Choices.Select(c => c.Value))}."
                            : "Must be a string."];
                        break;
                }
            }

            return raw;
        }
    }

    /// <summary>JSON may escape half of a surrogate pair, which is no valid string: say so instead of failing.</summary>
    private static bool TryReadString(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static bool TryReadName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary><c>Answers[domain]</c> (the form's key) becomes <c>answers.domain</c> (the JSON path).</summary>
    private static string ApiKey(string propertyName) =>
        propertyName.StartsWith("Answers[", StringComparison.Ordinal) && propertyName.EndsWith(']')
            ? $"answers.{propertyName[8..^1]}"
            : propertyName;

    private sealed class Slice(IMemoryOwner<byte> owner, int length) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => owner.Memory[..length];

        public void Dispose() => owner.Dispose();
    }
}
