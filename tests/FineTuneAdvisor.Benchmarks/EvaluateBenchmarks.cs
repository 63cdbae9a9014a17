using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Benchmarks;

/// <summary>
/// The scoring engine on every golden case (tests/FineTuneAdvisor.Scoring.Tests/GoldenCases), as a submitted assessment
/// runs it: <c>Evaluate</c> with its plan, confidence and hinges (the budget is 200 µs an assessment), and the fast
/// <c>Decide</c> the hinge search and "what the current rules would say" use. Times are per assessment.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class EvaluateBenchmarks
{
    private readonly RuleSet _rules = RuleSetLoader.LoadDefault();
    private AnswerSet[] _cases = [];

    /// <summary>How many assessments one invocation evaluates (BenchmarkDotNet divides by it).</summary>
    public const int Assessments = 40;

    [GlobalSetup]
    public void Setup()
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "golden-cases.json")));
        _cases = [.. golden.RootElement.GetProperty("cases").EnumerateArray().Select(c => new AnswerSet(
            c.GetProperty("answers").EnumerateObject().Select(a => new KeyValuePair<string, string>(a.Name, a.Value.ValueKind switch
            {
                JsonValueKind.String => a.Value.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => a.Value.GetRawText(),
            }))))];
        if (_cases.Length != Assessments)
        {
            throw new InvalidOperationException($"Expected {Assessments} golden cases, found {_cases.Length}: update Assessments.");
        }
    }

    [Benchmark(OperationsPerInvoke = Assessments)]
    public int EvaluateWithHinges()
    {
        var hinges = 0;
        foreach (var answers in _cases)
        {
            hinges += RulesEngine.Evaluate(answers, _rules).Hinges!.Count;
        }

        return hinges;
    }

    [Benchmark(OperationsPerInvoke = Assessments)]
    public int Decide()
    {
        var score = 0;
        foreach (var answers in _cases)
        {
            score += RulesEngine.Decide(answers, _rules).ReadinessScore;
        }

        return score;
    }
}
