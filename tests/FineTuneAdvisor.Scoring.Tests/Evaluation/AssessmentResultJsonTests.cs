using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

/// <summary>
/// Stored results and API responses must not change when the result's codes became enums: the same answers give the
/// same JSON, byte for byte, and a result stored by the old code reads back with its typed values.
/// </summary>
public sealed class AssessmentResultJsonTests
{
    /// <summary>The options the web stores results and answers the API with (JsonDefaults.Options).</summary>
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Cases => [.. StoredResultsFile.Read().Select(c => c.Case)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Serialize_GoldenCaseResult_IsByteForByteWhatTheOldCodeStored(string name)
    {
        var stored = StoredResultsFile.Read().Single(c => c.Case == name).ResultJson;

        var today = JsonSerializer.Serialize(RulesEngine.Evaluate(GoldenCaseFile.Named(name).Answers, TestAnswers.DefaultRules), Web);

        Assert.Equal(stored, today);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Deserialize_ResultStoredByTheOldCode_ReadsTypedValuesAndWritesTheSameBytes(string name)
    {
        var stored = StoredResultsFile.Read().Single(c => c.Case == name).ResultJson;

        var result = JsonSerializer.Deserialize<AssessmentResult>(stored, Web)!;

        using var document = JsonDocument.Parse(stored);
        var root = document.RootElement;
        Assert.Equal(root.GetProperty("verdict").GetString(), result.Verdict.Code());
        Assert.Equal(
            root.GetProperty("firedRules").EnumerateArray().Select(r => (r.GetProperty("effect").GetString(), r.GetProperty("signal").GetString())),
            result.FiredRules.Select(r => ((string?)r.Effect.JsonName(), r.Signal?.JsonName())));
        Assert.Equal(root.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("group").GetString()), result.Criteria.Select(c => c.Group.JsonName()));
        Assert.Equal(stored, JsonSerializer.Serialize(result, Web));
    }

    [Fact]
    public void StoredResults_File_CoversEveryVerdictEffectSignalAndGroup()
    {
        var results = StoredResultsFile.Read().Select(c => JsonSerializer.Deserialize<AssessmentResult>(c.ResultJson, Web)!).ToList();

        Assert.Equal(Enum.GetValues<Verdict>().Order(), results.Select(r => r.Verdict).Distinct().Order());
        Assert.Equal(Enum.GetValues<RuleEffect>().Order(), results.SelectMany(r => r.FiredRules).Select(r => r.Effect).Distinct().Order());
        Assert.Equal(Enum.GetValues<RuleSignal>().Order(), results.SelectMany(r => r.FiredRules).Where(r => r.Signal is not null).Select(r => r.Signal!.Value).Distinct().Order());
        Assert.Contains(results.SelectMany(r => r.FiredRules), r => r.Signal is null);
        Assert.Equal(Enum.GetValues<CriterionGroup>().Order(), results.SelectMany(r => r.Criteria).Select(c => c.Group).Distinct().Order());
    }

    /// <summary>Results compare by value, so the determinism properties can compare them without writing JSON.</summary>
    [Fact]
    public void Equals_ResultReadBackFromItsJson_IsEqualAndAnyChangedFieldOrItemIsNot()
    {
        var result = RulesEngine.Evaluate(GoldenCaseFile.Named("customer-support-tone-2500").Answers, TestAnswers.DefaultRules);

        var copy = JsonSerializer.Deserialize<AssessmentResult>(JsonSerializer.Serialize(result, Web), Web)!;

        Assert.Equal(result, copy);
        Assert.Equal(result.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(result, copy with { ReadinessScore = copy.ReadinessScore + 1 });
        Assert.NotEqual(result, copy with { NextSteps = [.. copy.NextSteps.Reverse()] });
        Assert.NotEqual(result, copy with { FiredRules = [.. copy.FiredRules.Select((r, i) => i == 0 ? r with { Weight = r.Weight + 0.5 } : r)] });
        Assert.NotEqual(result, copy with { Criteria = [.. copy.Criteria.Skip(1)] });
    }
}
