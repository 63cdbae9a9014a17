using System.Net;
using System.Text;
using FineTuneAdvisor.Web.Tests.Support;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// Requests broken below the level of a form or a JSON document (issue 10, item 3): each used to answer 500 and
/// log two stack traces. Each now gets a 4xx that says what was wrong, and nothing is logged as an error. The
/// socket-level ones run on Kestrel, the only server that produces them.
/// </summary>
public sealed class MalformedRequestTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("{\"answers\":{},\"\\ud800\":1}")]
    [InlineData("{\"\\udc00\":true,\"answers\":{}}")]
    [InlineData("{\"answers\":{\"domain\":\"general\"},\"x\\ud800y\":[1]}")]
    public async Task Api_TopLevelKeyWithALoneSurrogate_Is400NamingTheBody(string body)
    {
        using var client = new HttpClient { BaseAddress = _app.Start() };

        using var response = await client.PostAsync("/api/assessments", ApiAssessments.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lone surrogate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertNoErrorLogged();
    }

    [Theory]
    [InlineData("{\"\\ud800\":1,\"provider\":\"openai\"}")]
    [InlineData("{\"x\\udc00\":true}")]
    public async Task CostsApi_KeyWithALoneSurrogate_Is400(string body)
    {
        using var client = new HttpClient { BaseAddress = _app.Start() };

        using var response = await client.PostAsync("/api/costs/estimate", ApiAssessments.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNoErrorLogged();
    }

    [Theory]
    [InlineData("/api/assessments", "application/json")]
    [InlineData("/api/costs/estimate", "application/json")]
    [InlineData("/api/datasets/analyze", "application/x-ndjson")]
    [InlineData("/assess/use_case?handler=Next", "application/x-www-form-urlencoded")]
    [InlineData("/data", "application/x-www-form-urlencoded")]
    public async Task InvalidChunkSize_Is400SayingTheBodyWasMalformed(string path, string mediaType)
    {
        var server = _app.Start();

        var response = await RawHttp.SendAsync(server,
            $"POST {path} HTTP/1.1\r\nContent-Type: {mediaType}\r\nTransfer-Encoding: chunked",
            RawHttp.Body("ZZZ\r\n{}\r\n0\r\n\r\n"), Limit);

        Assert.Equal(400, response.Status);
        Assert.Contains("could not be read", response.Body, StringComparison.Ordinal);
        AssertNoErrorLogged();
    }

    [Theory]
    [InlineData("/api/assessments", "application/json")]
    [InlineData("/api/costs/estimate", "application/json")]
    [InlineData("/api/datasets/analyze", "application/x-ndjson")]
    [InlineData("/assess/use_case?handler=Next", "application/x-www-form-urlencoded")]
    [InlineData("/data", "application/x-www-form-urlencoded")]
    public async Task BodyTrickledOneByteEveryTwoSeconds_Is408(string path, string mediaType)
    {
        var server = _app.Start();
        const string body = "{\"answers\":{\"domain\":\"general\",\"example_count\":1000}}";

        var response = await RawHttp.SendAsync(server,
            $"POST {path} HTTP/1.1\r\nContent-Type: {mediaType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}",
            RawHttp.Trickle(body, TimeSpan.FromSeconds(2)), Limit);

        Assert.Equal(408, response.Status);
        AssertNoErrorLogged();
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("x-unknown-charset")]
    [InlineData("utf-16")]
    public async Task FormPost_InACharsetOtherThanUtf8_Is415SayingSo(string charset)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = _app.Start() };
        var step = await client.GetDocumentAsync("/assess/use_case");
        var token = step.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Answers%5Bdomain%5D=general", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"application/x-www-form-urlencoded; charset={charset}");

        using var response = await client.PostAsync("/assess/use_case?handler=Next", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertNoErrorLogged();
    }

    [Fact]
    public async Task FormPost_DeclaringUtf8_IsAccepted()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = _app.Start() };
        var step = await client.GetDocumentAsync("/assess/use_case");
        var token = step.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token)}", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=UTF-8");

        using var response = await client.PostAsync("/assess/use_case?handler=Back", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private void AssertNoErrorLogged() =>
        Assert.DoesNotContain(_app.Logs.Events, e => e.Level >= LogEventLevel.Error);
}
