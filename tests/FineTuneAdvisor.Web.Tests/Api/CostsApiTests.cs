using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Api;

/// <summary><c>POST /api/costs/estimate</c> on the app's clock: the reference's worked example, availability across OpenAI's dates, strict input.</summary>
public sealed class CostsApiTests : IDisposable
{
    private const string Mini = "openai:gpt-4o-mini-2024-07-18";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public CostsApiTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    /// <summary>The reference's corrected worked example as a request.</summary>
    private static JsonObject WorkedExample(decimal cachedShare = 0m) => new()
    {
        ["model"] = Mini,
        ["requestsPerMonth"] = 100_000,
        ["promptTokens"] = 2_000,
        ["promptTokensAfterFineTuning"] = 100,
        ["userTokens"] = 100,
        ["outputTokens"] = 200,
        ["cachedShare"] = cachedShare,
        ["trainingExamples"] = 1_000,
        ["tokensPerExample"] = 500,
        ["trainingRuns"] = 1,
        ["retrainsPerYear"] = 0,
        ["horizonMonths"] = 12,
    };

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json, string contentType = "application/json")
    {
        var client = _app.CreateClient();
        using var response = await client.PostAsync("/api/costs/estimate", new StringContent(json, Encoding.UTF8, contentType));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK && text.Length > 0)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(JsonNode body) => PostAsync(body.ToJsonString());

    private static Dictionary<string, string[]> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());

    [Fact]
    public async Task Estimate_WorkedExample_ReturnsTheReferencesFigures()
    {
        var (status, body) = await PostAsync(WorkedExample());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0.000435m, body.GetProperty("perCall").GetProperty("prompting").GetDecimal());
        Assert.Equal(0.0003m, body.GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
        var training = body.GetProperty("training");
        Assert.Equal(3, training.GetProperty("epochs").GetInt32());
        Assert.True(training.GetProperty("epochsByRule").GetBoolean());
        Assert.Equal(1_500_000, training.GetProperty("billedTokens").GetInt64());
        Assert.Equal(4.5m, training.GetProperty("cost").GetDecimal());
        Assert.Equal(33_333, body.GetProperty("breakEvenCalls").GetInt64());
        Assert.Equal(0.33m, body.GetProperty("breakEvenMonths").GetDecimal());
        Assert.True(body.GetProperty("paysBackWithinHorizon").GetBoolean());

        // 30 November 2026: 45 days to the shutdown, so the 12-month horizon stops there.
        var horizon = body.GetProperty("horizon");
        Assert.True(horizon.GetProperty("cutAtShutdown").GetBoolean());
        Assert.Equal(1.48m, horizon.GetProperty("months").GetDecimal());
        Assert.Equal("2027-01-14", horizon.GetProperty("shutdown").GetString());

        var availability = body.GetProperty("availability");
        Assert.Equal("active", availability.GetProperty("status").GetString());
        Assert.Equal("2026-11-30", availability.GetProperty("today").GetString());
        Assert.Equal("2027-01-06", availability.GetProperty("newJobsUntil").GetString());
        Assert.Equal("2027-01-14", availability.GetProperty("shutdown").GetString());
        Assert.Equal(38, availability.GetProperty("daysLeftToTrain").GetInt32());
        Assert.Contains(availability.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("until 6 January 2027", StringComparison.Ordinal));

        var prices = body.GetProperty("prices");
        Assert.Equal("2026-11-30", prices.GetProperty("checkedOn").GetString());
        Assert.Equal("https://developers.openai.com/api/docs/pricing", prices.GetProperty("source").GetString());
        Assert.Equal(4, prices.GetProperty("sources").GetArrayLength());

        var range = body.GetProperty("range");
        Assert.Equal(30_000, range.GetProperty("low").GetProperty("breakEvenCalls").GetInt64());
        Assert.Equal(33_333, range.GetProperty("base").GetProperty("breakEvenCalls").GetInt64());
        Assert.Equal(75_000, range.GetProperty("high").GetProperty("breakEvenCalls").GetInt64());
        Assert.NotEmpty(body.GetProperty("assumptions").EnumerateArray());
        Assert.Equal(0m, body.GetProperty("timeline")[0].GetProperty("prompting").GetDecimal());
        Assert.Equal(4.5m, body.GetProperty("timeline")[0].GetProperty("fineTuned").GetDecimal());
    }

    [Fact]
    public async Task Estimate_WorkedExampleWithThePromptCached_NeverBreaksEven()
    {
        var (status, body) = await PostAsync(WorkedExample(cachedShare: 1m));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0.000285m, body.GetProperty("perCall").GetProperty("prompting").GetDecimal());
        Assert.Equal(0.0003m, body.GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("breakEvenCalls").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("breakEvenMonths").ValueKind);
        Assert.False(body.GetProperty("paysBackWithinHorizon").GetBoolean());
        Assert.True(body.GetProperty("totals").GetProperty("saving").GetDecimal() < 0m);
    }

    /// <summary>The same request as the fake clock crosses OpenAI's last day for new jobs and the shutdown.</summary>
    [Fact]
    public async Task Estimate_ClockMovedAcrossTheSixthAndFourteenthOfJanuary_ChangesTheAvailability()
    {
        _time.SetUtcNow(new DateTimeOffset(2027, 1, 6, 23, 59, 0, TimeSpan.Zero));
        var lastDay = (await PostAsync(WorkedExample())).Body.GetProperty("availability");

        _time.SetUtcNow(new DateTimeOffset(2027, 1, 7, 0, 0, 0, TimeSpan.Zero));
        var (status, afterJobs) = await PostAsync(WorkedExample());

        _time.SetUtcNow(new DateTimeOffset(2027, 1, 14, 0, 0, 0, TimeSpan.Zero));
        var (_, afterShutdown) = await PostAsync(WorkedExample());

        Assert.Equal("active", lastDay.GetProperty("status").GetString());
        Assert.True(lastDay.GetProperty("canTrainToday").GetBoolean());
        Assert.Equal(1, lastDay.GetProperty("daysLeftToTrain").GetInt32());

        Assert.Equal(HttpStatusCode.OK, status);
        var noJobs = afterJobs.GetProperty("availability");
        Assert.Equal("no_new_jobs", noJobs.GetProperty("status").GetString());
        Assert.False(noJobs.GetProperty("canTrainToday").GetBoolean());
        Assert.True(noJobs.GetProperty("canServeToday").GetBoolean());
        Assert.Contains(noJobs.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("OpenAI has taken no new fine-tuning jobs", StringComparison.Ordinal));
        var alternatives = noJobs.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
        Assert.Contains("vertex:gemini-2.5-flash", alternatives);
        Assert.DoesNotContain(alternatives, id => id.StartsWith("openai:", StringComparison.Ordinal));

        var shutDown = afterShutdown.GetProperty("availability");
        Assert.Equal("shut_down", shutDown.GetProperty("status").GetString());
        Assert.False(shutDown.GetProperty("canServeToday").GetBoolean());
        Assert.NotEmpty(shutDown.GetProperty("alternatives").EnumerateArray());
        Assert.Equal(0m, afterShutdown.GetProperty("horizon").GetProperty("months").GetDecimal());
        Assert.False(afterShutdown.GetProperty("paysBackWithinHorizon").GetBoolean());
    }

    [Fact]
    public async Task Estimate_SelfHostingAnswer_OffersYourOwnGpusFirst()
    {
        var request = WorkedExample();
        request["hosting"] = "open_source_self_hosted";

        var (status, body) = await PostAsync(request);

        Assert.Equal(HttpStatusCode.OK, status);
        var availability = body.GetProperty("availability");
        Assert.Contains(availability.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("You plan to host an open-source model yourself", StringComparison.Ordinal));
        Assert.Equal("self_hosted", availability.GetProperty("alternatives")[0].GetProperty("deployment").GetString());
    }

    [Fact]
    public async Task Estimate_TrainingTokensAndEpochsGiven_AreUsedAsGiven()
    {
        var request = WorkedExample();
        request.Remove("tokensPerExample");
        request["trainingTokens"] = 640_000;
        request["epochs"] = 2;

        var (status, body) = await PostAsync(request);

        Assert.Equal(HttpStatusCode.OK, status);
        var training = body.GetProperty("training");
        Assert.Equal(2, training.GetProperty("epochs").GetInt32());
        Assert.False(training.GetProperty("epochsByRule").GetBoolean());
        Assert.Equal(1_280_000, training.GetProperty("billedTokens").GetInt64());
        Assert.Equal(3.84m, training.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public async Task Estimate_EmptyObject_NamesEveryMissingField()
    {
        var (status, body) = await PostAsync("{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = Errors(body);
        string[] required =
        [
            "model", "requestsPerMonth", "promptTokens", "promptTokensAfterFineTuning", "userTokens", "outputTokens", "cachedShare",
            "trainingExamples", "tokensPerExample", "trainingRuns", "retrainsPerYear", "horizonMonths",
        ];
        Assert.Equal(required.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
        Assert.StartsWith("Required", errors["requestsPerMonth"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_ManyBadFields_AreAllNamedInOneProblem()
    {
        var request = WorkedExample();
        request["model"] = "openai:gpt-9";
        request["requestsPerMonth"] = -5;
        request["promptTokens"] = 50_000_000;
        request["cachedShare"] = "NaN";
        request["trainingTokens"] = 640_000;
        request["horizonMonths"] = 1.5;
        request["hosting"] = "cloud";
        request["colour"] = "blue";
        request.Remove("outputTokens");

        var (status, body) = await PostAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = Errors(body);
        Assert.Equal(
            new[] { "cachedShare", "colour", "horizonMonths", "hosting", "model", "outputTokens", "promptTokens", "requestsPerMonth", "trainingTokens" },
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("'openai:gpt-9' is not in the provider catalogue. Known: openai:gpt-4o-mini-2024-07-18", errors["model"][0], StringComparison.Ordinal);
        Assert.Equal("Must be from 1 to 10,000,000,000 (calls a month).", errors["requestsPerMonth"][0]);
        Assert.Equal("Must be from 0 to 2,000,000 (tokens).", errors["promptTokens"][0]);
        Assert.Equal("Must be a number from 0 to 1, not in quotes, e.g. 0.8.", Assert.Single(errors["cachedShare"]));
        Assert.Equal("Give tokensPerExample or trainingTokens, not both.", errors["trainingTokens"][0]);
        Assert.Equal("Must be a whole number, written without quotes or a decimal point, e.g. 2000.", Assert.Single(errors["horizonMonths"]));
        Assert.StartsWith("Must be one of hosted_api, open_source_self_hosted, undecided, not_sure", errors["hosting"][0], StringComparison.Ordinal);
        Assert.StartsWith("Unknown field.", errors["colour"][0], StringComparison.Ordinal);
        Assert.StartsWith("Required", errors["outputTokens"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cachedShare", "1.5", "Must be from 0 to 1")]
    [InlineData("cachedShare", "-0.1", "Must be from 0 to 1")]
    [InlineData("requestsPerMonth", "0", "Must be from 1 to 10,000,000,000")]
    [InlineData("requestsPerMonth", "20000000000", "Must be from 1 to 10,000,000,000")]
    [InlineData("requestsPerMonth", "1e30", "Far out of range for this field.")]
    [InlineData("requestsPerMonth", "\"100000\"", "Must be a whole number, written without quotes")]
    [InlineData("horizonMonths", "12.0", "Must be a whole number, written without quotes or a decimal point")]
    [InlineData("outputTokens", "true", "Must be a whole number")]
    [InlineData("trainingExamples", "0", "Must be from 1 to 100,000,000 (examples).")]
    [InlineData("epochs", "0", "Must be from 1 to 50")]
    [InlineData("epochs", "3000000000", "Far out of range for this field.")]
    [InlineData("trainingRuns", "0", "Must be from 1 to 100")]
    [InlineData("retrainsPerYear", "-1", "Must be from 0 to 365")]
    [InlineData("horizonMonths", "121", "Must be from 1 to 120")]
    [InlineData("model", "42", "Must be a string.")]
    [InlineData("model", "\"\"", "Required")]
    public async Task Estimate_BadValue_Answers400NamingTheField(string field, string value, string message)
    {
        var request = WorkedExample();
        request[field] = JsonNode.Parse(value);

        var (status, body) = await PostAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = Errors(body);
        Assert.Equal(field, Assert.Single(errors.Keys));
        Assert.StartsWith(message, errors[field][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_NeitherTokensPerExampleNorTrainingTokens_AsksForOne()
    {
        var request = WorkedExample();
        request.Remove("tokensPerExample");

        var (status, body) = await PostAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Give tokensPerExample", Assert.Single(Errors(body)["tokensPerExample"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_FieldSentTwice_IsRefused()
    {
        var json = WorkedExample().ToJsonString().Replace("\"userTokens\":100", "\"userTokens\":100,\"userTokens\":0", StringComparison.Ordinal);

        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Sent twice: give it once.", Assert.Single(Errors(body)["userTokens"]));
    }

    [Theory]
    [InlineData("{\"model\": \"openai:gpt-4o-mini-2024-07-18\", \"cachedShare\": NaN}")]
    [InlineData("{\"cachedShare\": Infinity}")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("\"model\"")]
    public async Task Estimate_NotAJsonObject_NamesTheBody(string json)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("body", Assert.Single(Errors(body).Keys));
    }

    [Fact]
    public async Task Estimate_NotJson_Is415()
    {
        var (status, body) = await PostAsync(WorkedExample().ToJsonString(), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(415, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Estimate_BodyOverTheLimit_Is413()
    {
        var request = WorkedExample();
        request["model"] = new string('x', 20_000);

        var (status, _) = await PostAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Estimate_OverTheApiWriteLimit_Answers429()
    {
        using var limited = new AdvisorAppFactory().WithSetting("RateLimiting:ApiWritesPerMinute", "2");
        var client = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync("/api/costs/estimate", new StringContent(WorkedExample().ToJsonString(), Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task GetCatalogue_ReturnsTheActiveCatalogueAsItsJsonDocument()
    {
        var client = _app.CreateClient();

        using var response = await client.GetAsync("/api/costs/catalogue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var catalogue = CatalogueLoader.LoadOrThrow(await response.Content.ReadAsStringAsync());
        Assert.NotNull(catalogue.Find(Mini));
        Assert.Equal(CatalogueLoader.LoadDefault().Models.Count, catalogue.Models.Count);
    }

    [Fact]
    public async Task OpenApi_DescribesTheCostRoutes()
    {
        var client = _app.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var paths = document.RootElement.GetProperty("paths");
        var estimate = paths.GetProperty("/api/costs/estimate").GetProperty("post");
        Assert.True(estimate.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var responses = estimate.GetProperty("responses");
        foreach (var code in new[] { "200", "400", "413", "415", "429" })
        {
            Assert.True(responses.TryGetProperty(code, out _), $"{code} in {responses}");
        }

        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var request = schemas.GetProperty("CostEstimateRequest").GetProperty("properties");
        foreach (var field in new[] { "model", "requestsPerMonth", "promptTokens", "promptTokensAfterFineTuning", "userTokens", "outputTokens", "cachedShare", "trainingExamples", "tokensPerExample", "trainingTokens", "epochs", "trainingRuns", "retrainsPerYear", "horizonMonths" })
        {
            Assert.True(request.TryGetProperty(field, out _), field);
        }

        var result = schemas.GetProperty("CostEstimateResponse").GetProperty("properties");
        foreach (var field in new[] { "perCall", "training", "breakEvenCalls", "breakEvenMonths", "availability", "prices" })
        {
            Assert.True(result.TryGetProperty(field, out _), field);
        }

        Assert.True(paths.GetProperty("/api/costs/catalogue").TryGetProperty("get", out _));
    }
}
