using System.Net;
using System.Text;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Api;

/// <summary>Bugs a review found, each with the test that would have caught it.</summary>
public sealed class ReviewFindingsTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("{\"answers\":{\"use_case_summary\":\"\\ud800\"}}", "answers.use_case_summary")]
    [InlineData("{\"answers\":{\"\\ud800\":\"x\"}}", "answers[1]")]
    public async Task PostAssessment_LoneSurrogateEscape_Is400NamingTheField(string body, string field)
    {
        var client = _app.CreateBrowserClient();

        using var response = await client.PostAsync("/api/assessments", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SharePage_CaseChangedTokenAfterTheRealOneWasCached_Is404()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        using (var real = await client.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        }

        var flipped = new string([.. created.ShareToken.Select(c => char.IsLower(c) ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]);
        using var response = await client.GetAsync($"/a/{flipped}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(created.ShareToken, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiRead_SendsCapabilityHeaders()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        using var response = await client.GetAsync($"/api/assessments/{created.ShareToken}");

        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
    }

    [Fact]
    public async Task Submit_Twice_NeverFailsAndLeavesNoDraft()
    {
        var client = _app.CreateBrowserClient();
        foreach (var section in FineTuneAdvisor.Scoring.Questionnaire.QuestionCatalogue.Sections)
        {
            var page = await client.GetDocumentAsync($"/assess/{section.Id}");
            using var _ = await client.SubmitAsync(page, "Next", Answers.StrongCase());
        }

        var review = await client.GetDocumentAsync("/assess/review");
        // Two clicks on the same rendered form, as a double-click sends them.
        var first = client.SubmitAsync(review, "See the result");
        var second = client.SubmitAsync(review, "See the result");
        using var one = await first;
        using var two = await second;

        Assert.All(new[] { one, two }, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{r.StatusCode}"));
        using var scope = _app.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Drafts.ToListAsync());
    }

    [Fact]
    public async Task Next_InAnotherTabAfterSubmit_StartsAFreshDraftInsteadOfFailing()
    {
        var client = _app.CreateBrowserClient();
        var staleTab = await client.GetDocumentAsync("/assess/use_case");
        await QuestionnairePageTests.CompleteAsync(client, Answers.StrongCase());

        using var response = await client.SubmitAsync(staleTab, "Next", Answers.StrongCase());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var data = await client.GetDocumentAsync("/assess/use_case");
        Assert.Contains(Answers.StrongCase()["use_case_summary"], data.QuerySelector("textarea")!.TextContent);
    }

    [Fact]
    public async Task Draft_HugeTypedValue_IsStoredCappedAndStillReportedAsTooLong()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/assess/use_case");
        var values = new Dictionary<string, string>(Answers.StrongCase()) { ["use_case_summary"] = new string('x', 200_000) };

        using var response = await client.SubmitAsync(page, "Next", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Keep it under 2,000 characters", await response.Content.ReadAsStringAsync());
        using var scope = _app.Services.CreateScope();
        var draft = await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Drafts.SingleAsync();
        Assert.True(draft.AnswersJson.Length < 20_000, $"stored {draft.AnswersJson.Length} characters");
    }
}
