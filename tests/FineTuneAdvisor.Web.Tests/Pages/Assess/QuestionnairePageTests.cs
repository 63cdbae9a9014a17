using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Assess;

public sealed class QuestionnairePageTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Get_Assess_StartsAtFirstSectionWithProgress()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/assess");

        Assert.Equal("Your use case", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains($"Step 1 of {FineTuneAdvisor.Web.Pages.Assess.IndexModel.Steps.Length}", page.QuerySelector(".progress-count")!.TextContent);
        Assert.NotNull(page.QuerySelector("[aria-current=step]"));
        Assert.NotNull(page.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Steps_EveryQuestionIdOfTheSpec_HasAFormFieldNamedByItsId()
    {
        var client = _app.CreateBrowserClient();
        var seen = new HashSet<string>();
        foreach (var section in QuestionnaireSteps.All)
        {
            var page = await client.GetDocumentAsync($"/assess/{section.Id}");
            foreach (var field in page.QuerySelectorAll("form.questionnaire [name^='Input.Answers[']"))
            {
                var name = field.GetAttribute("name")!;
                seen.Add(name["Input.Answers[".Length..^1]);
            }

            // Every question explains why it matters and cites the article.
            foreach (var question in section.Questions)
            {
                var help = page.QuerySelector($"#help-{question.Id}");
                Assert.NotNull(help);
                Assert.Contains("Article:", help.TextContent);
            }
        }

        string[] specIds =
        [
            "use_case_summary", "domain", "output_requirements", "prompting_status", "knowledge_vs_behavior",
            "prompt_efficiency_need", "request_volume", "example_count", "data_quality", "data_variety", "has_eval_set",
            "change_frequency", "data_sensitivity", "data_rights", "bias_risk", "bias_mitigation", "budget",
            "ml_expertise", "maintenance_capacity", "model_hosting",
        ];
        // The spec's ids, and the optional cost questions ("more may be added").
        Assert.Equal(specIds.Concat(FineTuneAdvisor.Scoring.Costs.CostAnswers.Ids).Order(), seen.Order());
    }

    [Fact]
    public async Task Post_WholeQuestionnaireStepByStep_StoresAssessmentAndOpensItAtItsLink()
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();

        var location = await CompleteAsync(client, answers);

        Assert.StartsWith("/a/", location, StringComparison.Ordinal);
        var result = await client.GetDocumentAsync(location);
        Assert.Equal("Fine-tune for production", result.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(result.QuerySelector("svg.criteria-chart"));
        Assert.Contains(answers["use_case_summary"], result.QuerySelector(".use-case")!.TextContent);

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        var stored = await db.Assessments.SingleAsync();
        Assert.Equal("fine_tune", stored.Verdict);
        Assert.Equal(1, stored.RuleSetVersion);
        Assert.Empty(await db.Drafts.ToListAsync());
    }

    [Fact]
    public async Task PostBack_KeepsAnswersOfBothSteps()
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        var page = await client.GetDocumentAsync("/assess/use_case");
        using (var next = await client.SubmitAsync(page, "Next", answers))
        {
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
            Assert.Equal("/assess/usage", next.Headers.Location!.OriginalString);
        }

        // On the second step, pick a volume and go Back without finishing the step.
        var usage = await client.GetDocumentAsync("/assess/usage");
        using (var back = await client.SubmitAsync(usage, "Back", new Dictionary<string, string> { ["request_volume"] = "low" }))
        {
            Assert.Equal("/assess/use_case", back.Headers.Location!.OriginalString);
        }

        var first = await client.GetDocumentAsync("/assess/use_case");
        Assert.Equal(answers["use_case_summary"], first.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.True(first.QuerySelector<IHtmlInputElement>("#domain-specialized")!.IsChecked);

        var again = await client.GetDocumentAsync("/assess/usage");
        Assert.True(again.QuerySelector<IHtmlInputElement>("#request_volume-low")!.IsChecked);
    }

    [Fact]
    public async Task PostNext_MissingAnswer_ReshowsStepWithErrorBesideFieldAndKeepsWhatWasTyped()
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        answers.Remove("domain");
        var page = await client.GetDocumentAsync("/assess/use_case");

        using var response = await client.SubmitAsync(page, "Next", answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        var question = shown.QuerySelector("#q-domain")!;
        Assert.Contains("has-error", question.ClassName);
        Assert.Contains("Choose one of the options.", question.QuerySelector(".field-error")!.TextContent);
        Assert.Equal("true", question.QuerySelector("input")!.GetAttribute("aria-invalid"));
        Assert.Equal("#domain-general", shown.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal(answers["use_case_summary"], shown.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.True(shown.QuerySelector<IHtmlInputElement>("#output_requirements-strict_format")!.IsChecked);

        // A reload (GET) still shows everything typed.
        var reloaded = await client.GetDocumentAsync("/assess/use_case");
        Assert.Equal(answers["use_case_summary"], reloaded.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
    }

    [Fact]
    public async Task PostNext_NotANumber_ShowsErrorAndKeepsTheText()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/assess/data");
        var values = new Dictionary<string, string>(Answers.StrongCase()) { ["example_count"] = "lots" };

        using var response = await client.SubmitAsync(page, "Next", values);

        var shown = await response.ReadDocumentAsync();
        Assert.Contains("whole number", shown.QuerySelector("#error-example_count")!.TextContent);
        Assert.Equal("lots", shown.QuerySelector<IHtmlInputElement>("#field-example_count")!.Value);
    }

    [Fact]
    public async Task Review_ListsEveryAnswerWithChangeLinksThatReturnToReview()
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        foreach (var section in QuestionnaireSteps.All)
        {
            var page = await client.GetDocumentAsync($"/assess/{section.Id}");
            using var _ = await client.SubmitAsync(page, "Next", answers);
        }

        var review = await client.GetDocumentAsync("/assess/review");
        var rows = review.QuerySelectorAll(".review-row");
        Assert.Equal(QuestionCatalogue.Questions.Count, rows.Length);
        Assert.Contains(rows, r => r.TextContent.Contains("30,000"));
        var change = review.QuerySelector("a[href^='/assess/data?review=true']")!;

        var data = await client.GetDocumentAsync(change.GetAttribute("href")!);
        using var saved = await client.SubmitAsync(data, "return to review", new Dictionary<string, string> { ["example_count"] = "3000" });
        Assert.Equal("/assess/review", saved.Headers.Location!.OriginalString);
        var updated = await client.GetDocumentAsync("/assess/review");
        Assert.Contains(updated.QuerySelectorAll(".review-row"), r => r.TextContent.Contains("3,000"));
    }

    [Fact]
    public async Task PostSubmit_IncompleteDraft_StaysOnReviewWithErrorsLinkingToTheirSteps()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/assess/use_case");
        using (var _ = await client.SubmitAsync(page, "Next", Answers.StrongCase()))
        {
        }

        var review = await client.GetDocumentAsync("/assess/review");
        using var response = await client.SubmitAsync(review, "See the result");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Equal("Review your answers", shown.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(shown.QuerySelector("#error-summary a[href^='/assess/data?'][href$='#field-example_count']"));
        using var scope = _app.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Assessments.CountAsync());
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var client = _app.CreateBrowserClient();
        using var content = new FormUrlEncodedContent([new("Input.Answers[domain]", "general")]);

        using var response = await client.PostAsync("/assess/use_case?handler=Next", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostNext_AnswersOfOtherSteps_AreNotOverposted()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/assess/use_case");
        var (form, _) = page.FindButton("Next");
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var fields = Answers.StrongCase().Where(a => QuestionnaireSteps.Of(QuestionCatalogue.Find(a.Key)!).Id == "use_case")
            .Select(a => KeyValuePair.Create($"Input.Answers[{a.Key}]", a.Value))
            .Append(new("Input.Answers[data_rights]", "confirmed"))
            .Append(new("Input.Answers[not_a_question]", "x"))
            .Append(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(fields);

        using var response = await client.PostAsync("/assess/use_case?handler=Next", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var compliance = await client.GetDocumentAsync("/assess/compliance");
        Assert.Empty(compliance.QuerySelectorAll("input[type=radio]:checked"));
    }

    [Fact]
    public async Task Get_UnknownStep_IsNotFound()
    {
        var client = _app.CreateBrowserClient();
        using var response = await client.GetAsync("/assess/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Walks every step with real forms and submits; returns the result's Location.</summary>
    public static async Task<string> CompleteAsync(HttpClient client, IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (var section in QuestionnaireSteps.All)
        {
            var page = await client.GetDocumentAsync($"/assess/{section.Id}");
            using var next = await client.SubmitAsync(page, "Next", answers);
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        var review = await client.GetDocumentAsync("/assess/review");
        using var submitted = await client.SubmitAsync(review, "See the result");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        // Its Location holds the new share token: no cache may keep it.
        Assert.True(submitted.Headers.CacheControl?.NoStore, $"Cache-Control: {submitted.Headers.CacheControl}");
        return submitted.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Submit_Twice_NeverFailsAndLeavesNoDraft()
    {
        var client = _app.CreateBrowserClient();
        foreach (var section in QuestionnaireSteps.All)
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
        await CompleteAsync(client, Answers.StrongCase());

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
