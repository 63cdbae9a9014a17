using System.Globalization;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// The one mapping between answers (canonical strings, as the engine and the pages use them) and JSON values (as
/// stored, as the API reads and writes them): a number for counts, true/false for yes/no, a string for choices and
/// text. Answers are stored in this shape once, so reads hand the JSON out as it is.
/// </summary>
public static class AnswersJson
{
    /// <summary>The JSON a question's answer takes, in the API's words: "integer", "boolean", "choice" or "text".</summary>
    public static string TypeName(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return KindOf(question) switch
        {
            JsonValueKind.Number => "integer",
            JsonValueKind.True => "boolean",
            _ => question.Type == QuestionType.Choice ? "choice" : "text",
        };
    }

    /// <summary>Writes one answer as the JSON value its question takes.</summary>
    public static void Write(Utf8JsonWriter writer, Question question, string value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(value);
        switch (KindOf(question))
        {
            case JsonValueKind.Number when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                writer.WriteNumber(question.Id, number);
                break;
            case JsonValueKind.True:
                writer.WriteBoolean(question.Id, value == "true");
                break;
            default:
                writer.WriteString(question.Id, value);
                break;
        }
    }

    /// <summary>
    /// An answer a client sent, as the raw string the <see cref="AnswersValidator"/> then checks like a typed one;
    /// null with <paramref name="problem"/> set when the JSON value is not of the question's type.
    /// </summary>
    public static string? Read(Question question, JsonElement value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(question);
        problem = null;
        switch (KindOf(question))
        {
            case JsonValueKind.Number when question.Optional && value.ValueKind == JsonValueKind.String && value.ValueEquals(Choice.NotSure):
                return Choice.NotSure;
            case JsonValueKind.Number when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _):
            case JsonValueKind.True when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return Read(value);
            case JsonValueKind.String when value.ValueKind == JsonValueKind.String:
                try
                {
                    return value.GetString();
                }
                catch (InvalidOperationException)
                {
                    // JSON may escape half of a surrogate pair, which is no valid string: say so instead of failing.
                    problem = "Not valid text: it holds a lone surrogate escape such as \\ud800.";
                    return null;
                }

            case JsonValueKind.Number:
                problem = question.Optional ? "Must be a whole number, e.g. 2500, or \"not_sure\"." : "Must be a whole number, e.g. 2500.";
                return null;
            case JsonValueKind.True:
                problem = "Must be true or false.";
                return null;
            default:
                problem = question.Type == QuestionType.Choice
                    ? $"Must be a string, one of: {string.Join(", ", question.Choices.Select(c => c.Value))}."
                    : "Must be a string.";
                return null;
        }
    }

    /// <summary>A stored JSON value back as its canonical answer string.</summary>
    public static string Read(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetInt64().ToString(CultureInfo.InvariantCulture),
        _ => value.GetString() ?? "",
    };

    /// <summary>Answers as one JSON object, in catalogue order; ids the questionnaire does not ask are left out.</summary>
    public static string Serialize(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var question in QuestionCatalogue.Questions)
            {
                if (answers.TryGetValue(question.Id, out var value))
                {
                    Write(writer, question, value);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Stored answers back as canonical answer strings.</summary>
    public static Dictionary<string, string> Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            answers[property.Name] = Read(property.Value);
        }

        return answers;
    }

    /// <summary>The JSON kind of a question's answers: Number, True (for true or false) or String.</summary>
    private static JsonValueKind KindOf(Question question) => question.Type switch
    {
        QuestionType.Number => JsonValueKind.Number,
        QuestionType.Boolean => JsonValueKind.True,
        _ => JsonValueKind.String,
    };
}
