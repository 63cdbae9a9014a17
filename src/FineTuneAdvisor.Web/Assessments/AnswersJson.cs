using System.Globalization;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// Answers as stored and as the API shows them: numbers for counts, true/false for yes/no, strings otherwise.
/// Stored in this shape once, so reads can hand the JSON out as it is.
/// </summary>
public static class AnswersJson
{
    public static string Serialize(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var question in QuestionCatalogue.Questions)
            {
                if (!answers.TryGetValue(question.Id, out var value))
                {
                    continue;
                }

                switch (question.Type)
                {
                    case QuestionType.Number when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n):
                        writer.WriteNumber(question.Id, n);
                        break;
                    case QuestionType.Boolean:
                        writer.WriteBoolean(question.Id, value == "true");
                        break;
                    default:
                        writer.WriteString(question.Id, value);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Back to canonical answer strings, as the engine and the pages use them.</summary>
    public static Dictionary<string, string> Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            answers[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => property.Value.GetInt64().ToString(CultureInfo.InvariantCulture),
                _ => property.Value.GetString() ?? "",
            };
        }

        return answers;
    }
}
