using System.Net;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Web.Tests.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Assess;

/// <summary>
/// Free text that looks empty (zero-width spaces only) or holds what text cannot (NUL, a bidirectional override that
/// makes it display as something else) is refused with a message beside the field, on the questionnaire, the API and
/// the owner's notes, and nothing is stored.
/// </summary>
public sealed class InvisibleAndControlTextTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>What a browser can send in a form field: NUL cannot be typed, and a URL-encoded form cannot carry it (see below).</summary>
    public static TheoryData<string, string> BadFormSummaries => new()
    {
        { "\u200B\u200B\u200B", "Describe your use case" },
        { "\u200B \uFEFF\u2060", "Describe your use case" },
        { "Route tickets by \u202Emaet", "U+202E" },
        { "Isolate \u2067x\u2069", "U+2067" },
    };

    public static TheoryData<string, string> BadSummaries
    {
        get
        {
            var all = new TheoryData<string, string> { { "Route tickets\u0000 by team", "U+0000" } };
            foreach (var row in BadFormSummaries)
            {
                all.Add((string)row[0], (string)row[1]);
            }

            return all;
        }
    }

    [Theory]
    [MemberData(nameof(BadFormSummaries))]
    public async Task QuestionnaireStep_BadSummary_IsRefusedBesideTheFieldAndKeptAsTyped(string summary, string message)
    {
        var client = _app.CreateBrowserClient();
        var step = await client.GetDocumentAsync("/assess/use_case");

        using var response = await client.SubmitAsync(step, "Next", new Dictionary<string, string>
        {
            ["use_case_summary"] = summary,
            ["domain"] = "general",
            ["output_requirements"] = "free_form",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.QuerySelector("#error-use_case_summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(summary, page.QuerySelector("[name='Input.Answers[use_case_summary]']")!.TextContent);
    }

    [Fact]
    public async Task QuestionnaireStep_NulInAUrlEncodedForm_Is400NamingNulAndSavesNothing()
    {
        var client = _app.CreateBrowserClient();
        var step = await client.GetDocumentAsync("/assess/use_case");
        var before = await DatabaseSnapshot.TakeAsync(_app, "Drafts");

        using var response = await client.SubmitAsync(step, "Next", new Dictionary<string, string> { ["use_case_summary"] = "Route\0 tickets" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL", (await response.ReadDocumentAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Drafts"));
    }

    [Fact]
    public async Task QuestionnaireStep_NulInAMultipartForm_IsRefusedBesideTheField()
    {
        var client = _app.CreateBrowserClient();
        var step = await client.GetDocumentAsync("/assess/use_case");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(step.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent("Route\0 tickets"), "Input.Answers[use_case_summary]" },
            { new StringContent("general"), "Input.Answers[domain]" },
        };

        using var response = await client.PostAsync("/assess/use_case?handler=Next", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("U+0000", (await response.ReadDocumentAsync()).QuerySelector("#error-use_case_summary")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadSummaries))]
    public async Task Api_BadSummary_Is400NamingTheFieldAndStoresNothing(string summary, string message)
    {
        var client = _app.CreateClient();
        var answers = ApiAssessments.TypedStrongCase();
        answers["use_case_summary"] = JsonValue.Create(summary);
        var before = await DatabaseSnapshot.TakeAsync(_app, "Assessments");

        using var response = await client.PostAsync("/api/assessments", ApiAssessments.Json(ApiAssessments.Body(answers)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(message, problem["errors"]!["answers.use_case_summary"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Assessments"));
    }

    [Theory]
    [InlineData("\u200B\u200B", "only invisible characters")]
    [InlineData("see \u202Etekcit", "U+202E")]
    [InlineData("see \u2066ticket", "U+2066")]
    public async Task OwnerNote_BadText_IsRefusedBesideTheFieldAndSavesNothing(string note, string message)
    {
        var owner = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(owner);
        var manage = await OwnerPages.ManageAsync(owner, created.ManageToken);
        var before = await DatabaseSnapshot.TakeAsync(_app, "Assessments");

        using var response = await owner.SubmitAsync(manage, "Save notes", new Dictionary<string, string> { ["domain"] = note });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.QuerySelector("#notes-domain-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Assessments"));
    }
}
