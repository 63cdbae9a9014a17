using System.Text.Json;
using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Compare;
using FineTuneAdvisor.Web.Pages.Results;
using FluentValidation;
using Microsoft.AspNetCore.OutputCaching;

namespace FineTuneAdvisor.Web.Api;

/// <summary>The JSON API of the spec. Validation is the questionnaire's own validator; errors are ProblemDetails naming every bad field.</summary>
public static class AssessmentsApi
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const string GetAssessmentName = "GetAssessment";

    /// <summary>How deep a body may nest: the contract needs two levels; anything far deeper is refused unread.</summary>
    private const int MaxDepth = 16;

    /// <summary>
    /// The request binds to <see cref="CreateAssessmentRequest"/> and nothing else: a property it does not declare, a
    /// key sent twice (JSON parsers disagree on which copy wins) or a missing "answers" is refused, not guessed at.
    /// </summary>
    private static readonly JsonSerializerOptions StrictJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = MaxDepth,
    };

    /// <summary>The same less the two rules that stop at their first offence, to find what else is wrong once one was.</summary>
    private static readonly JsonSerializerOptions LenientJson = new(StrictJson)
    {
        AllowDuplicateProperties = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private const string AnswersRequired = "Required: an object of answers by question id, e.g. {\"answers\": {\"domain\": \"general\"}}.";

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

        // Kept by the output cache like the share page (SharePageCache: evicted on every change, bounded, never for an owner).
        api.MapGet("/assessments/{shareToken}", GetAsync)
            .RequireRateLimiting(RateLimitingSetup.SharedLinks)
            .CacheOutput(SharePageCache.PolicyName)
            .WithName(GetAssessmentName)
            .WithSummary("A stored assessment and its result. Unknown, malformed or revoked tokens all answer 404.")
            .Produces<AssessmentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/compare", CompareAsync)
            .RequireRateLimiting(RateLimitingSetup.SharedLinks)
            .WithName("CompareAssessments")
            .WithSummary("Two assessments side by side, by their share tokens (or links): changed answers, verdict and score change, per-criterion deltas, rules that started or stopped firing.")
            .Produces<AssessmentComparison>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        return app;
    }

    private static async Task<IResult> CompareAsync(string? a, string? b, AssessmentService assessments, CancellationToken cancellationToken)
    {
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
            : TypedResults.Ok(Comparisons.Compare(before.Answers, before.Result, after.Answers, after.Result));
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IValidator<AnswersInput> validator, AssessmentService assessments, Links links, Costs.AssessmentCosts costs, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem("Send the answers as JSON with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        using var body = await BoundedBody.ReadAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem($"The request body is over the {MaxBodyBytes / 1024:N0} KiB limit.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var raw = Bind(body.Memory, errors);
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
        return TypedResults.Created(links.ApiAssessment(token), AssessmentResponse.Read(created.Row, links.ShareUrl(token), costs) with
        {
            ShareToken = token,
            ManageToken = created.ManageToken,
            ManageUrl = links.ManageUrl(created.ManageToken),
        });
    }

    private static async Task<IResult> GetAsync(HttpContext context, string shareToken, AssessmentService assessments, Links links, Costs.AssessmentCosts costs, CancellationToken cancellationToken)
    {
        var row = await assessments.FindRowAsync(shareToken, cancellationToken);
        if (row is { CanLapse: true })
        {
            // The output cache keeps answers by wall-clock time; one an expiry will change is never served from it.
            context.Features.Get<IOutputCacheFeature>()?.Context.AllowCacheStorage = false;
        }

        return row is null
            ? TypedResults.Problem("No shared assessment at this address.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(AssessmentResponse.Read(row, links.ShareUrl(shareToken), costs));
    }

    /// <summary>
    /// Binds the body to <see cref="CreateAssessmentRequest"/> and its answers to raw answer strings, naming every
    /// problem by its place in the body (<c>answers.example_count</c>); null when there are no answers to check.
    /// </summary>
    private static Dictionary<string, string?>? Bind(ReadOnlyMemory<byte> body, Dictionary<string, string[]> errors)
    {
        // Malformed or too deep: nothing else can be said about it.
        try
        {
            var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = MaxDepth });
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            errors["body"] = [$"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."];
            return null;
        }

        // A top-level name JSON escapes as half a surrogate pair is no text at all: it cannot even be quoted back.
        if (HasUnreadableTopLevelName(body.Span))
        {
            errors["body"] = ["A field name holds a lone surrogate escape such as \\ud800."];
            return null;
        }

        if (Deserialize(body.Span, StrictJson, out var request) is not { } refused)
        {
            return request is null ? Required(errors) : ReadAnswers(request.Answers, errors);
        }

        // The strict reader stops at its first refusal. Where the lenient one gets past it, that was a key sent twice
        // or one the contract does not have; what the lenient one still cannot read is the body's shape.
        var broken = Deserialize(body.Span, LenientJson, out request);
        if (broken?.Path != refused.Path)
        {
            var (field, message) = Refusal(refused.Path);
            errors[field] = [message];
        }

        if (broken is not null)
        {
            var (field, message) = broken.Path is "$.answers" && broken.InnerException is InvalidOperationException
                ? (UnreadableIdField(body), "The question id is not valid text (it holds a lone surrogate escape).")
                : (broken.Path is null or "$" or "$.answers" ? "answers" : FieldOf(broken.Path), AnswersRequired);
            errors.TryAdd(field, [message]);
            return null;
        }

        // A second "answers" leaves no answers to trust; anything else refused leaves the answers worth checking.
        return request is null || refused.Path == "$.answers" ? null : ReadAnswers(request.Answers, errors);
    }

    private static bool HasUnreadableTopLevelName(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static JsonException? Deserialize(ReadOnlySpan<byte> body, JsonSerializerOptions options, out CreateAssessmentRequest? request)
    {
        try
        {
            request = JsonSerializer.Deserialize<CreateAssessmentRequest>(body, options);
            return null;
        }
        catch (JsonException e)
        {
            request = null;
            return e;
        }
    }

    private static Dictionary<string, string?>? Required(Dictionary<string, string[]> errors)
    {
        errors["answers"] = [AnswersRequired];
        return null;
    }

    /// <summary>What the strict rules refused at <paramref name="path"/>: a key sent twice, or one the contract does not have.</summary>
    private static (string Field, string Message) Refusal(string? path)
    {
        var field = FieldOf(path);
        return field switch
        {
            "answers" => (field, "Sent twice: give one \"answers\" object."),
            _ when field.StartsWith("answers.", StringComparison.Ordinal) => (field, "Answered twice."),
            _ => (field, "Unknown property: the body has only \"answers\"."),
        };
    }

    /// <summary>
    /// Every answer as the raw string the validator checks; a value of the wrong JSON type is named here. An answer to a
    /// question that does not apply is never refused, whatever it holds: it is dropped (the spec: existing clients send
    /// all twenty answers).
    /// </summary>
    private static Dictionary<string, string?> ReadAnswers(IReadOnlyDictionary<string, JsonElement> answers, Dictionary<string, string[]> errors)
    {
        var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
        var wrongType = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in answers)
        {
            if (QuestionCatalogue.Find(id) is not { } question)
            {
                // Still handed to the validator, which names unknown ids in its own words.
                raw[id] = null;
            }
            else if (AnswersJson.Read(question, value, out var problem) is { } text)
            {
                raw[id] = text;
            }
            else
            {
                wrongType[id] = problem!;
            }
        }

        foreach (var (id, problem) in wrongType)
        {
            if (AnswersValidator.Applies(QuestionCatalogue.Find(id)!, raw))
            {
                errors[$"answers.{id}"] = [problem];
            }
        }

        // Checked against the acceptable answers, worked out once (not once per question) and again only after a removal,
        // since a later question may hinge on the one removed.
        var valid = AnswersValidator.Valid(raw);
        foreach (var question in QuestionCatalogue.Questions)
        {
            if (raw.ContainsKey(question.Id) && !question.AppliesTo(valid))
            {
                raw.Remove(question.Id);
                valid = AnswersValidator.Valid(raw);
            }
        }

        return raw;
    }

    /// <summary><c>$.answers.domain</c> or <c>$['answers']['my id']</c> (a JSON path) becomes <c>answers.domain</c>.</summary>
    private static string FieldOf(string? path)
    {
        var segments = new List<string>();
        var rest = (path ?? "$").AsSpan(1);
        while (rest.Length > 0)
        {
            if (rest.StartsWith("['"))
            {
                var end = rest.IndexOf("']");
                end = end < 0 ? rest.Length : end;
                segments.Add(rest[2..end].ToString().Replace("\\'", "'", StringComparison.Ordinal));
                rest = rest[Math.Min(rest.Length, end + 2)..];
            }
            else
            {
                rest = rest.TrimStart('.');
                var end = rest.IndexOfAny('.', '[');
                end = end < 0 ? rest.Length : end;
                segments.Add(rest[..end].ToString());
                rest = rest[end..];
            }
        }

        return segments.Count == 0 ? "body" : string.Join('.', segments);
    }

    /// <summary><c>answers[n]</c>: the n-th answer's id holds a lone surrogate escape, so it cannot be named by itself.</summary>
    private static string UnreadableIdField(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.TryGetProperty("answers", out var answers) && answers.ValueKind == JsonValueKind.Object)
        {
            var index = 0;
            foreach (var answer in answers.EnumerateObject())
            {
                index++;
                try
                {
                    _ = answer.Name;
                }
                catch (InvalidOperationException)
                {
                    return $"answers[{index}]";
                }
            }
        }

        return "answers";
    }

    /// <summary><c>Answers[domain]</c> (the form's key) becomes <c>answers.domain</c> (the JSON path).</summary>
    private static string ApiKey(string propertyName) =>
        propertyName.StartsWith("Answers[", StringComparison.Ordinal) && propertyName.EndsWith(']')
            ? $"answers.{propertyName[8..^1]}"
            : propertyName;
}
