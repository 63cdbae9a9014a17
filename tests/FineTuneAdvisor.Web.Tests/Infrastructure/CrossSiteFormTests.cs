using System.Net;
using System.Text;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// Checklist C20 (issue 10, item 9): a form posted from another origin on the same machine (http://localhost:port
/// against the app on http://127.0.0.1:port) changes nothing, even in the worst case where the browser sends the
/// visitor's cookies along: such a page can neither read the visitor's antiforgery token nor send JSON without a
/// preflight. On the real server, so the cookies and headers are the ones a browser would see.
/// </summary>
public sealed class CrossSiteFormTests : IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FormPost_FromASecondLoopbackOrigin_IsRefusedAndSavesNothing(bool withTheAttackersOwnToken)
    {
        var server = _app.Start();
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = server };
        using (await visitor.GetAsync("/assess/use_case"))
        {
        }

        var field = $"Input.Answers%5Buse_case_summary%5D={Uri.EscapeDataString("Planted by another site")}";
        if (withTheAttackersOwnToken)
        {
            // The attacker's site can fetch a token for its own session, never the visitor's.
            using var attacker = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = server };
            var own = await attacker.GetDocumentAsync("/assess/use_case");
            field += "&__RequestVerificationToken=" + Uri.EscapeDataString(own.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
        }

        var drafts = await DatabaseSnapshot.TakeAsync(_app, "Drafts");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/assess/use_case?handler=Back")
        {
            Content = new StringContent(field, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        var otherOrigin = $"http://localhost:{server.Port + 1}";
        request.Headers.Add("Origin", otherOrigin);
        request.Headers.Referrer = new Uri(otherOrigin + "/attack.html");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var response = await visitor.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(drafts, await DatabaseSnapshot.TakeAsync(_app, "Drafts"));
        var page = await visitor.GetDocumentAsync("/assess/use_case");
        Assert.Equal("", page.QuerySelector("[name='Input.Answers[use_case_summary]']")!.TextContent);
    }

    [Fact]
    public async Task ApiPost_AsAFormFromASecondLoopbackOrigin_IsRefusedAndStoresNothing()
    {
        var server = _app.Start();
        using var client = new HttpClient { BaseAddress = server };
        var assessments = await DatabaseSnapshot.TakeAsync(_app, "Assessments");
        // A cross-site form can send text/plain without a preflight; the API takes application/json only.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessments")
        {
            Content = new StringContent(Answers.ToJsonBody(Answers.StrongCase()), Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", $"http://localhost:{server.Port + 1}");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(assessments, await DatabaseSnapshot.TakeAsync(_app, "Assessments"));
    }
}
