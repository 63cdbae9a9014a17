using System.Net;
using System.Text;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Api;

/// <summary>Limits only a real server enforces (TestServer ignores Kestrel's): checked on Kestrel.</summary>
public sealed class KestrelLimitsTests : IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task PostAssessment_ChunkedBodyOverOneMebibyte_Is413ProblemNotA500()
    {
        var address = _app.Start();
        using var client = new HttpClient { BaseAddress = address };
        var body = Encoding.UTF8.GetBytes("{\"answers\":{\"use_case_summary\":\"" + new string('a', 1_100_000) + "\"}}");

        using var response = await client.PostAsync("/api/assessments", new ApiAssessments.ChunkedContent(body, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(_app.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    [Fact]
    public async Task Responses_CarryNoServerHeader()
    {
        var address = _app.Start();
        using var client = new HttpClient { BaseAddress = address };

        using var response = await client.GetAsync("/");

        Assert.False(response.Headers.Contains("Server"));
    }
}
