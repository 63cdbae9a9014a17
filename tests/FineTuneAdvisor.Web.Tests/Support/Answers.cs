namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>Complete answer sets for tests: a clear fine-tuning case that can be varied one answer at a time.</summary>
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
        ["example_count"] = "20000",
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

    /// <summary>The same answers as a JSON API body, with numbers and booleans as JSON types.</summary>
    public static string ToJsonBody(IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var typed = answers.ToDictionary(a => a.Key, a => a.Key switch
        {
            "example_count" when long.TryParse(a.Value, out var n) => (object)n,
            "has_eval_set" when a.Value is "true" or "false" => a.Value == "true",
            _ => a.Value,
        });
        return System.Text.Json.JsonSerializer.Serialize(new { answers = typed });
    }
}
