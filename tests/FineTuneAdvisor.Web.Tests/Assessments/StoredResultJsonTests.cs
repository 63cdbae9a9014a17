using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Pages.Results;

namespace FineTuneAdvisor.Web.Tests.Assessments;

/// <summary>
/// ResultJson rows written before verdict, effect, signal and group became enums (one golden case per verdict, in
/// the scoring tests' StoredResults file) read with the app's own JSON options, show as before, and would be
/// written back byte for byte: the API copies stored JSON to clients as it is.
/// </summary>
public sealed class StoredResultJsonTests
{
    private static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "StoredResults", "before-typed-enums.jsonl");

    public static TheoryData<string> Lines => [.. File.ReadAllLines(FilePath).Where(l => l.Length > 0)];

    [Theory]
    [MemberData(nameof(Lines))]
    public void Deserialize_ResultJsonOfTheOldCode_ReadsTypedValuesAndWritesTheSameBytes(string line)
    {
        var stored = ResultOf(line);

        var result = JsonSerializer.Deserialize<AssessmentResult>(stored, JsonDefaults.Options)!;

        using var document = JsonDocument.Parse(stored);
        Assert.Equal(Verdicts.FromCode(document.RootElement.GetProperty("verdict").GetString()), result.Verdict);
        Assert.Equal(stored, JsonSerializer.Serialize(result, JsonDefaults.Options));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Render_ResultJsonOfTheOldCode_ShowsItsCodeAndGroupsItsRulesAsBefore(string line)
    {
        var stored = ResultOf(line);
        var result = JsonSerializer.Deserialize<AssessmentResult>(stored, JsonDefaults.Options)!;
        using var document = JsonDocument.Parse(stored);
        var effects = document.RootElement.GetProperty("firedRules").EnumerateArray().Select(r => r.GetProperty("effect").GetString()).ToList();

        var answers = new Dictionary<string, string>();
        var cost = new FineTuneAdvisor.Web.Costs.AssessmentCosts(new FineTuneAdvisor.Web.Costs.ActiveCatalogue(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero))).For(answers, null);
        var markdown = MarkdownReport.Render(new StoredAssessment("p1", new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), 1, answers, result), "https://example.test/a/x", cost);

        Assert.Contains($"**Verdict code:** `{document.RootElement.GetProperty("verdict").GetString()}`", markdown, StringComparison.Ordinal);
        Assert.Equal(effects.Contains("blocker"), markdown.Contains("### Blockers", StringComparison.Ordinal));
        Assert.Equal(effects.Count(e => e == "blocker"), ResultView.Rules(result, "blockers").Count());
        Assert.All(ResultView.Rules(result, "against"), r => Assert.Equal(RuleEffect.Oppose, r.Effect));
    }

    private static string ResultOf(string line)
    {
        const string key = ",\"result\":";
        return line[(line.IndexOf(key, StringComparison.Ordinal) + key.Length)..^1];
    }
}
