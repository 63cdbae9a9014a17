using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Assess;

/// <summary>
/// Conditional questions and "not sure" in the questionnaire pages: bias mitigation is asked only when the risk of
/// unfair outcomes is not low (the page's script hides it; without the script it is simply not required), and a
/// question that does not apply is neither required nor stored.
/// </summary>
public sealed class ConditionalQuestionsPageTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Compliance_LowBiasRisk_WithoutMitigation_GoesOn_ReviewSaysNotAsked_AndNothingIsStoredForIt()
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        answers.Remove("bias_mitigation");

        var compliance = await client.GetDocumentAsync("/assess/compliance");
        Assert.Equal("""{"not":{"question":"bias_risk","equals":"low"}}""", compliance.QuerySelector("#q-bias_mitigation")!.GetAttribute("data-applies-when"));
        // A question that always applies carries no condition (Razor writes data-* attributes even when empty).
        Assert.True(string.IsNullOrEmpty(compliance.QuerySelector("#q-data_rights")!.GetAttribute("data-applies-when")));

        var location = await QuestionnairePageTests.CompleteAsync(client, answers);

        var page = await client.GetDocumentAsync(location);
        var mitigation = page.QuerySelectorAll(".answer-list > div").Single(d => d.QuerySelector("dt")!.TextContent == "What have you done about bias in the data?");
        Assert.Contains("Not asked", mitigation.TextContent, StringComparison.Ordinal);
        using var scope = _app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Assessments.SingleAsync();
        Assert.DoesNotContain("bias_mitigation", stored.AnswersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_LowBiasRisk_ShowsMitigationAsNotAsked_NotAsMissing()
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        answers.Remove("bias_mitigation");
        foreach (var section in QuestionnaireSteps.All)
        {
            var step = await client.GetDocumentAsync($"/assess/{section.Id}");
            using var next = await client.SubmitAsync(step, "Next", answers);
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        var review = await client.GetDocumentAsync("/assess/review");

        var row = review.QuerySelectorAll(".review-row").Single(r => r.QuerySelector("dt")!.TextContent == "What have you done about bias in the data?");
        Assert.Contains("Not asked", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(review.QuerySelectorAll(".review-row dd.missing"));
    }

    [Theory]
    [InlineData("high")]
    [InlineData("not_sure")]
    public async Task Compliance_BiasRiskNotLow_WithoutMitigation_ShowsTheErrorBesideTheField(string risk)
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        answers["bias_risk"] = risk;
        answers.Remove("bias_mitigation");
        var compliance = await client.GetDocumentAsync("/assess/compliance");

        using var response = await client.SubmitAsync(compliance, "Next", answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        var question = shown.QuerySelector("#q-bias_mitigation")!;
        Assert.Contains("has-error", question.ClassName, StringComparison.Ordinal);
        Assert.NotNull(question.QuerySelector(".field-error"));
        Assert.True(shown.QuerySelector<IHtmlInputElement>($"#bias_risk-{risk}")!.IsChecked);
    }

    [Fact]
    public async Task NotSure_IsOfferedLastOnTheFiveUncertainQuestions_AndTheResultShowsConfidenceAndTheStepsThatResolveIt()
    {
        var client = _app.CreateBrowserClient();
        string[] uncertain = ["prompting_status", "request_volume", "data_quality", "change_frequency", "bias_risk"];
        foreach (var (section, id) in new[] { ("usage", "prompting_status"), ("usage", "request_volume"), ("data", "data_quality"), ("usage", "change_frequency"), ("compliance", "bias_risk") })
        {
            var step = await client.GetDocumentAsync($"/assess/{section}");
            var radios = step.QuerySelectorAll($"#q-{id} input[type=radio]");
            Assert.Equal("not_sure", radios[^1].GetAttribute("value"));
        }

        var answers = Answers.StrongCase();
        foreach (var id in uncertain)
        {
            answers[id] = "not_sure";
        }

        answers["bias_mitigation"] = "planned";
        var location = await QuestionnairePageTests.CompleteAsync(client, answers);

        var page = await client.GetDocumentAsync(location);
        Assert.Equal("low", page.QuerySelector(".confidence-level strong")!.TextContent.Trim());
        Assert.True(page.QuerySelectorAll(".confidence-reasons li").Length >= uncertain.Length);
        var steps = page.QuerySelectorAll(".plan [data-step]").Select(li => li.GetAttribute("data-step")).ToList();
        Assert.Contains("settle-prompting", steps);
        Assert.Contains("settle-quality", steps);
    }
}
