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
}
