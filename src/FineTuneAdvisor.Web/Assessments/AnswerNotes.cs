using System.Text.Json;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>The owner's short notes by question id ("why we answered this"), stored as one JSON object.</summary>
public static class AnswerNotes
{
    public const int MaxLength = 500;

    private static readonly Dictionary<string, string> None = [];

    public static IReadOnlyDictionary<string, string> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? None : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? None;

    /// <summary>Blank notes are dropped; null when nothing is left, so the column stays empty.</summary>
    public static string? Serialize(IReadOnlyDictionary<string, string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var kept = notes.Where(n => !string.IsNullOrWhiteSpace(n.Value)).ToDictionary(n => n.Key, n => n.Value.Trim(), StringComparer.Ordinal);
        return kept.Count == 0 ? null : JsonSerializer.Serialize(kept);
    }
}
