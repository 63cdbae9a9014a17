using System.Net;
using System.Text.Json;
using FineTuneAdvisor.Web.Tests.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

/// <summary>
/// The questionnaire's cost step, and the result's "Where you can fine-tune" and "Will it pay for itself?" with and
/// without cost answers, in the page, the JSON and the Markdown, on a fake clock moved across OpenAI's dates.
/// </summary>
public sealed class CostSectionTests : IDisposable
{
    private const string Mini = "openai:gpt-4o-mini-2024-07-18";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public CostSectionTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    /// <summary>The strong case with the reference's worked example as cost answers.</summary>
    private static Dictionary<string, string> WithCosts() => new(Answers.StrongCase(), StringComparer.Ordinal)
    {
        ["example_count"] = "1000",
        ["change_frequency"] = "rarely",
        ["requests_per_month"] = "100000",
        ["prompt_tokens"] = "2000",
        ["prompt_tokens_after_fine_tuning"] = "100",
        ["output_tokens"] = "200",
        ["cached_prompt_percent"] = "0",
        ["cost_model"] = Mini,
    };

    [Fact]
    public async Task CostStep_ValidAnswers_AreSavedAndShownOnTheReview()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/assess/costs");
        Assert.Equal("Costs and provider", page.QuerySelector("h1")!.TextContent.Trim());
        // The model list is the active catalogue's, with each model's end date.
        Assert.Contains(page.QuerySelectorAll("select[name='Input.Answers[cost_model]'] option"), o => o.GetAttribute("value") == Mini && o.TextContent.Contains("new jobs until 6 January 2027", StringComparison.Ordinal));

        using var next = await client.SubmitAsync(page, "Next", new Dictionary<string, string>
        {
            ["requests_per_month"] = "250,000", ["prompt_tokens"] = "3000", ["prompt_tokens_after_fine_tuning"] = "150",
            ["output_tokens"] = "", ["Input.NotSure"] = "output_tokens", ["cached_prompt_percent"] = "50", ["cost_model"] = "vertex:gemini-2.5-flash",
        });

        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        var review = await client.GetDocumentAsync("/assess/review");
        var text = review.QuerySelector("section[aria-labelledby=review-costs]")!.TextContent;
        Assert.Contains("250,000 requests a month", text, StringComparison.Ordinal);
        Assert.Contains("3,000 tokens", text, StringComparison.Ordinal);
        Assert.Contains("50%", text, StringComparison.Ordinal);
        Assert.Contains("Not sure (a typical value is used)", text, StringComparison.Ordinal);
        // The model by its catalogue names, not its id.
        Assert.Contains("Gemini 2.5 Flash · Google Vertex AI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("vertex:gemini-2.5-flash", text, StringComparison.Ordinal);
    }

    /// <summary>The result's answer list and the Markdown export name the chosen model as the active catalogue does.</summary>
    [Fact]
    public async Task Result_WithCostAnswers_NamesTheModelByItsCatalogueNames_InTheAnswersAndTheMarkdown()
    {
        var client = _app.CreateBrowserClient();
        var location = await QuestionnairePageTests.CompleteAsync(client, WithCosts());

        var page = await client.GetDocumentAsync(location);
        var answers = page.QuerySelector("section.answers-section")!.TextContent;
        Assert.Contains("GPT-4o mini (2024-07-18) · OpenAI", answers, StringComparison.Ordinal);
        Assert.DoesNotContain(Mini, answers, StringComparison.Ordinal);

        var markdown = await client.GetStringAsync($"{location}/export.md");
        Assert.Contains("| GPT-4o mini (2024-07-18) · OpenAI |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain($"| {Mini} |", markdown, StringComparison.Ordinal);
    }

    /// <summary>A model the active catalogue no longer lists reads by its id, said to be gone; other answers are unchanged.</summary>
    [Fact]
    public void Display_ModelTheCatalogueNoLongerKnows_ReadsByItsId()
    {
        var question = FineTuneAdvisor.Scoring.Questionnaire.QuestionCatalogue.Find("cost_model")!;
        var catalogue = FineTuneAdvisor.Scoring.Costs.CatalogueLoader.LoadDefault();

        Assert.Equal("openai:gpt-3.5-turbo-0613 (no longer in the provider catalogue)", FineTuneAdvisor.Web.Pages.Assess.IndexModel.Display(question, "openai:gpt-3.5-turbo-0613", catalogue));
        Assert.Equal("Gemini 2.5 Flash · Google Vertex AI", FineTuneAdvisor.Web.Pages.Assess.IndexModel.Display(question, "vertex:gemini-2.5-flash", catalogue));
        Assert.Equal(question.LabelOf("undecided"), FineTuneAdvisor.Web.Pages.Assess.IndexModel.Display(question, "undecided", catalogue));
    }

    [Fact]
    public async Task CostStep_LeftBlank_IsNotRequiredAndTheStepCountsAsDone()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/assess/costs");

        using var next = await client.SubmitAsync(page, "Next");

        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.EndsWith("/assess/review", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("requests_per_month", "0", "Enter a number between 1 and 10,000,000,000.")]
    [InlineData("requests_per_month", "lots", "Enter a whole number, such as 2500, or tick \"Not sure\".")]
    [InlineData("prompt_tokens", "-5", "Enter a number between 0 and 2,000,000.")]
    [InlineData("output_tokens", "1000001", "Enter a number between 0 and 1,000,000.")]
    [InlineData("cached_prompt_percent", "120", "Enter a number between 0 and 100.")]
    [InlineData("prompt_tokens_after_fine_tuning", "5000", "Enter at most today's 2,000 tokens: fine-tuning is what lets you drop instructions, so the prompt does not grow.")]
    public async Task CostStep_BadValue_IsNamedBesideTheFieldAndKept(string id, string value, string message)
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/assess/costs");

        using var response = await client.SubmitAsync(page, "Next", new Dictionary<string, string> { ["prompt_tokens"] = "2000", [id] = value });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await response.ReadDocumentAsync();
        Assert.Equal(message, again.QuerySelector($"#error-{id}")!.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim());
        Assert.Equal(value, again.QuerySelector($"#field-{id}")!.GetAttribute("value"));
        Assert.Equal("true", again.QuerySelector($"#field-{id}")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task CostStep_ModelNotInTheCatalogue_IsNamedAndKept()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/assess/costs");

        using var response = await client.SubmitAsync(page, "Next", new Dictionary<string, string> { ["cost_model"] = "openai:gpt-9-imaginary" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await response.ReadDocumentAsync();
        Assert.Contains("'openai:gpt-9-imaginary' is not a model of the provider catalogue", again.QuerySelector("#error-cost_model")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("openai:gpt-9-imaginary", again.QuerySelector("#field-cost_model option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Api_BadCostAnswers_Are400NamingEachField()
    {
        var client = _app.CreateClient();
        var answers = ApiAssessments.TypedStrongCase();
        answers["requests_per_month"] = -1;
        answers["cached_prompt_percent"] = "half";
        answers["cost_model"] = "nobody:nothing";

        using var response = await client.PostAsync("/api/assessments", ApiAssessments.Json(ApiAssessments.Body(answers)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("answers.requests_per_month", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("answers.cached_prompt_percent", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("answers.cost_model", out _), errors.ToString());
    }

    [Fact]
    public async Task Result_WithoutCostAnswers_SaysWhatAnsweringAddsAndLinksToARevision()
    {
        var client = _app.CreateBrowserClient();
        var location = await QuestionnairePageTests.CompleteAsync(client, Answers.StrongCase());

        var page = await client.GetDocumentAsync(location);

        var section = page.QuerySelector("section.pay-back")!;
        Assert.Equal("false", section.GetAttribute("data-answered"));
        Assert.Contains("The optional cost questions were not answered", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("/revise", section.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("svg.cost-chart"));
        // Where to fine-tune is said anyway: hosted API, no model chosen.
        Assert.Contains("You have not chosen a model", page.QuerySelector("section.availability")!.TextContent, StringComparison.Ordinal);

        var created = await ApiAssessments.CreateAsync(_app.CreateClient());
        Assert.Null(created.Body["cost"]);
        var markdown = await _app.CreateClient().GetStringAsync($"/a/{created.ShareToken}/export.md");
        Assert.Contains("The optional cost questions were not answered.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_WithCostAnswers_ShowsTheBreakEvenRangeAssumptionsPricesAndAnAccessibleChart()
    {
        var client = _app.CreateBrowserClient();
        var location = await QuestionnairePageTests.CompleteAsync(client, WithCosts());

        var page = await client.GetDocumentAsync(location);

        var section = page.QuerySelector("section.pay-back")!;
        Assert.Equal("Yes: fine-tuning pays for itself after about 34,286 requests (10 days).", section.QuerySelector(".pay-back-headline")!.TextContent);
        Assert.Equal("$0.000435 (435 µ$)", section.QuerySelector("[data-cost=prompting]")!.TextContent);
        Assert.Equal("$0.0003 (300 µ$)", section.QuerySelector("[data-cost=fine-tuned]")!.TextContent);
        Assert.StartsWith("$4.50", section.QuerySelector("[data-cost=training]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, section.QuerySelectorAll(".cost-range tbody tr").Length);
        Assert.Contains(section.QuerySelectorAll(".cost-assumptions li"), li => li.TextContent.StartsWith("The user's own words: 100 tokens", StringComparison.Ordinal));
        Assert.Contains(section.QuerySelectorAll(".cost-assumptions li"), li => li.TextContent.Contains("stops at GPT-4o mini (2024-07-18)'s shutdown on 14 January 2027", StringComparison.Ordinal));
        Assert.Contains("checked 30 November 2026", section.QuerySelector(".cost-prices")!.TextContent, StringComparison.Ordinal);

        var chart = section.QuerySelector("svg.cost-chart")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Contains("Keep prompting reaches", chart.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, chart.QuerySelectorAll("polyline").Length);
        Assert.Null(chart.GetAttribute("style"));
        Assert.Equal(3, section.QuerySelectorAll("table.chart-data tbody tr").Length); // months 0, 1 and the shutdown at 1.48
    }

    [Fact]
    public async Task Json_WithCostAnswers_CarriesTheCostBlock_AndMarkdownItsSection()
    {
        var created = await ApiAssessments.CreateAsync(_app.CreateClient(), WithCosts());

        var cost = created.Body["cost"]!;
        Assert.Equal("2026-11-30", cost["estimatedOn"]!.GetValue<string>());
        Assert.Equal(Mini, cost["model"]!.GetValue<string>());
        Assert.Equal("active", cost["availability"]!["status"]!.GetValue<string>());
        Assert.Equal(0.000435m, cost["estimate"]!["perCall"]!["prompting"]!.GetValue<decimal>());
        Assert.Equal(4.5m, cost["estimate"]!["training"]!["cost"]!.GetValue<decimal>());
        Assert.Contains(cost["assumptions"]!.AsArray(), a => a!.GetValue<string>().StartsWith("The user's own words", StringComparison.Ordinal));

        var read = System.Text.Json.Nodes.JsonNode.Parse(await _app.CreateClient().GetStringAsync($"/api/assessments/{created.ShareToken}"))!;
        Assert.Equal(cost.ToJsonString(), read["cost"]!.ToJsonString());
        var export = System.Text.Json.Nodes.JsonNode.Parse(await _app.CreateClient().GetStringAsync($"/a/{created.ShareToken}/export.json"))!;
        Assert.Equal(cost.ToJsonString(), export["cost"]!.ToJsonString());

        var markdown = await _app.CreateClient().GetStringAsync($"/a/{created.ShareToken}/export.md");
        Assert.Contains("## Will it pay for itself?", markdown, StringComparison.Ordinal);
        Assert.Contains("| A request today | $0.000435 (435 µ$) |", markdown, StringComparison.Ordinal);
        Assert.Contains("### Cost over time", markdown, StringComparison.Ordinal);
        Assert.Contains("## Where you can fine-tune", markdown, StringComparison.Ordinal);
    }

    /// <summary>
    /// The same saved assessment read on three days: OpenAI takes gpt-4o-mini jobs up to 6 January 2027, none from the 7th,
    /// and the model shuts down on the 14th. The result never recommends training on it once it takes no new jobs.
    /// </summary>
    [Fact]
    public async Task Result_FakeClockAcrossOpenAisDates_AvailabilityAndTheEstimatedModelFollow()
    {
        var created = await ApiAssessments.CreateAsync(_app.CreateClient(), WithCosts());
        var url = $"/a/{created.ShareToken}";

        var before = await _app.CreateClient().GetDocumentAsync(url);
        Assert.Equal("active", before.QuerySelector("section.availability")!.GetAttribute("data-state"));
        Assert.Contains("takes new fine-tuning jobs today", before.QuerySelector(".availability-verdict")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("On GPT-4o mini (2024-07-18)", before.QuerySelector("section.pay-back")!.TextContent, StringComparison.Ordinal);

        _time.SetUtcNow(new DateTimeOffset(2027, 1, 7, 9, 0, 0, TimeSpan.Zero));
        var after = await _app.CreateClient().GetDocumentAsync(url);
        Assert.Equal("no_new_jobs", after.QuerySelector("section.availability")!.GetAttribute("data-state"));
        Assert.Contains("Do not plan to train on GPT-4o mini (2024-07-18)", after.QuerySelector(".availability-verdict")!.TextContent, StringComparison.Ordinal);
        var alternatives = after.QuerySelectorAll(".availability-alternatives li").Select(li => li.GetAttribute("data-model")!).ToList();
        Assert.NotEmpty(alternatives);
        Assert.DoesNotContain(alternatives, id => id.StartsWith("openai:", StringComparison.Ordinal));
        var payBack = after.QuerySelector("section.pay-back")!.TextContent;
        Assert.DoesNotContain("On GPT-4o mini", payBack, StringComparison.Ordinal);
        Assert.Contains("can no longer be fine-tuned, so the estimate is made on", payBack, StringComparison.Ordinal);

        var json = System.Text.Json.Nodes.JsonNode.Parse(await _app.CreateClient().GetStringAsync($"/api/assessments/{created.ShareToken}"))!["cost"]!;
        Assert.Equal("no_new_jobs", json["availability"]!["status"]!.GetValue<string>());
        Assert.Equal(Mini, json["availabilityModel"]!.GetValue<string>());
        Assert.Equal(alternatives[0], json["model"]!.GetValue<string>());

        _time.SetUtcNow(new DateTimeOffset(2027, 1, 14, 9, 0, 0, TimeSpan.Zero));
        var shut = await _app.CreateClient().GetDocumentAsync(url);
        Assert.Equal("shut_down", shut.QuerySelector("section.availability")!.GetAttribute("data-state"));
        Assert.Contains("it has shut down", shut.QuerySelector(".availability-verdict")!.TextContent, StringComparison.Ordinal);
    }
}
