using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

/// <summary>
/// Stored results must not change: a result stored by version 1 (before the codes became enums and before schema 2)
/// reads back with its typed values, lacks every schema-2 member, and is written back byte for byte. The replay of
/// version 1 (<see cref="VersionOne"/>) writes exactly what the old code stored, which is what makes the "fails on
/// version 1" half of <see cref="VersionOneDefectsTests"/> trustworthy.
/// </summary>
public sealed class AssessmentResultJsonTests
{
    /// <summary>The options the web stores results and answers the API with (JsonDefaults.Options).</summary>
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Cases => [.. StoredResultsFile.Read().Select(c => c.Case)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Serialize_VersionOneReplayOfAGoldenCase_IsByteForByteWhatTheOldCodeStored(string name)
    {
        var stored = StoredResultsFile.Read().Single(c => c.Case == name).ResultJson;

        var replayed = JsonSerializer.Serialize(VersionOne.Evaluate(GoldenCaseFile.Named(name).Answers), Web);

        Assert.Equal(stored, replayed);
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
        Assert.True(result is { CaseScore: null, TeamScore: null, FineTuneStage: null, Blockers: null, Plan: null, Confidence: null, Hinges: null, Measures: null });
        Assert.Equal(("Readiness to fine-tune", result.ReadinessScore), Verdicts.HeadlineScore(result));
    }

    /// <summary>A schema-2 result writes every new member with its snake_case codes, and reads back equal.</summary>
    [Fact]
    public void Serialize_VersionTwoResult_WritesTheNewMembersAndReadsBackEqual()
    {
        var result = TestAnswers.Evaluate(GoldenCaseFile.Named("onboarding-assistant-unsure-answers").Answers);

        var json = JsonSerializer.Serialize(result, Web);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(
            ["verdict", "verdictReason", "readinessScore", "criteria", "firedRules", "risks", "nextSteps", "ruleSetVersion",
             "caseScore", "teamScore", "fineTuneStage", "blockers", "plan", "confidence", "hinges", "measures"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pilot", root.GetProperty("fineTuneStage").GetString());
        Assert.Equal("low", root.GetProperty("confidence").GetProperty("level").GetString());
        Assert.Equal(["removeFirst", "then"], root.GetProperty("plan").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "text", "citation"], root.GetProperty("plan").GetProperty("removeFirst")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["question", "from", "to", "verdict", "fineTuneStage", "text"], root.GetProperty("hinges")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(result, JsonSerializer.Deserialize<AssessmentResult>(json, Web));
    }

    [Fact]
    public void StoredResults_File_CoversEveryVerdictEffectSignalAndGroup()
    {
        var results = StoredResultsFile.Read().Select(c => JsonSerializer.Deserialize<AssessmentResult>(c.ResultJson, Web)!).ToList();

        Assert.Equal(Enum.GetValues<Verdict>().Order(), results.Select(r => r.Verdict).Distinct().Order());
        Assert.Equal(Enum.GetValues<RuleEffect>().Order(), results.SelectMany(r => r.FiredRules).Select(r => r.Effect).Distinct().Order());
        // Version 1 had no feasibility signal.
        Assert.Equal(Enum.GetValues<RuleSignal>().Where(s => s != RuleSignal.Feasibility).Order(),
            results.SelectMany(r => r.FiredRules).Where(r => r.Signal is not null).Select(r => r.Signal!.Value).Distinct().Order());
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
