using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// Complete answer sets for tests: a clear fine-tuning case that can be varied one answer at a time. It answers all
/// twenty questions, as clients written before conditional questions do (bias mitigation does not apply at a low risk).
/// </summary>
public static class Answers
{
    public static Dictionary<string, string> StrongCase() => new(StringComparer.Ordinal)
    {
        ["use_case_summary"] = "Turn support emails into SQL queries against the ticket database.",
        ["domain"] = "specialized",
        ["output_requirements"] = "strict_format",
        ["prompting_status"] = "insufficient",
        ["knowledge_vs_behavior"] = "behavior",
        ["prompt_efficiency_need"] = "high",
        ["request_volume"] = "high",
        ["example_count"] = "30000",
        ["data_quality"] = "curated",
        ["data_variety"] = "broad",
        ["has_eval_set"] = "true",
        ["change_frequency"] = "rarely",
        ["data_sensitivity"] = "internal",
        ["data_rights"] = "confirmed",
        ["bias_risk"] = "low",
        ["bias_mitigation"] = "none",
        ["budget"] = "substantial",
        ["ml_expertise"] = "dedicated_team",
        ["maintenance_capacity"] = "ongoing",
        ["model_hosting"] = "hosted_api",
    };

    /// <summary>The same answers as a JSON API body, each value in the JSON type the app's own mapping gives it.</summary>
    public static string ToJsonBody(IReadOnlyDictionary<string, string> answers) =>
        new JsonObject { ["answers"] = ToJson(answers) }.ToJsonString();

    /// <summary>Answers as JSON values (<see cref="AnswersJson"/>); an id the questionnaire does not ask stays a string.</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (id, value) in answers)
            {
                if (QuestionCatalogue.Find(id) is { } question)
                {
                    AnswersJson.Write(writer, question, value);
                }
                else
                {
                    writer.WriteString(id, value);
                }
            }

            writer.WriteEndObject();
        }

        return JsonNode.Parse(buffer.ToArray())!.AsObject();
    }
}
