using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Api;

/// <summary>
/// The API's JSON for the golden cases' answers, held with those answers in Api/Snapshots/golden-api-responses.json:
/// refactoring must not change what outside clients read. Only the per-request secrets and ids are left out. A
/// deliberate change of the contract regenerates the file from GoldenCases/golden-cases.json with
/// UPDATE_API_SNAPSHOT=1 and says so in its commit.
/// </summary>
public sealed class GoldenApiSnapshotTests : IDisposable
{
    private static readonly string SnapshotPath = Path.Combine(AppContext.BaseDirectory, "Api", "Snapshots", "golden-api-responses.json");
    private static readonly string[] Volatile = ["id", "shareToken", "shareUrl", "manageToken", "manageUrl", "createdAt"];

    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task GoldenCases_ApiResponses_MatchTheSnapshot()
    {
        using var client = _app.CreateClient();
        var update = Environment.GetEnvironmentVariable("UPDATE_API_SNAPSHOT") == "1";
        var actual = new JsonObject();
        foreach (var golden in update ? GoldenCases() : Snapshot().Select(c => c.Value!))
        {
            var answers = golden["answers"]!.AsObject();
            using var content = ApiAssessments.Json(new JsonObject { ["answers"] = answers.DeepClone() }.ToJsonString());
            using var response = await client.PostAsync("/api/assessments", content);
            var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            var token = created["shareToken"]!.GetValue<string>();
            var read = JsonNode.Parse(await client.GetStringAsync($"/api/assessments/{token}"))!.AsObject();
            // What the 201 says and what a later read says are the same document, less the secrets shown once.
            Assert.True(JsonNode.DeepEquals(WithoutVolatile(created), WithoutVolatile(read)), $"Created and read differ for '{golden["name"]}'.");
            actual[golden["name"]!.GetValue<string>()] = new JsonObject
            {
                ["name"] = golden["name"]!.GetValue<string>(),
                ["answers"] = answers.DeepClone(),
                ["status"] = (int)response.StatusCode,
                ["response"] = WithoutVolatile(read),
            };
        }

        var json = actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        if (update)
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Api", "Snapshots", "golden-api-responses.json"));
            await File.WriteAllTextAsync(source, json + "\n");
        }

        var expected = Snapshot();
        Assert.NotEmpty(expected);
        foreach (var (name, node) in expected)
        {
            Assert.True(JsonNode.DeepEquals(node, actual[name]), $"The API's JSON for golden case '{name}' changed:\n{actual[name]}");
        }
    }

    private static JsonObject Snapshot() => JsonNode.Parse(File.ReadAllText(SnapshotPath))!.AsObject();

    private static IEnumerable<JsonNode> GoldenCases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "GoldenCases", "golden-cases.json");
        return JsonNode.Parse(File.ReadAllText(path))!["cases"]!.AsArray().Select(c => c!);
    }

    private static JsonObject WithoutVolatile(JsonObject body)
    {
        var copy = body.DeepClone().AsObject();
        foreach (var name in Volatile)
        {
            copy.Remove(name);
        }

        return copy;
    }
}
