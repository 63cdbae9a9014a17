using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.Tests.GoldenCases;

/// <summary>What the article says a case must come out as.</summary>
public sealed record GoldenExpectation(
    Verdict Verdict,
    FineTuneStage Stage,
    IReadOnlyList<string> FiredRules,
    IReadOnlyList<string> NotFiredRules,
    int? MinScore,
    int? MaxScore,
    IReadOnlyList<string> RemoveFirstContains,
    IReadOnlyList<string> ThenContains,
    ConfidenceLevel? Confidence,
    IReadOnlyList<string> Hinges);

/// <summary>One use case with answers to every question that applies and the verdict the article's reasoning gives it.</summary>
public sealed record GoldenCase(string Name, string Justification, AnswerSet Answers, GoldenExpectation Expect)
{
    public override string ToString() => Name;
}

/// <summary>
/// Reads GoldenCases/golden-cases.json strictly: an unknown or misspelt property is an error, so a typo in an
/// expectation cannot silently turn into a check that never runs.
/// </summary>
public static class GoldenCaseFile
{
    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "GoldenCases", "golden-cases.json");

    private static readonly Lazy<IReadOnlyList<GoldenCase>> Cases = new(() => Parse(File.ReadAllText(FilePath)));

    public static IReadOnlyList<GoldenCase> All => Cases.Value;

    public static GoldenCase Named(string name) => All.Single(c => c.Name == name);

    public static IReadOnlyList<GoldenCase> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Only(root, "$", "cases");
        var cases = new List<GoldenCase>();
        var index = 0;
        foreach (var element in root.GetProperty("cases").EnumerateArray())
        {
            var path = $"$.cases[{index++}]";
            Only(element, path, "name", "justification", "answers", "expect");
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var answer in element.GetProperty("answers").EnumerateObject())
            {
                answers[answer.Name] = answer.Value.ValueKind switch
                {
                    JsonValueKind.String => answer.Value.GetString()!,
                    JsonValueKind.Number => answer.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => throw new InvalidDataException($"{path}.answers.{answer.Name}: a string, number or boolean."),
                };
            }

            var expect = element.GetProperty("expect");
            Only(expect, $"{path}.expect", "verdict", "stage", "firedRules", "notFiredRules", "minScore", "maxScore",
                "removeFirstContains", "thenContains", "confidence", "hinges");
            cases.Add(new GoldenCase(
                element.GetProperty("name").GetString()!,
                element.GetProperty("justification").GetString()!,
                new AnswerSet(answers),
                new GoldenExpectation(
                    Verdicts.FromCode(expect.GetProperty("verdict").GetString())
                        ?? throw new InvalidDataException($"{path}.expect.verdict: not a verdict code ({string.Join(", ", Verdicts.All.Select(v => v.Code))})."),
                    Code<FineTuneStage>(expect, "stage", path) ?? throw new InvalidDataException($"{path}.expect.stage: required."),
                    Strings(expect, "firedRules"),
                    Strings(expect, "notFiredRules"),
                    expect.TryGetProperty("minScore", out var min) ? min.GetInt32() : null,
                    expect.TryGetProperty("maxScore", out var max) ? max.GetInt32() : null,
                    Strings(expect, "removeFirstContains"),
                    Strings(expect, "thenContains"),
                    Code<ConfidenceLevel>(expect, "confidence", path),
                    Strings(expect, "hinges"))));
        }

        return cases;
    }

    /// <summary>An enum's JSON name, or null when absent; a misspelt one is refused rather than never matching.</summary>
    private static TEnum? Code<TEnum>(JsonElement element, string name, string path)
        where TEnum : struct, Enum
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return JsonEnumNames.TryParse<TEnum>(value.GetString(), out var parsed)
            ? parsed
            : throw new InvalidDataException($"{path}.expect.{name}: one of {string.Join(", ", JsonEnumNames.Of<TEnum>())}.");
    }

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) ? [.. array.EnumerateArray().Select(e => e.GetString()!)] : [];

    private static void Only(JsonElement element, string path, params string[] names)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{path}.{property.Name}: unknown property (expected {string.Join(", ", names)}).");
            }
        }
    }
}
