using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>Drives the JSON API the way an outside client does; shared by the API, page and infrastructure tests.</summary>
public static class ApiAssessments
{
    /// <summary>Answers of <see cref="Answers.StrongCase"/> with their JSON types, ready to be changed one by one.</summary>
    public static Dictionary<string, object?> TypedStrongCase() =>
        Answers.ToJson(Answers.StrongCase()).ToDictionary(a => a.Key, a => (object?)a.Value?.DeepClone(), StringComparer.Ordinal);

    public static string Body(IReadOnlyDictionary<string, object?> answers) =>
        System.Text.Json.JsonSerializer.Serialize(new { answers });

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>POSTs the answers, checks the 201 and returns the share token with the parsed body.</summary>
    public static async Task<CreatedAssessment> CreateAsync(HttpClient client, IReadOnlyDictionary<string, string>? answers = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = Json(Answers.ToJsonBody(answers ?? Answers.StrongCase()));
        using var response = await client.PostAsync("/api/assessments", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return new CreatedAssessment(body["shareToken"]!.GetValue<string>(), body, response.Headers.Location);
    }

    /// <summary>A body streamed without Content-Length (chunked), so the server only learns its size by reading it.</summary>
    public sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            const int chunk = 16 * 1024;
            for (var offset = 0; offset < _bytes.Length; offset += chunk)
            {
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(chunk, _bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

public sealed record CreatedAssessment(string ShareToken, JsonNode Body, Uri? Location)
{
    public string ManageToken => Body["manageToken"]!.GetValue<string>();
    public string PublicId => Body["id"]!.GetValue<string>();
}
