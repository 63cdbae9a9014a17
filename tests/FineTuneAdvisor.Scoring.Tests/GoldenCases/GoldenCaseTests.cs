using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.GoldenCases;

/// <summary>
/// Use cases whose verdicts follow from the article's reasoning (each case quotes the line that justifies it),
/// checked against the engine with the default rule set.
/// </summary>
public class GoldenCaseTests
{
    public static TheoryData<string> CaseNames => [.. GoldenCaseFile.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Evaluate_GoldenCase_MatchesTheArticle(string name)
    {
        var golden = GoldenCaseFile.Named(name);
        var expect = golden.Expect;

        var result = RulesEngine.Evaluate(new AnswerSet(golden.Answers), TestAnswers.DefaultRules);

        var fired = result.FiredRules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        if (result.Verdict != expect.Verdict)
        {
            failures.Add($"verdict {result.Verdict}, expected {expect.Verdict} ({result.VerdictReason})");
        }

        failures.AddRange(expect.FiredRules.Where(id => !fired.Contains(id)).Select(id => $"rule {id} did not fire"));
        failures.AddRange(expect.NotFiredRules.Where(fired.Contains).Select(id => $"rule {id} fired"));
        if (result.ReadinessScore < expect.MinScore)
        {
            failures.Add($"score {result.ReadinessScore} below {expect.MinScore}");
        }

        if (result.ReadinessScore > expect.MaxScore)
        {
            failures.Add($"score {result.ReadinessScore} above {expect.MaxScore}");
        }

        failures.AddRange(expect.NextStepContains
            .Where(text => !result.NextSteps.Any(step => step.Contains(text, StringComparison.Ordinal)))
            .Select(text => $"no next step contains \"{text}\" (next steps: {string.Join(" | ", result.NextSteps)})"));

        Assert.True(failures.Count == 0,
            $"{name} ({golden.Justification}):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", failures)}"
            + $"{Environment.NewLine}  score {result.ReadinessScore}, fired: {string.Join(", ", fired)}");
    }

    [Fact]
    public void GoldenCases_File_HasAtLeast18DistinctCases()
    {
        var cases = GoldenCaseFile.All;

        Assert.True(cases.Count >= 18, $"only {cases.Count} golden cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(cases.Count, cases.Select(c => TestAnswers.Describe(c.Answers)).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(cases.Count, cases.Select(c => c.Answers["use_case_summary"]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void GoldenCases_Verdicts_EachVerdictHasAtLeastTwoCases()
    {
        var counts = GoldenCaseFile.All.GroupBy(c => c.Expect.Verdict).ToDictionary(g => g.Key, g => g.Count());

        var thin = Verdicts.All.Where(v => counts.GetValueOrDefault(v.Verdict) < 2).Select(v => v.Code).ToList();
        Assert.True(thin.Count == 0, $"verdicts with fewer than two golden cases: {string.Join(", ", thin)}");
    }

    [Fact]
    public void GoldenCases_Justifications_NameAnArticleSection()
    {
        Assert.All(GoldenCaseFile.All, c => Assert.True(
            ArticleSections.NamedIn(c.Justification).Count > 0,
            $"{c.Name}: the justification names no article section: {c.Justification}"));
    }

    [Fact]
    public void GoldenCases_Expectations_NameRulesOfTheDefaultSetAndSaneScores()
    {
        var ids = TestAnswers.DefaultRules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(GoldenCaseFile.All, c =>
        {
            Assert.True(c.Expect.FiredRules.Count > 0, $"{c.Name}: name at least one rule that must fire");
            Assert.All(c.Expect.FiredRules.Concat(c.Expect.NotFiredRules), id => Assert.True(ids.Contains(id), $"{c.Name}: unknown rule {id}"));
            Assert.Empty(c.Expect.FiredRules.Intersect(c.Expect.NotFiredRules, StringComparer.Ordinal));
            Assert.True(c.Expect.MinScore is null or >= 0 and <= 100, $"{c.Name}: minScore");
            Assert.True(c.Expect.MaxScore is null or >= 0 and <= 100, $"{c.Name}: maxScore");
        });
    }

    [Fact]
    public void GoldenCases_Answers_AreCompleteAndValidForEveryQuestion()
    {
        var problems = new List<string>();
        foreach (var golden in GoldenCaseFile.All)
        {
            foreach (var question in QuestionCatalogue.Questions)
            {
                var raw = golden.Answers.TryGetValue(question.Id, out var value) ? value : null;
                var problem = AnswerCheck.Problem(question, raw);
                if (problem is not null)
                {
                    problems.Add($"{golden.Name}.{question.Id} = '{raw}': {problem}");
                }
                else if (AnswerCheck.Normalize(question, raw!) != raw)
                {
                    problems.Add($"{golden.Name}.{question.Id} = '{raw}' is not in canonical form");
                }
            }

            problems.AddRange(golden.Answers.Keys.Where(id => QuestionCatalogue.Find(id) is null).Select(id => $"{golden.Name}: unknown question {id}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void GoldenCaseFile_UnknownExpectationProperty_IsRefused()
    {
        const string json = """{"cases": [{"name": "x", "justification": "y", "answers": {}, "expect": {"verdict": "rag", "firedRule": ["gap-knowledge"]}}]}""";

        var error = Assert.Throws<InvalidDataException>(() => GoldenCaseFile.Parse(json));

        Assert.Contains("$.cases[0].expect.firedRule", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A misspelt verdict would otherwise make a case that can never pass (or, compared as text, never fail).</summary>
    [Fact]
    public void GoldenCaseFile_UnknownVerdictCode_IsRefused()
    {
        const string json = """{"cases": [{"name": "x", "justification": "y", "answers": {}, "expect": {"verdict": "fine-tune", "firedRules": ["gap-knowledge"]}}]}""";

        var error = Assert.Throws<InvalidDataException>(() => GoldenCaseFile.Parse(json));

        Assert.Contains("$.cases[0].expect.verdict", error.Message, StringComparison.Ordinal);
    }
}
