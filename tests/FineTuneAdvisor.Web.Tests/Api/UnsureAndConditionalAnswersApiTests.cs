using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Api;

/// <summary>
/// "Not sure" answers and conditional questions through the JSON API (spec: a question that does not apply is neither
/// asked nor required; an answer to it is accepted, not stored and not scored, never refused), and the result's
/// confidence, plan groups and hinges as the API and its OpenAPI document give them.
/// </summary>
public sealed class UnsureAndConditionalAnswersApiTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task BiasMitigation_AtLowRisk_IsNotRequired_AndAnAnswerToItIsAcceptedButNeitherStoredNorScored()
    {
        var client = _app.CreateClient();
        var without = Answers.StrongCase();
        without.Remove("bias_mitigation");
        var with = Answers.StrongCase();
        with["bias_mitigation"] = "in_place";

        var skipped = await ApiAssessments.CreateAsync(client, without);
        var answered = await ApiAssessments.CreateAsync(client, with);

        foreach (var created in new[] { skipped, answered })
        {
            Assert.False(created.Body["answers"]!.AsObject().ContainsKey("bias_mitigation"));
            var read = JsonNode.Parse(await client.GetStringAsync($"/api/assessments/{created.ShareToken}"))!;
            Assert.False(read["answers"]!.AsObject().ContainsKey("bias_mitigation"));
        }

        // Not scored: "in_place" at a low risk changes nothing in the result.
        Assert.True(JsonNode.DeepEquals(skipped.Body["result"], answered.Body["result"]));
        Assert.DoesNotContain(skipped.Body["result"]!["firedRules"]!.AsArray(), r => r!["id"]!.GetValue<string>().StartsWith("bias-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BiasMitigation_AtLowRisk_WithAValueOfTheWrongType_IsStillNotRefused()
    {
        var client = _app.CreateClient();
        var answers = ApiAssessments.TypedStrongCase();
        answers["bias_mitigation"] = 42;

        using var response = await client.PostAsync("/api/assessments", ApiAssessments.Json(ApiAssessments.Body(answers)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("moderate")]
    [InlineData("high")]
    [InlineData("not_sure")]
    public async Task BiasMitigation_WhenTheRiskIsNotLow_IsRequiredAndNamed(string risk)
    {
        var client = _app.CreateClient();
        var answers = ApiAssessments.TypedStrongCase();
        answers["bias_risk"] = risk;
        answers.Remove("bias_mitigation");

        using var response = await client.PostAsync("/api/assessments", ApiAssessments.Json(ApiAssessments.Body(answers)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(["answers.bias_mitigation"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task NotSure_OnTheFiveUncertainQuestions_IsAccepted_LowersConfidence_AndEachBecomesAStepThatResolvesIt()
    {
        var client = _app.CreateClient();
        // Far from any count that changes the verdict, so only the unsure answers lower the confidence.
        var answers = Answers.StrongCase();
        answers["example_count"] = "60000";
        var sure = await ApiAssessments.CreateAsync(client, answers);
        foreach (var id in new[] { "prompting_status", "request_volume", "data_quality", "change_frequency", "bias_risk" })
        {
            answers[id] = "not_sure";
        }

        answers["bias_mitigation"] = "planned";
        var unsure = await ApiAssessments.CreateAsync(client, answers);

        Assert.Equal("high", sure.Body["result"]!["confidence"]!["level"]!.GetValue<string>());
        var confidence = unsure.Body["result"]!["confidence"]!;
        Assert.Equal("low", confidence["level"]!.GetValue<string>());
        Assert.True(confidence["reasons"]!.AsArray().Count >= 5, confidence.ToJsonString());
        var plan = unsure.Body["result"]!["plan"]!;
        var steps = plan["removeFirst"]!.AsArray().Concat(plan["then"]!.AsArray()).Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("settle-prompting", steps);
        Assert.Contains("settle-quality", steps);
        Assert.Contains("settle-change", steps);
        Assert.Contains("settle-bias", steps);
        Assert.Contains("settle-volume", steps);
        Assert.Equal("not_sure", unsure.Body["answers"]!["data_quality"]!.GetValue<string>());
    }

    [Fact]
    public async Task Result_CarriesPlanGroups_Confidence_AndHinges_AndNextStepsIsThePlanFlattened()
    {
        var client = _app.CreateClient();
        var answers = Answers.StrongCase();
        answers["example_count"] = "2500";

        var created = await ApiAssessments.CreateAsync(client, answers);

        var result = created.Body["result"]!;
        Assert.Equal("pilot", result["verdict"]!.GetValue<string>());
        Assert.Equal("pilot", result["fineTuneStage"]!.GetValue<string>());
        var plan = result["plan"]!;
        var flattened = plan["removeFirst"]!.AsArray().Concat(plan["then"]!.AsArray()).Select(s => s!["text"]!.GetValue<string>());
        Assert.Equal(result["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()), flattened);
        Assert.All(plan["then"]!.AsArray(), s => Assert.False(string.IsNullOrWhiteSpace(s!["citation"]!.GetValue<string>())));
        var hinge = result["hinges"]!.AsArray().First(h => h!["question"]!.GetValue<string>() == "example_count")!;
        Assert.Equal(("2500", "fine_tune"), (hinge["from"]!.GetValue<string>(), hinge["verdict"]!.GetValue<string>()));
        Assert.Contains("Fine-tune for production", hinge["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("high", result["confidence"]!["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task Questionnaire_SaysWhenBiasMitigationApplies_AndWhichChoicesAreUnsure()
    {
        var client = _app.CreateClient();

        var questionnaire = JsonNode.Parse(await client.GetStringAsync("/api/questionnaire"))!;

        var questions = questionnaire["questions"]!.AsArray();
        var mitigation = questions.Single(q => q!["id"]!.GetValue<string>() == "bias_mitigation")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"not":{"question":"bias_risk","equals":"low"}}"""), mitigation["appliesWhen"]));
        var domain = questions.Single(q => q!["id"]!.GetValue<string>() == "domain")!;
        Assert.Null(domain["appliesWhen"]);
        var quality = questions.Single(q => q!["id"]!.GetValue<string>() == "data_quality")!;
        var unsure = quality["choices"]!.AsArray().Where(c => c!["unsure"]!.GetValue<bool>()).Select(c => c!["value"]!.GetValue<string>());
        Assert.Equal(["not_sure"], unsure);
    }

    [Fact]
    public async Task OpenApi_DocumentsConfidenceHingesAndThePlanGroups()
    {
        var client = _app.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var result = Properties(schemas, Properties(schemas, schemas.GetProperty("AssessmentResponse")).GetProperty("result"));
        foreach (var field in new[] { "verdict", "readinessScore", "criteria", "firedRules", "nextSteps", "ruleSetVersion", "confidence", "hinges", "plan", "caseScore", "teamScore", "fineTuneStage", "blockers" })
        {
            Assert.True(result.TryGetProperty(field, out _), $"AssessmentResult lacks '{field}'.");
        }

        var plan = Properties(schemas, result.GetProperty("plan"));
        Assert.True(plan.TryGetProperty("removeFirst", out _));
        Assert.True(plan.TryGetProperty("then", out _));
        var confidence = Properties(schemas, result.GetProperty("confidence"));
        Assert.True(confidence.TryGetProperty("level", out _));
        Assert.True(confidence.TryGetProperty("reasons", out _));
        var hinge = Properties(schemas, result.GetProperty("hinges").GetProperty("items"));
        foreach (var field in new[] { "question", "from", "to", "verdict", "text" })
        {
            Assert.True(hinge.TryGetProperty(field, out _), $"A hinge lacks '{field}'.");
        }
    }

    /// <summary>The properties of a schema, following a $ref and a nullable wrapper (oneOf/anyOf with null).</summary>
    private static JsonElement Properties(JsonElement schemas, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Properties(schemas, schemas.GetProperty(reference.GetString()!.Split('/')[^1]));
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                return Properties(schemas, options.EnumerateArray().First(o => o.TryGetProperty("$ref", out _) || o.TryGetProperty("properties", out _)));
            }
        }

        return schema.GetProperty("properties");
    }
}
