using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Assess;

/// <summary>
/// Issue 11, item 5: the questionnaire's flow. "Start an assessment" asks before reopening an old draft; clearing asks
/// first on a page of its own; progress counts answers, not position; over-long text is kept and refused with its
/// length; the review groups errors by step with links that open the step at the field; a question that does not
/// apply is not required, not stored and not scored.
/// </summary>
public sealed class QuestionnaireFlowTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Start_WithoutAnswers_GoesStraightToTheFirstStep()
    {
        var client = _app.CreateBrowserClient();

        using var response = await client.GetAsync("/assess/start");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/assess/use_case", response.Headers.Location!.OriginalString);
        var landing = await client.GetDocumentAsync("/");
        Assert.NotNull(landing.QuerySelector(".hero a[href='/assess/start']"));
    }

    [Fact]
    public async Task Start_WithAnOldDraft_AsksContinueOrStartFresh_ContinueKeepsTheAnswers()
    {
        var client = _app.CreateBrowserClient();
        await AnswerFirstStepAsync(client, "An old draft");

        var start = await client.GetDocumentAsync("/assess/start");

        Assert.Equal("Continue or start fresh?", start.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("answers", start.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        var continueHref = start.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Continue my answers", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Equal("An old draft", await SummaryAtAsync(client, continueHref));
    }

    [Fact]
    public async Task Start_WithAnOldDraft_StartFresh_OpensEmptyAnswersAndDeletesTheUnsavedDraft()
    {
        var client = _app.CreateBrowserClient();
        await AnswerFirstStepAsync(client, "An old draft");
        var start = await client.GetDocumentAsync("/assess/start");

        using var fresh = await client.SubmitAsync(start, "Start fresh");

        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal("/assess/use_case", fresh.Headers.Location!.OriginalString);
        Assert.Equal("", await SummaryAtAsync(client, "/assess/use_case"));
        Assert.Equal(0, await CountDraftsAsync());
    }

    [Fact]
    public async Task ClearAllAnswers_IsALinkToAConfirmationPage_AwayFromSaveForLater_AndKeepMyAnswersChangesNothing()
    {
        var client = _app.CreateBrowserClient();
        await AnswerFirstStepAsync(client, "Keep me");
        var step = await client.GetDocumentAsync("/assess/data");

        var link = step.QuerySelector(".start-over a")!;
        Assert.Null(link.Closest("form"));
        Assert.Equal("/assess/clear?from=data", link.GetAttribute("href"));
        var confirm = await client.GetDocumentAsync("/assess/clear?from=data");
        Assert.Equal("Clear all answers?", confirm.QuerySelector("h1")!.TextContent.Trim());
        var keep = confirm.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Keep my answers", StringComparison.Ordinal));
        Assert.Equal("/assess/data", keep.GetAttribute("href"));
        Assert.Equal("Keep me", await SummaryAtAsync(client, "/assess/use_case"));
    }

    [Fact]
    public async Task ClearAllAnswers_Confirmed_DeletesTheDraft_AndNoStepShowsAsDone()
    {
        var client = _app.CreateBrowserClient();
        await AnswerFirstStepAsync(client, "Clear me");
        var before = await client.GetDocumentAsync("/assess/data");
        Assert.Contains("progress-done", before.QuerySelectorAll(".progress li")[0].ClassName, StringComparison.Ordinal);

        var confirm = await client.GetDocumentAsync("/assess/clear?from=data");
        using var cleared = await client.SubmitAsync(confirm, "Clear all answers");

        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Equal("/assess/use_case", cleared.Headers.Location!.OriginalString);
        var after = await client.GetDocumentAsync("/assess/use_case");
        Assert.Contains("All answers were cleared", after.QuerySelector(".status-message")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(after.QuerySelectorAll(".progress li.progress-done"));
        Assert.Contains("0 of", after.QuerySelector(".progress-answered")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector(".start-over"));
        Assert.Equal(0, await CountDraftsAsync());
    }

    [Fact]
    public async Task Progress_CountsAnsweredQuestions_NotPosition()
    {
        var client = _app.CreateBrowserClient();
        await AnswerFirstStepAsync(client, "Progress");
        // Jump ahead to the fourth step without answering the second or third.
        var page = await client.GetDocumentAsync("/assess/compliance");

        var states = page.QuerySelectorAll(".progress li").Select(li => li.ClassName).ToList();
        // Later steps (and the review) are still to do, however many there are.
        Assert.Equal(["progress-done", "progress-todo", "progress-todo", "progress-current", .. Enumerable.Repeat("progress-todo", states.Count - 4)], states);
        var useCaseCount = QuestionnaireSteps.First.Questions.Count;
        Assert.Contains($"{useCaseCount} of", page.QuerySelector(".progress-answered")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(0 of 4 answered)", page.QuerySelectorAll(".progress li")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverLongSummary_IsKeptInTheField_AndRefusedWithItsLengthAndTheLimit()
    {
        var client = _app.CreateBrowserClient();
        var step = await client.GetDocumentAsync("/assess/use_case");
        // The field has no maxlength, which would make the browser cut a paste silently.
        Assert.False(step.QuerySelector("#field-use_case_summary")!.HasAttribute("maxlength"));
        var answers = Answers.StrongCase();
        answers["use_case_summary"] = new string('x', 5000);

        using var response = await client.SubmitAsync(step, "Next", answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Equal(5000, shown.QuerySelector<IHtmlTextAreaElement>("#field-use_case_summary")!.Value.Length);
        var error = shown.QuerySelector("#error-use_case_summary")!.TextContent;
        Assert.Contains("2,000", error, StringComparison.Ordinal);
        Assert.Contains("5,000", error, StringComparison.Ordinal);
        // Reloading shows it still whole: the draft kept it as typed.
        Assert.Equal(5000, (await SummaryAtAsync(client, "/assess/use_case")).Length);
    }

    [Fact]
    public async Task Submit_WithAnswersMissing_ReviewGroupsErrorsByStep_EachLinkOpensItsStepAtTheField()
    {
        var client = _app.CreateBrowserClient();
        await AnswerFirstStepAsync(client, "Only the first step");
        var review = await client.GetDocumentAsync("/assess/review");

        using var response = await client.SubmitAsync(review, "See the result");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Equal("Review your answers", shown.QuerySelector("h1")!.TextContent.Trim());
        var summary = shown.QuerySelector("#error-summary")!;
        var groups = summary.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()).ToList();
        // The cost step is optional: nothing in it is missing.
        Assert.Equal(QuestionnaireSteps.All.Skip(1).Where(s => s.Id != "costs").Select(s => s.Title), groups);
        var link = summary.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("How many examples", StringComparison.Ordinal));
        Assert.Equal("/assess/data?review=true&check=true#field-example_count", link.GetAttribute("href"));

        var step = await client.GetDocumentAsync(link.GetAttribute("href")!);
        Assert.Equal("Your data", step.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(step.QuerySelector("#field-example_count"));
        Assert.NotNull(step.QuerySelector("#error-example_count"));
        Assert.Contains("Save and return to review", step.QuerySelector("form.questionnaire")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await AdminRulesCountAssessmentsAsync());
    }

    [Fact]
    public async Task ErrorSummary_LabelEndingInAQuestionMark_IsNotFollowedByAColon()
    {
        var client = _app.CreateBrowserClient();
        var step = await client.GetDocumentAsync("/assess/use_case");

        using var response = await client.SubmitAsync(step, "Next");

        var items = (await response.ReadDocumentAsync()).QuerySelectorAll("#error-summary li").Select(li => li.TextContent).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, text => Assert.DoesNotContain("?:", text, StringComparison.Ordinal));
        Assert.All(items, text => Assert.DoesNotContain("..", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConditionalQuestion_NotApplying_IsNotScored_EvenWhenARuleReadsIt()
    {
        // A rule set where bias mitigation alone would add a strong reason against: posted while it does not apply,
        // the answer must change nothing.
        await PublishAsync(rules =>
        {
            var rule = rules["rules"]!.AsArray().Single(r => (string?)r!["id"] == "bias-residual-high")!;
            rule["when"] = new JsonObject { ["question"] = "bias_mitigation", ["equals"] = "in_place" };
            rule["weight"] = 5;
        });
        var withAnswer = Answers.StrongCase();
        withAnswer["bias_mitigation"] = "in_place";
        var withoutAnswer = Answers.StrongCase();
        withoutAnswer.Remove("bias_mitigation");

        await QuestionnairePageTests.CompleteAsync(_app.CreateBrowserClient(), withAnswer);
        await QuestionnairePageTests.CompleteAsync(_app.CreateBrowserClient(), withoutAnswer);

        using var scope = _app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Assessments.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain("bias-residual-high", stored[0].ResultJson, StringComparison.Ordinal);
        Assert.Equal(stored[1].ReadinessScore, stored[0].ReadinessScore);
        Assert.Equal(stored[1].AnswersJson, stored[0].AnswersJson);
    }

    private async Task PublishAsync(Action<JsonObject> change)
    {
        using var scope = _app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<RuleSetStore>();
        var rules = JsonNode.Parse(RuleSetLoader.DefaultJson())!.AsObject();
        change(rules);
        var state = await store.GetStateAsync(CancellationToken.None);
        var saved = await store.SaveDraftAsync(state.Draft.RowVersion, RuleSetLoader.LoadOrThrow(rules.ToJsonString()), "test", CancellationToken.None);
        Assert.True(saved.Succeeded, saved.Error);
        state = await store.GetStateAsync(CancellationToken.None);
        var published = await store.PublishAsync(state.Draft.RowVersion, "test", CancellationToken.None);
        Assert.True(published.Succeeded, published.Error);
    }

    private static async Task AnswerFirstStepAsync(HttpClient client, string summary)
    {
        var answers = Answers.StrongCase();
        answers["use_case_summary"] = summary;
        var step = await client.GetDocumentAsync("/assess/use_case");
        using var next = await client.SubmitAsync(step, "Next", answers);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    private static async Task<string> SummaryAtAsync(HttpClient client, string url)
    {
        var page = await client.GetDocumentAsync(url);
        if (page.QuerySelector<IHtmlTextAreaElement>("#field-use_case_summary") is { } field)
        {
            return field.Value;
        }

        // "/assess" resumes at the step the visitor was on; the summary is on the first.
        return (await client.GetDocumentAsync("/assess/use_case")).QuerySelector<IHtmlTextAreaElement>("#field-use_case_summary")!.Value;
    }

    private async Task<int> CountDraftsAsync()
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Drafts.CountAsync();
    }

    private async Task<int> AdminRulesCountAssessmentsAsync()
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Assessments.CountAsync();
    }
}
