using System.Net;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// HTTP parameter pollution (checklist C24): a form field sent twice is refused with 400 naming it, and nothing is
/// saved; model binding used to take the first copy silently. A name in both the query string and the body is
/// documented to take the body's value (ASP.NET Core's form value provider comes first), and pinned here.
/// </summary>
public sealed class RepeatedFieldTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task QuestionnaireStep_AnswerSentTwice_Is400NamingTheFieldAndSavesNothing()
    {
        var client = _app.CreateBrowserClient();
        var step = await client.GetDocumentAsync("/assess/use_case");
        var token = step.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await DatabaseSnapshot.TakeAsync(_app, "Drafts");

        using var response = await client.PostAsync("/assess/use_case?handler=Next", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("Input.Answers[use_case_summary]", "Sort tickets"),
            new("Input.Answers[domain]", "general"),
            new("Input.Answers[domain]", "specialized"),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("'Input.Answers[domain]' was sent more than once", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Drafts"));
    }

    [Fact]
    public async Task AntiforgeryTokenSentTwice_Is400()
    {
        var client = _app.CreateBrowserClient();
        var step = await client.GetDocumentAsync("/assess/use_case");
        var token = step.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await client.PostAsync("/assess/use_case?handler=Back", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("__RequestVerificationToken", "forged"),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnswerInBothQueryAndBody_TakesTheBodysValue()
    {
        var client = _app.CreateBrowserClient();
        var step = await client.GetDocumentAsync("/assess/use_case");

        using (var response = await client.SubmitAsync(step, "Save and finish later", new Dictionary<string, string> { ["domain"] = "general" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var token = step.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var response = await client.PostAsync("/assess/use_case?handler=Back&Input.Answers%5Bdomain%5D=specialized", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("Input.Answers[domain]", "business"),
        ])))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var again = await client.GetDocumentAsync("/assess/use_case");
        Assert.Equal("business", again.QuerySelector("input[name='Input.Answers[domain]'][checked]")!.GetAttribute("value"));
    }
}
