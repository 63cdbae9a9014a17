using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Datasets;

/// <summary>
/// Kestrel refuses bodies over 1 MiB everywhere (Program.cs); the analyser's endpoint and the /data form lift that to
/// Datasets:MaxUploadBytes for themselves only. Checked on a real Kestrel, which TestServer does not imitate.
/// </summary>
public sealed class KestrelUploadTests : IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly byte[] ThreeMegabytes = Encoding.UTF8.GetBytes(Samples.Lines(Samples.VariedChats(15_000)));

    [Fact]
    public async Task Api_SampleOverKestrelsOneMebibyte_IsAnalysed()
    {
        Assert.True(ThreeMegabytes.Length > 2 * 1024 * 1024);
        using var client = new HttpClient { BaseAddress = _app.Start() };
        using var content = new ByteArrayContent(ThreeMegabytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");

        using var response = await client.PostAsync("/api/datasets/analyze", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(15_000, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("examples").GetInt32());
    }

    [Fact]
    public async Task Api_ChunkedBodyOverTheLimit_Is413NotA500()
    {
        _app.WithSetting("Datasets:MaxUploadBytes", "1000000");
        using var client = new HttpClient { BaseAddress = _app.Start() };

        // Just over the limit, so the whole body is on its way before the server answers (a far larger one is cut off
        // with a reset once the answer is sent, as on any server).
        using var response = await client.PostAsync("/api/datasets/analyze", new ApiAssessments.ChunkedContent(ThreeMegabytes[..1_050_000], "application/jsonl"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("976.56 KB limit", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(_app.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    [Fact]
    public async Task Page_UploadOverKestrelsOneMebibyte_IsAnalysed()
    {
        var address = _app.Start();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = address };
        using var get = await client.GetAsync("/data");
        var page = await get.ReadDocumentAsync();
        var token = page.QuerySelector<IHtmlInputElement>("form.data-form input[name=__RequestVerificationToken]")!.Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(ThreeMegabytes), "Input.File", "three.jsonl" },
            { new StringContent("openai:gpt-4o-mini-2024-07-18"), "Input.Model" },
        };

        using var posted = await client.PostAsync("/data", form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/data/report/", posted.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
