using System.Net;
using System.Text.Json;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Api;

public sealed class OpenApiTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task GetOpenApiDocument_DescribesEveryApiRoute()
    {
        var client = _app.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = root.GetProperty("paths");

        var questionnaire = paths.GetProperty("/api/questionnaire").GetProperty("get");
        Assert.True(questionnaire.GetProperty("responses").TryGetProperty("200", out _));

        var create = paths.GetProperty("/api/assessments").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var createResponses = create.GetProperty("responses");
        Assert.True(createResponses.TryGetProperty("201", out _), createResponses.ToString());
        Assert.True(createResponses.TryGetProperty("400", out _), createResponses.ToString());

        var analyze = paths.GetProperty("/api/datasets/analyze").GetProperty("post");
        var bodies = analyze.GetProperty("requestBody").GetProperty("content");
        foreach (var type in new[] { "application/jsonl", "application/x-ndjson", "text/csv", "multipart/form-data" })
        {
            Assert.True(bodies.TryGetProperty(type, out _), type);
        }

        Assert.Equal("binary", bodies.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        var analyzeResponses = analyze.GetProperty("responses");
        Assert.True(analyzeResponses.GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _), analyzeResponses.ToString());
        foreach (var status in new[] { "400", "413", "415", "429" })
        {
            Assert.True(analyzeResponses.TryGetProperty(status, out _), status);
        }

        var get = paths.GetProperty("/api/assessments/{shareToken}").GetProperty("get");
        Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "shareToken");
        var getResponses = get.GetProperty("responses");
        Assert.True(getResponses.TryGetProperty("200", out _), getResponses.ToString());
        Assert.True(getResponses.TryGetProperty("404", out _), getResponses.ToString());
    }

    /// <summary>
    /// The 201 and the 200 are documented by the record the endpoint writes: the same property names as a real body,
    /// the secrets shown once not required, and the stored result described as the result it is.
    /// </summary>
    [Fact]
    public async Task GetOpenApiDocument_DescribesTheAssessmentAsTheEndpointWritesIt()
    {
        var client = _app.CreateClient();
        var created = await ApiAssessments.CreateAsync(client);

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        foreach (var (path, method, status) in new[] { ("/api/assessments", "post", "201"), ("/api/assessments/{shareToken}", "get", "200") })
        {
            var reference = root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
                .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
            Assert.Equal("#/components/schemas/AssessmentResponse", reference);
        }

        var response = schemas.GetProperty("AssessmentResponse");
        // dataEvidence is written only for an assessment whose data answers were measured from a sample, cost only for
        // one with cost answers (not this one).
        Assert.Equal(
            created.Body.AsObject().Select(p => p.Key).Append("dataEvidence").Append("cost").Order(StringComparer.Ordinal),
            response.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var required = response.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.DoesNotContain("shareToken", required);
        Assert.DoesNotContain("manageToken", required);
        Assert.DoesNotContain("dataEvidence", required);
        // A nullable reference is written as a oneOf/anyOf of the reference and null.
        var evidenceSchema = response.GetProperty("properties").GetProperty("dataEvidence");
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (evidenceSchema.TryGetProperty(keyword, out var choices))
            {
                evidenceSchema = choices.EnumerateArray().First(c => c.TryGetProperty("$ref", out _));
            }
        }

        var evidence = Resolve(schemas, evidenceSchema);
        Assert.Equal(["answeredDifferently", "answersAsMeasured", "measured", "summary"],
            evidence.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("result", required);

        var result = Resolve(schemas, response.GetProperty("properties").GetProperty("result"));
        Assert.Equal(
            created.Body["result"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal),
            result.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("object", Resolve(schemas, response.GetProperty("properties").GetProperty("answers")).GetProperty("type").GetString());
    }

    private static JsonElement Resolve(JsonElement schemas, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;
}
