using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Web.Api;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Api;

public sealed partial class AssessmentsApiTests : IDisposable
{
    /// <summary>The spec's questionnaire table (id, section, type, allowed values), with the "not_sure" its last paragraph lets the five most uncertain questions add, last.</summary>
    private static readonly Dictionary<string, (string Section, string Type, string[] Values)> SpecQuestions = new(StringComparer.Ordinal)
    {
        ["use_case_summary"] = ("use_case", "text", []),
        ["domain"] = ("use_case", "choice", ["general", "business", "specialized"]),
        ["output_requirements"] = ("use_case", "choice", ["free_form", "consistent_style", "strict_format"]),
        ["prompting_status"] = ("use_case", "choice", ["not_tried", "works_well", "works_but_costly", "insufficient", "not_sure"]),
        ["knowledge_vs_behavior"] = ("use_case", "choice", ["behavior", "knowledge", "both"]),
        ["prompt_efficiency_need"] = ("use_case", "choice", ["low", "medium", "high"]),
        ["request_volume"] = ("use_case", "choice", ["low", "medium", "high", "not_sure"]),
        ["example_count"] = ("data", "integer", []),
        ["data_quality"] = ("data", "choice", ["raw", "partially_reviewed", "curated", "not_sure"]),
        ["data_variety"] = ("data", "choice", ["narrow", "moderate", "broad"]),
        ["has_eval_set"] = ("data", "boolean", []),
        ["change_frequency"] = ("freshness", "choice", ["rarely", "quarterly", "monthly", "weekly", "daily", "realtime", "not_sure"]),
        ["data_sensitivity"] = ("compliance", "choice", ["public", "internal", "personal", "regulated"]),
        ["data_rights"] = ("compliance", "choice", ["confirmed", "unclear", "no"]),
        ["bias_risk"] = ("compliance", "choice", ["low", "moderate", "high", "not_sure"]),
        ["bias_mitigation"] = ("compliance", "choice", ["none", "planned", "in_place"]),
        ["budget"] = ("resources", "choice", ["minimal", "moderate", "substantial"]),
        ["ml_expertise"] = ("resources", "choice", ["none", "some", "dedicated_team"]),
        ["maintenance_capacity"] = ("resources", "choice", ["none", "occasional", "ongoing"]),
        ["model_hosting"] = ("resources", "choice", ["hosted_api", "open_source_self_hosted", "undecided"]),
    };

    private static readonly string[] SpecCriteria =
    [
        "specialized_domain", "custom_format", "privacy_security_fairness", "efficiency", "sufficient_data",
        "limited_data", "rapidly_changing_information", "ethical_compliance_risk",
        "cost", "expertise", "maintenance", "overfitting", "open_source", "continuous_iteration",
    ];

    private static readonly string[] SpecVerdicts = ["fine_tune", "pilot", "rag", "rag_and_fine_tune", "prompt_engineering", "not_ready"];

    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenShape();

    [Fact]
    public async Task GetQuestionnaire_ListsEverySpecQuestionWithSectionTypeValuesLabelAndHelp()
    {
        var client = _app.CreateClient();

        using var response = await client.GetAsync("/api/questionnaire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var questions = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["questions"]!.AsArray()
            .ToDictionary(q => q!["id"]!.GetValue<string>(), q => q!, StringComparer.Ordinal);
        // The spec's questions, and the optional cost questions ("more may be added").
        Assert.Equal(SpecQuestions.Keys.Concat(FineTuneAdvisor.Scoring.Costs.CostAnswers.Ids).Order(StringComparer.Ordinal), questions.Keys.Order(StringComparer.Ordinal));
        Assert.All(FineTuneAdvisor.Scoring.Costs.CostAnswers.Ids, id => Assert.True(questions[id]["optional"]!.GetValue<bool>()));
        Assert.False(questions["domain"]["optional"]!.GetValue<bool>());
        Assert.True(questions["cost_model"]["choicesFromCatalogue"]!.GetValue<bool>());
        foreach (var (id, spec) in SpecQuestions)
        {
            var question = questions[id];
            Assert.Equal(spec.Section, question["section"]!.GetValue<string>());
            Assert.Equal(spec.Type, question["type"]!.GetValue<string>());
            var allowed = question["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
            if (spec.Type == "choice")
            {
                Assert.Equal(spec.Values, allowed);
            }

            Assert.False(string.IsNullOrWhiteSpace(question["label"]!.GetValue<string>()), $"{id} has no label");
            Assert.False(string.IsNullOrWhiteSpace(question["help"]!.GetValue<string>()), $"{id} has no help");
        }

        Assert.Equal(0, questions["example_count"]["minimum"]!.GetValue<long>());
        Assert.Equal(100_000_000, questions["example_count"]["maximum"]!.GetValue<long>());
        Assert.Equal(2000, questions["use_case_summary"]["maximum"]!.GetValue<long>());
    }

    [Fact]
    public async Task PostAssessment_CompleteAnswers_Is201WithShareLinkAndWholeResult()
    {
        var client = _app.CreateClient();
        using var content = ApiAssessments.Json(Answers.ToJsonBody(Answers.StrongCase()));

        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var token = body["shareToken"]!.GetValue<string>();
        Assert.Matches(TokenShape(), token);
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(token).Length);
        Assert.EndsWith($"/api/assessments/{token}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.EndsWith($"/a/{token}", body["shareUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        var id = body["id"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.False(long.TryParse(id, out _), "The public id must not be the sequential database id.");

        var result = body["result"]!;
        Assert.Equal("fine_tune", result["verdict"]!.GetValue<string>());
        Assert.Contains(result["verdict"]!.GetValue<string>(), SpecVerdicts);
        Assert.InRange(result["readinessScore"]!.GetValue<int>(), 0, 100);
        Assert.True(result["ruleSetVersion"]!.GetValue<int>() >= 1);

        var criteria = result["criteria"]!.AsArray();
        Assert.Equal(SpecCriteria.Order(StringComparer.Ordinal), criteria.Select(c => c!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(criteria, c =>
        {
            Assert.InRange(c!["score"]!.GetValue<int>(), 0, 100);
            Assert.False(string.IsNullOrWhiteSpace(c["reason"]!.GetValue<string>()));
        });

        var fired = result["firedRules"]!.AsArray();
        Assert.NotEmpty(fired);
        Assert.All(fired, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r!["id"]!.GetValue<string>()));
            Assert.Contains(r["criterion"]!.GetValue<string>(), SpecCriteria);
            Assert.True(double.IsFinite(r["weight"]!.GetValue<double>()));
            Assert.True(double.IsFinite(r["contribution"]!.GetValue<double>()));
            Assert.False(string.IsNullOrWhiteSpace(r["message"]!.GetValue<string>()));
        });

        var nextSteps = result["nextSteps"]!.AsArray();
        Assert.NotEmpty(nextSteps);
        Assert.All(nextSteps, s => Assert.False(string.IsNullOrWhiteSpace(s!.GetValue<string>())));
        Assert.Equal(1, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task GetAssessment_ByShareToken_ReturnsTheStoredResult()
    {
        var client = _app.CreateClient();
        var created = await ApiAssessments.CreateAsync(client);

        using var response = await client.GetAsync($"/api/assessments/{created.ShareToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(created.Body["id"]!.GetValue<string>(), body["id"]!.GetValue<string>());
        Assert.Equal(created.Body["shareUrl"]!.GetValue<string>(), body["shareUrl"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(created.Body["result"], body["result"]), "The stored result differs from the one returned at creation.");
        Assert.True(JsonNode.DeepEquals(created.Body["answers"], body["answers"]));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("too_short")]
    [InlineData("bad_chars")]
    [InlineData("one_kilobyte")]
    [InlineData("sql")]
    public async Task GetAssessment_UnknownOrMalformedToken_IsTheSame404Problem(string kind)
    {
        var client = _app.CreateClient();
        await ApiAssessments.CreateAsync(client);
        using var reference = await client.GetAsync($"/api/assessments/{ShareTokens.Create().Token}");
        var expected = WithoutTraceId(await reference.Content.ReadAsStringAsync());

        using var response = await client.GetAsync($"/api/assessments/{Uri.EscapeDataString(SampleToken(kind))}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected, WithoutTraceId(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("malformed_json", "body")]
    [InlineData("not_an_object", "answers")]
    [InlineData("missing_answers", "answers")]
    [InlineData("answers_not_an_object", "answers")]
    [InlineData("example_count_string", "answers.example_count")]
    [InlineData("example_count_fraction", "answers.example_count")]
    [InlineData("domain_number", "answers.domain")]
    [InlineData("has_eval_set_yes", "answers.has_eval_set")]
    [InlineData("unknown_question", "answers.favourite_colour")]
    [InlineData("value_not_allowed", "answers.domain")]
    [InlineData("text_too_long", "answers.use_case_summary")]
    [InlineData("text_blank", "answers.use_case_summary")]
    [InlineData("example_count_negative", "answers.example_count")]
    [InlineData("example_count_over_limit", "answers.example_count")]
    [InlineData("example_count_huge", "answers.example_count")]
    [InlineData("same_answer_twice", "answers.domain")]
    [InlineData("unknown_root_property", "score")]
    [InlineData("too_deep", "body")]
    // Issue 10: each answered 500, or was stored as it came.
    [InlineData("root_key_lone_surrogate", "body")]
    [InlineData("text_zero_width_only", "answers.use_case_summary")]
    [InlineData("text_with_nul", "answers.use_case_summary")]
    [InlineData("text_with_bidi_override", "answers.use_case_summary")]
    public async Task PostAssessment_BadInput_Is400ProblemNamingTheFieldAndWritesNoRow(string kind, string field)
    {
        var client = _app.CreateClient();
        using var content = ApiAssessments.Json(BadBody(kind));

        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"errors has no '{field}': {errors.ToJsonString()}");
        Assert.NotEmpty(errors[field]!.AsArray());
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    /// <summary>
    /// Checklist C24: a duplicated key is refused, not silently resolved. A question answered twice already is;
    /// the whole answers object sent twice must be too, whichever copy is the bad one.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostAssessment_AnswersObjectSentTwice_Is400NamingAnswersAndWritesNoRow(bool badCopyFirst)
    {
        var client = _app.CreateClient();
        var good = ApiAssessments.Body(ApiAssessments.TypedStrongCase());
        const string bad = "\"answers\": {\"domain\": \"astrology\"}";
        var body = badCopyFirst ? "{" + bad + "," + good[1..] : good[..^1] + "," + bad + "}";

        using var content = ApiAssessments.Json(body);
        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("answers"), errors.ToJsonString());
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    /// <summary>
    /// The body binds to its declared record and nothing else: a misspelt or capitalised "answers" is an unknown
    /// property and the answers are still missing; an unknown property beside valid answers is named and nothing else;
    /// a problem the strict reader stops at does not hide the wrong answers after it.
    /// </summary>
    [Theory]
    [InlineData("""{"Answers": {"domain": "general"}}""", "Answers answers")]
    [InlineData("""{"answers": {"domain": "general"}, "extra": {}}""", "extra answers.example_count")]
    [InlineData("""{"score": 1, "answers": {"domain": "astrology", "example_count": "many"}}""", "score answers.domain answers.example_count")]
    [InlineData("""{"answers": {"domain": "general", "domain": 3}}""", "answers.domain")]
    [InlineData("""{"answers": {"has_eval_set": null, "example_count": 1.5}}""", "answers.has_eval_set answers.example_count")]
    [InlineData("""null""", "answers")]
    [InlineData("""{"answers": null}""", "answers")]
    public async Task PostAssessment_BodyOutsideTheRecord_NamesEachProblem(string body, string fields)
    {
        var client = _app.CreateClient();
        using var content = ApiAssessments.Json(body);

        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        foreach (var field in fields.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(errors.ContainsKey(field), $"errors has no '{field}': {errors.ToJsonString()}");
        }

        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Value![0]!.GetValue<string>())));
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task PostAssessment_SeveralAnswersMissing_NamesEveryMissingId()
    {
        var client = _app.CreateClient();
        var answers = ApiAssessments.TypedStrongCase();
        string[] missing = ["domain", "example_count", "has_eval_set", "change_frequency", "model_hosting"];
        foreach (var id in missing)
        {
            answers.Remove(id);
        }

        using var content = ApiAssessments.Json(ApiAssessments.Body(answers));
        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(missing.Select(id => $"answers.{id}").Order(StringComparer.Ordinal), errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task PostAssessment_NoAnswers_NamesAllTwentyIds()
    {
        var client = _app.CreateClient();
        using var content = ApiAssessments.Json("""{"answers": {}}""");

        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(SpecQuestions.Keys.Select(id => $"answers.{id}").Order(StringComparer.Ordinal), errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task PostAssessment_BodyOverOneMebibyteWithContentLength_Is413AndWritesNoRow()
    {
        var client = _app.CreateClient();
        using var content = ApiAssessments.Json(PaddedBody(AssessmentsApi.MaxBodyBytes + 1));
        Assert.Equal(AssessmentsApi.MaxBodyBytes + 1, content.Headers.ContentLength);

        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task PostAssessment_BodyOverOneMebibyteChunked_Is413AndWritesNoRow()
    {
        var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessments")
        {
            Content = new ApiAssessments.ChunkedContent(Encoding.UTF8.GetBytes(PaddedBody(2 * AssessmentsApi.MaxBodyBytes)), "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    [Fact]
    public async Task PostAssessment_BodyOfExactlyOneMebibyte_IsAccepted()
    {
        var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessments")
        {
            Content = new ApiAssessments.ChunkedContent(Encoding.UTF8.GetBytes(PaddedBody(AssessmentsApi.MaxBodyBytes)), "application/json"),
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await CountAssessmentsAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    [InlineData("")]
    public async Task PostAssessment_NotJsonContentType_Is415AndWritesNoRow(string mediaType)
    {
        var client = _app.CreateClient();
        using var content = JsonTextAs(mediaType);

        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, await CountAssessmentsAsync());
    }

    /// <summary>The 415 is documented as a problem (OpenAPI: ProducesProblem(415)), whoever answers it.</summary>
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("")]
    public async Task PostAssessment_NotJsonContentType_AnswersProblemJson(string mediaType)
    {
        var client = _app.CreateClient();
        using var content = JsonTextAs(mediaType);

        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(415, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task PostAssessment_MarkupInSummary_IsStoredAsIsAndShownAsTextOnTheSharePage()
    {
        const string payload = """<script>alert(1)</script><img src=x onerror=alert(2)>"'&<b>bold</b>""";
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        answers["use_case_summary"] = payload;

        var created = await ApiAssessments.CreateAsync(client, answers);

        Assert.Equal(payload, created.Body["answers"]!["use_case_summary"]!.GetValue<string>());
        using (var scope = _app.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Assessments.SingleAsync();
            var storedAnswers = FineTuneAdvisor.Web.Assessments.AnswersJson.Deserialize(stored.AnswersJson);
            Assert.Equal(payload, storedAnswers["use_case_summary"]);
        }

        using var page = await client.GetAsync($"/a/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bold", html, StringComparison.OrdinalIgnoreCase);
        var document = await page.ReadDocumentAsync();
        Assert.Equal(payload, document.QuerySelector(".use-case")!.TextContent);
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Empty(document.QuerySelectorAll("b"));
        Assert.All(document.Scripts, s => Assert.StartsWith("/js/site.js", s.Source, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostAssessment_FiftyAtOnce_AllStoredWithoutLockErrors()
    {
        var client = _app.CreateClient();
        var body = Answers.ToJsonBody(Answers.StrongCase());

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var content = ApiAssessments.Json(body);
            using var response = await client.PostAsync("/api/assessments", content);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var tokens = responses.Select(r => JsonNode.Parse(r.Body)!["shareToken"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(50, tokens.Count);
        Assert.Equal(50, await CountAssessmentsAsync());
        Assert.DoesNotContain(_app.Logs.AllText(), line => line.Contains("database is locked", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_app.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    private async Task<int> CountAssessmentsAsync()
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Assessments.CountAsync();
    }

    /// <summary>Share tokens of every shape a client could send: unknown but well-formed, and malformed ones.</summary>
    internal static string SampleToken(string kind) => kind switch
    {
        "unknown" => ShareTokens.Create().Token,
        "too_short" => "abc",
        "bad_chars" => new string('!', ShareTokens.TokenLength),
        "one_kilobyte" => new string('A', 1024),
        "sql" => "' OR 1=1--",
        "unicode" => new string('é', ShareTokens.TokenLength),
        "empty" => "",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static ByteArrayContent JsonTextAs(string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Answers.ToJsonBody(Answers.StrongCase())));
        if (mediaType.Length > 0)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        return content;
    }

    private static string WithoutTraceId(string problem)
    {
        var node = JsonNode.Parse(problem)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    private static string BadBody(string kind)
    {
        var answers = ApiAssessments.TypedStrongCase();
        switch (kind)
        {
            case "malformed_json":
                return """{"answers": {"domain": "general",""";
            case "not_an_object":
                return """[{"answers": {}}]""";
            case "missing_answers":
                return """{"responses": {"domain": "general"}}""";
            case "answers_not_an_object":
                return """{"answers": ["general"]}""";
            case "same_answer_twice":
                return ApiAssessments.Body(answers)[..^2] + ""","domain": "general"}}""";
            case "too_deep":
                return """{"answers": """ + new string('[', 100) + new string(']', 100) + "}";
            case "example_count_huge":
                return ApiAssessments.Body(answers).Replace("30000", "1" + new string('0', 30), StringComparison.Ordinal);
            case "unknown_root_property":
                return ApiAssessments.Body(answers)[..^1] + ""","score": 100}""";
            case "root_key_lone_surrogate":
                return ApiAssessments.Body(answers)[..^1] + ",\"\\ud800\":1}";
            case "text_zero_width_only":
                answers["use_case_summary"] = "\u200B\u200B\u2060\uFEFF";
                break;
            case "text_with_nul":
                answers["use_case_summary"] = "Summarise tickets\0 quickly";
                break;
            case "text_with_bidi_override":
                answers["use_case_summary"] = "Summarise \u202Etxt.exe";
                break;
            case "example_count_string":
                answers["example_count"] = "30000";
                break;
            case "example_count_fraction":
                answers["example_count"] = 2500.5;
                break;
            case "domain_number":
                answers["domain"] = 3;
                break;
            case "has_eval_set_yes":
                answers["has_eval_set"] = "yes";
                break;
            case "unknown_question":
                answers["favourite_colour"] = "blue";
                break;
            case "value_not_allowed":
                answers["domain"] = "astrology";
                break;
            case "text_too_long":
                answers["use_case_summary"] = new string('x', 2001);
                break;
            case "text_blank":
                answers["use_case_summary"] = "   ";
                break;
            case "example_count_negative":
                answers["example_count"] = -1;
                break;
            case "example_count_over_limit":
                answers["example_count"] = 100_000_001;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return ApiAssessments.Body(answers);
    }

    /// <summary>A valid body padded with trailing JSON whitespace to exactly <paramref name="length"/> bytes.</summary>
    private static string PaddedBody(int length)
    {
        var body = Answers.ToJsonBody(Answers.StrongCase());
        return body + new string(' ', length - Encoding.UTF8.GetByteCount(body));
    }

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
    public async Task ApiRead_SendsCapabilityHeaders()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        using var response = await client.GetAsync($"/api/assessments/{created.ShareToken}");

        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
    }
}
