using System.Text.Json;
using System.Text.Json.Serialization;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FineTuneAdvisor.Web.Api;

/// <summary><c>POST /api/assessments</c>: answers by question id; strings for text and choices, a number for counts, true/false for yes/no.</summary>
public sealed record CreateAssessmentRequest(IReadOnlyDictionary<string, JsonElement> Answers);

/// <summary>
/// A stored assessment as the API writes it (the 201 of a creation, every later read) and as <c>export.json</c>
/// downloads it. The answers and the result are the JSON stored when the assessment was saved, copied out unparsed:
/// scoring and serialising happened once. The secrets are only in the 201 that created it, shown that once.
/// </summary>
public sealed record AssessmentResponse(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ShareToken,
    string ShareUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ManageToken,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ManageUrl,
    DateTime CreatedAt,
    int RuleSetVersion,
    StoredJson<IReadOnlyDictionary<string, JsonElement>> Answers,
    StoredJson<AssessmentResult> Result)
{
    /// <summary>What the data answers were measured from; left out when no sample was measured.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Datasets.DataEvidenceExport? DataEvidence { get; init; }

    /// <summary>
    /// Will it pay for itself, and where can it still be fine-tuned: priced when read with the active provider catalogue
    /// on the clock's day (not stored); left out when no cost question was answered. See docs/architecture.md.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AssessmentCostDto? Cost { get; init; }

    /// <summary>The assessment as anyone holding <paramref name="shareUrl"/> reads it: no secret but the link itself.</summary>
    public static AssessmentResponse Read(AssessmentRow row, string shareUrl, Costs.AssessmentCosts costs)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(costs);
        var evidence = Datasets.DataEvidence.FromJson(row.DataEvidenceJson);
        return new(row.PublicId, null, shareUrl, null, null, DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc), row.RuleSetVersion,
            new(row.AnswersJson), new(row.ResultJson))
        {
            DataEvidence = Datasets.DataEvidenceExport.Of(row.DataEvidenceJson, row.AnswersJson),
            Cost = AssessmentCostDto.From(costs.For(AnswersJson.Deserialize(row.AnswersJson), evidence)),
        };
    }
}

/// <summary>
/// JSON of a <typeparamref name="T"/> as it was stored, written out unparsed; <typeparamref name="T"/> gives its shape
/// in the OpenAPI document.
/// </summary>
[JsonConverter(typeof(StoredJsonConverter))]
public readonly record struct StoredJson<T>(string Json);

/// <summary>Writes <see cref="StoredJson{T}"/> as the raw JSON it holds (and reads any JSON value into one).</summary>
public sealed class StoredJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert?.IsGenericType == true && typeToConvert.GetGenericTypeDefinition() == typeof(StoredJson<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    private sealed class Converter<T> : JsonConverter<StoredJson<T>>
    {
        public override StoredJson<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new(document.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, StoredJson<T> value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}

public sealed record QuestionnaireResponse(IReadOnlyList<SectionDto> Sections, IReadOnlyList<QuestionDto> Questions);

public sealed record SectionDto(string Id, string Title, string Intro);

/// <summary>One allowed value; <c>Unsure</c> marks an "I don't know yet" answer (its hint says what it counts as).</summary>
public sealed record ChoiceDto(string Value, string Label, string? Hint, bool Unsure);

public sealed record QuestionDto(
    string Id,
    string Section,
    string Type,
    IReadOnlyList<string> AllowedValues,
    IReadOnlyList<ChoiceDto> Choices,
    string Label,
    string Help,
    string Citation,
    long? Minimum,
    long? Maximum,
    [property: JsonConverter(typeof(RawJsonConverter))] string? AppliesWhen)
{
    /// <summary>True for the cost questions: may be left out, and a number may be <c>"not_sure"</c>.</summary>
    public bool Optional { get; init; }

    /// <summary>What a number counts: "tokens", "requests a month", "%"; null for other questions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Unit { get; init; }

    /// <summary>True when the answer may also be a model id of the provider catalogue (<c>GET /api/costs/catalogue</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ChoicesFromCatalogue { get; init; }

    public static QuestionDto From(Question q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var bounded = q.Type is QuestionType.Number or QuestionType.Text;
        return new(
            q.Id,
            q.Section,
            AnswersJson.TypeName(q),
            [.. q.Choices.Select(c => c.Value)],
            [.. q.Choices.Select(c => new ChoiceDto(c.Value, c.Label, c.Hint, c.Unsure))],
            q.Label,
            q.Help,
            q.Citation,
            bounded ? q.Minimum : null,
            bounded ? q.Maximum : null,
            q.AppliesWhen?.ToString())
        {
            Optional = q.Optional,
            Unit = q.Unit,
            ChoicesFromCatalogue = q.ChoicesFromCatalogue,
        };
    }
}

/// <summary>
/// Writes a string holding JSON as that JSON (null as null): a question's <c>appliesWhen</c> is a condition in the
/// rule-set format, e.g. <c>{"not":{"question":"bias_risk","equals":"low"}}</c>; null means it is always asked.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(value);
        }
    }
}

/// <summary>
/// Makes the OpenAPI document say what the JSON holds: a <see cref="StoredJson{T}"/> is the schema of its <c>T</c>
/// (not the opaque value its converter makes it look like), and a property left out when null (the secrets of a 201)
/// is not required.
/// </summary>
public sealed class ApiSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var info = context.JsonTypeInfo;
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: false)
                .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.WhenWritingNull) == true)
            {
                schema.Required?.Remove(property.Name);
            }
        }

        if (info.Type.IsGenericType && info.Type.GetGenericTypeDefinition() == typeof(StoredJson<>))
        {
            var held = await context.GetOrCreateSchemaAsync(info.Type.GetGenericArguments()[0], null, cancellationToken);
            schema.Type = held.Type;
            schema.Properties = held.Properties;
            schema.Required = held.Required;
            schema.AdditionalProperties = held.AdditionalProperties;
            schema.AdditionalPropertiesAllowed = held.AdditionalPropertiesAllowed;
            schema.Description = held.Description;
        }
    }
}
