using System.Collections;
using System.Globalization;

namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>Answers keyed by question id, each in canonical string form (see <see cref="AnswerCheck"/>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "An answer set reads better than an answer dictionary.")]
public sealed class AnswerSet(IEnumerable<KeyValuePair<string, string>> answers) : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _answers = new(answers, StringComparer.Ordinal);

    public static AnswerSet Empty { get; } = new([]);

    public string this[string key] => _answers[key];
    public IEnumerable<string> Keys => _answers.Keys;
    public IEnumerable<string> Values => _answers.Values;
    public int Count => _answers.Count;

    public bool ContainsKey(string key) => _answers.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) =>
        _answers.TryGetValue(key, out value);

    public long? NumberOf(string id) =>
        _answers.TryGetValue(id, out var raw) && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>A copy with one answer replaced: the building block of "what if" comparisons and metamorphic tests.</summary>
    public AnswerSet With(string id, string value)
    {
        var copy = new Dictionary<string, string>(_answers, StringComparer.Ordinal) { [id] = value };
        return new AnswerSet(copy);
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _answers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
