using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Tests.Datasets;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Api;

public sealed class DatasetsApiTests : IDisposable
{
    private const string Marker = "PLANTED-MARKER-7Q2X";

    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static string Sample => Samples.Lines(
    [
        .. Samples.VariedChats(30),
        Samples.Chat($"My card is 4111 1111 1111 1111 and {Marker}", "Thanks."),
        """{"messages": [{"role": "user", "content": "no answer"}]}""",
    ]);

    private static ByteArrayContent Body(string text, string mediaType = "application/jsonl")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static void AssertSpecShape(JsonElement report)
    {
        Assert.Equal("chat_jsonl", report.GetProperty("format").GetString());
        Assert.Equal(32, report.GetProperty("examples").GetInt32());
        Assert.Equal(31, report.GetProperty("validExamples").GetInt32());
        Assert.Equal(1, report.GetProperty("formatErrors").GetProperty("example_missing_assistant_message").GetInt32());
        var tokens = report.GetProperty("tokens");
        Assert.Equal("o200k_base", tokens.GetProperty("encoding").GetString());
        Assert.True(tokens.GetProperty("total").GetInt64() > 0);
        foreach (var name in new[] { "min", "p10", "median", "p90", "max" })
        {
            Assert.True(tokens.GetProperty("perExample").GetProperty(name).GetDouble() > 0, name);
        }

        Assert.Equal(0, report.GetProperty("overLimit").GetInt32());
        Assert.Equal(3, report.GetProperty("epochs").GetInt32()); // 31 valid × 3 = 93 < 100 → 100 // 31
        Assert.Equal(3 * report.GetProperty("billedTokensPerEpoch").GetInt64(), report.GetProperty("billedTrainingTokens").GetInt64());
        Assert.Equal(0, report.GetProperty("duplicates").GetProperty("exact").GetInt32());
        Assert.Equal(0, report.GetProperty("duplicates").GetProperty("near").GetInt32());
        Assert.Equal(1, report.GetProperty("pii").GetProperty("payment_card").GetInt32());
        var suggested = report.GetProperty("suggestedAnswers");
        Assert.Equal(31, suggested.GetProperty("example_count").GetInt32());
        Assert.Equal("partially_reviewed", suggested.GetProperty("data_quality").GetString()); // 1 error in 32 examples: at most 5%
        Assert.Equal("regulated", suggested.GetProperty("data_sensitivity").GetString());
        Assert.Equal(DatasetAnalyzer.Version, report.GetProperty("analyzerVersion").GetString());
    }

    [Fact]
    public async Task Analyze_JsonlBody_AnswersTheReportWithTheSpecsFields()
    {
        var client = _app.CreateClient();

        using var response = await client.PostAsync("/api/datasets/analyze", Body(Sample));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await JsonOf(response);
        AssertSpecShape(report);
        Assert.DoesNotContain(Marker, report.ToString());
        Assert.DoesNotContain("4111 1111", report.ToString());
        Assert.DoesNotContain(_app.Logs.AllText(), text => text.Contains(Marker, StringComparison.Ordinal) || text.Contains("4111", StringComparison.Ordinal));
        Assert.NotEmpty(await _app.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("Analysed a {Format} sample", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("application/jsonl; charset=utf-8")]
    public async Task Analyze_OtherJsonlContentTypes_AreAccepted(string mediaType)
    {
        var client = _app.CreateClient();
        using var content = Body(Sample);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);

        using var response = await client.PostAsync("/api/datasets/analyze", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Analyze_CsvBody_IsDetected()
    {
        var client = _app.CreateClient();

        using var response = await client.PostAsync("/api/datasets/analyze", Body("prompt,completion\nhi,hello\n", "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("csv", (await JsonOf(response)).GetProperty("format").GetString());
    }

    [Fact]
    public async Task Analyze_MultipartFileField_IsStreamedAndAnalysed()
    {
        var client = _app.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("ignored"), "note" },
            { Body(Sample, "application/octet-stream"), "file", "sample.jsonl" },
        };

        using var response = await client.PostAsync("/api/datasets/analyze", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSpecShape(await JsonOf(response));
    }

    [Fact]
    public async Task Analyze_MultipartWithoutAFileField_Is400NamingTheField()
    {
        var client = _app.CreateClient();
        using var form = new MultipartFormDataContent { { new StringContent(Sample), "data" } };

        using var response = await client.PostAsync("/api/datasets/analyze", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"file\"", (await JsonOf(response)).GetProperty("errors").GetProperty("file")[0].GetString());
    }

    /// <summary>Found by tests/load/bad-inputs.sh: a multipart body cut off before its closing boundary answered 500.</summary>
    [Fact]
    public async Task Analyze_MultipartCutOffBeforeItsBoundary_Is400SayingTheBodyEndedEarly()
    {
        var client = _app.CreateClient();
        using var content = new StringContent("--x\r\nContent-Disposition: form-data\r\n\r\nabc");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        using var response = await client.PostAsync("/api/datasets/analyze", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("ended before the sample did", (await JsonOf(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_OtherModel_CountsWithItsEncoding()
    {
        var client = _app.CreateClient();

        using var response = await client.PostAsync("/api/datasets/analyze?model=openai:gpt-3.5-turbo-0125", Body(Sample));

        var report = await JsonOf(response);
        Assert.Equal("cl100k_base", report.GetProperty("tokens").GetProperty("encoding").GetString());
        Assert.Equal(16385, report.GetProperty("tokenLimit").GetInt32());
    }

    [Fact]
    public async Task Analyze_UnknownModel_Is400NamingTheModels()
    {
        var client = _app.CreateClient();

        using var response = await client.PostAsync("/api/datasets/analyze?model=openai:gpt-9", Body(Sample));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("openai:gpt-4o-mini-2024-07-18", (await JsonOf(response)).GetProperty("errors").GetProperty("model")[0].GetString());
    }

    [Fact]
    public async Task Analyze_UnsupportedContentType_Is415()
    {
        var client = _app.CreateClient();

        using var response = await client.PostAsync("/api/datasets/analyze", Body(Sample, "application/pdf"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, byte[], long, string> BadSamples => new()
    {
        { "prose", Encoding.UTF8.GetBytes("Dear team\nhere are our examples.\n"), 1, "neither a JSON object (JSONL) nor a CSV header" },
        { "invalid UTF-8", [.. Encoding.UTF8.GetBytes(Samples.Chat("a", "b") + "\n" + Samples.Chat("c", "d") + "\n{\"messages\": \""), 0xFF, 0xFE, (byte)'"', (byte)'}', (byte)'\n'], 3, "Line 3 is not valid UTF-8" },
        { "a line over 1 MB", Encoding.UTF8.GetBytes(Samples.Chat("a", "b") + "\n" + Samples.Chat(new string('x', 1_100_000), "b") + "\n"), 2, "Line 2 is longer than 1 MB" },
        { "deep nesting", Encoding.UTF8.GetBytes(Samples.Chat("a", "b") + "\n{\"messages\": " + new string('[', 500) + new string(']', 500) + "}\n"), 2, "Line 2 nests JSON more than 64 levels deep" },
        { "binary data", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00], 1, "Line 1 holds binary data" },
    };

    [Theory]
    [MemberData(nameof(BadSamples))]
    public async Task Analyze_BadInput_Is400ProblemNamingTheLine(string what, byte[] body, long line, string message)
    {
        var client = _app.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");

        using var response = await client.PostAsync("/api/datasets/analyze", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonOf(response);
        Assert.Equal(line, problem.GetProperty("line").GetInt64());
        Assert.Contains(message, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(_app.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    [Fact]
    public async Task Analyze_OverTheConfiguredLimit_Is413StatingTheLimit()
    {
        _app.WithSetting("Datasets:MaxUploadBytes", "2048");
        var client = _app.CreateClient();
        var body = Samples.Lines(Samples.VariedChats(20));

        using var declared = await client.PostAsync("/api/datasets/analyze", Body(body));
        using var chunked = await client.PostAsync("/api/datasets/analyze", new ApiAssessments.ChunkedContent(Encoding.UTF8.GetBytes(body), "application/jsonl"));
        using var form = new MultipartFormDataContent { { Body(body), "file", "big.jsonl" } };
        using var multipart = await client.PostAsync("/api/datasets/analyze", form);

        foreach (var response in new[] { declared, chunked, multipart })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("over the 2 KB limit", (await JsonOf(response)).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Analyze_ThirdConcurrentAnalysis_Is429WithRetryAfter()
    {
        var client = StreamingClient();
        var slots = _app.Services.GetRequiredService<AnalysisSlots>();
        var head = Encoding.UTF8.GetBytes(Samples.Chat("first", "line") + "\n");
        var tail = Encoding.UTF8.GetBytes(Samples.Chat("second", "line") + "\n");
        using var first = new SlowContent(head, tail, "application/jsonl");
        using var second = new SlowContent(head, tail, "application/jsonl");
        var running = new[] { StartAsync(client, first), StartAsync(client, second) };
        await WaitUntil(() => slots.InUse == 2 || running.Any(r => r.IsCompleted), () => $"in use {slots.InUse}, {string.Join(", ", running.Select(r => r.Status))}");
        Assert.Equal(2, slots.InUse);

        using var third = await client.PostAsync("/api/datasets/analyze", Body(Sample));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(AnalysisSlots.RetryAfterSeconds), third.Headers.RetryAfter?.Delta);
        Assert.Contains("2 analyses are already running", (await JsonOf(third)).GetProperty("detail").GetString());

        first.Release();
        second.Release();
        foreach (var response in await Task.WhenAll(running))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        Assert.Equal(0, slots.InUse);
        using var again = await client.PostAsync("/api/datasets/analyze", Body(Sample));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Analyze_OverTheApiWriteRate_Is429()
    {
        _app.WithSetting("RateLimiting:ApiWritesPerMinute", "2");
        var client = _app.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.PostAsync("/api/datasets/analyze", Body(Sample));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await client.PostAsync("/api/datasets/analyze", Body(Sample));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Analyze_EventStream_SendsProgressThenTheReport()
    {
        var client = _app.CreateClient();
        var body = Samples.Lines(Samples.VariedChats(4000));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/datasets/analyze") { Content = Body(body) };
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventsAsync(await response.Content.ReadAsStreamAsync(), int.MaxValue);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var progress = events.Where(e => e.Type == "progress").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.True(progress.Count >= 3, $"{progress.Count} progress events");
        Assert.Equal(Encoding.UTF8.GetByteCount(body), progress[^1].GetProperty("bytesRead").GetInt64());
        Assert.Equal(100, progress[^1].GetProperty("percent").GetInt32());
        var (type, data) = events[^1];
        Assert.Equal("report", type);
        Assert.Equal(4000, JsonDocument.Parse(data).RootElement.GetProperty("examples").GetInt32());
    }

    [Fact]
    public async Task Analyze_EventStreamWithBadInput_EndsWithAnErrorEventNamingTheLine()
    {
        var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/datasets/analyze") { Content = Body(Samples.Chat("a", "b") + "\n[1,2]\n" + new string('{', 300) + "\n") };
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventsAsync(await response.Content.ReadAsStreamAsync(), int.MaxValue);

        var (type, data) = events[^1];
        Assert.Equal("error", type);
        var problem = JsonDocument.Parse(data).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(3, problem.GetProperty("line").GetInt64());
    }

    [Fact]
    public async Task Analyze_ClientLeavesTheEventStream_CancelsTheAnalysisAndFreesTheSlot()
    {
        var client = StreamingClient();
        var slots = _app.Services.GetRequiredService<AnalysisSlots>();
        using var content = new SlowContent(Encoding.UTF8.GetBytes(Samples.Lines(Samples.VariedChats(300))), [], "application/jsonl");
        using var leave = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/datasets/analyze") { Content = content };
        request.Headers.Accept.ParseAdd("text/event-stream");

        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token))
        {
            var events = await ReadEventsAsync(await response.Content.ReadAsStreamAsync(leave.Token), 2);
            Assert.All(events, e => Assert.Equal("progress", e.Type));
            Assert.Equal(1, slots.InUse);
            await leave.CancelAsync();
        }

        await WaitUntil(() => slots.InUse == 0);
        Assert.NotEmpty(await _app.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("Dataset analysis cancelled", StringComparison.Ordinal)));
        content.Release();
    }

    /// <summary>
    /// A client straight on the test server: the factory's default client buffers a request body before sending it
    /// (to replay it on redirects), so an upload still on its way would never reach the app.
    /// </summary>
    private HttpClient StreamingClient() => _app.Server.CreateClient();

    /// <summary>Sends without waiting for the response body (TestServer then starts the app while the body still streams).</summary>
    private static Task<HttpResponseMessage> StartAsync(HttpClient client, HttpContent content) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/datasets/analyze") { Content = content }, HttpCompletionOption.ResponseHeadersRead);

    private static async Task<List<(string Type, string Data)>> ReadEventsAsync(Stream stream, int max)
    {
        var events = new List<(string, string)>();
        using var reader = new StreamReader(stream, leaveOpen: true);
        string? type = null;
        var data = new StringBuilder();
        while (events.Count < max && await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
            else if (line.Length == 0 && type is not null)
            {
                events.Add((type, data.ToString()));
                type = null;
                data.Clear();
            }
        }

        return events;
    }

    private static async Task WaitUntil(Func<bool> condition, Func<string>? state = null)
    {
        for (var attempt = 0; attempt < 400 && !condition(); attempt++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "The condition never held. " + state?.Invoke());
    }
}
