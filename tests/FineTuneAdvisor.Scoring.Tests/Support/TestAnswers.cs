using System.Globalization;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;

namespace FineTuneAdvisor.Scoring.Tests.Support;

/// <summary>
/// Answer sets for property tests: the golden cases, every one-answer change of them (a deterministic grid), and
/// answer sets drawn by a seeded SplitMix64 generator. Nothing depends on the clock or on System.Random.
/// </summary>
public static class TestAnswers
{
    /// <summary>The example counts tried: both sides of each default threshold (1,000 and 10,000) and the limits.</summary>
    public static IReadOnlyList<long> ExampleCounts { get; } = [0, 1, 200, 999, 1000, 1500, 2500, 9999, 10000, 25000, 1_000_000, 100_000_000];

    public static RuleSet DefaultRules { get; } = RuleSetLoader.LoadDefault();

    public static AssessmentResult Evaluate(AnswerSet answers) => RulesEngine.Evaluate(answers, DefaultRules);

    /// <summary>
    /// The readiness score by the engine's own first two steps (fire the rules, add up their weights), without
    /// rendering the explanation, which is most of what <see cref="RulesEngine.Evaluate"/> costs: for properties of
    /// the score over many answer sets. <see cref="CorpusResults"/> checks it equals the full result's score.
    /// </summary>
    public static int Score(AnswerSet answers) => RulesEngine.ReadinessScore(RulesEngine.Fire(answers, DefaultRules), DefaultRules);

    public static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every value a question can take in these tests, in the question's own order.</summary>
    public static IReadOnlyList<string> ValuesOf(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type switch
        {
            QuestionType.Choice => [.. question.Choices.Select(c => c.Value)],
            QuestionType.Boolean => ["true", "false"],
            QuestionType.Number => [.. ExampleCounts.Select(Text)],
            _ => ["A generated use case."],
        };
    }

    /// <summary>Complete answer sets drawn from a seeded generator; <paramref name="dropEvery"/> &gt; 0 leaves answers out.</summary>
    public static IReadOnlyList<AnswerSet> Generated(int count, ulong seed, int dropEvery = 0)
    {
        var random = new SplitMix64(seed);
        var sets = new List<AnswerSet>(count);
        for (var i = 0; i < count; i++)
        {
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var question in QuestionCatalogue.Questions)
            {
                var values = ValuesOf(question);
                var value = values[random.Below(values.Count)];
                if (dropEvery > 0 && random.Below(dropEvery) == 0)
                {
                    continue;
                }

                answers[question.Id] = value;
            }

            sets.Add(new AnswerSet(answers));
        }

        return sets;
    }

    /// <summary>Every answer set that differs from <paramref name="origin"/> in exactly one answer.</summary>
    public static IEnumerable<AnswerSet> Neighbours(AnswerSet origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        foreach (var question in QuestionCatalogue.Questions.Where(q => q.Type != QuestionType.Text))
        {
            foreach (var value in ValuesOf(question))
            {
                if (!origin.TryGetValue(question.Id, out var current) || current != value)
                {
                    yield return origin.With(question.Id, value);
                }
            }
        }
    }

    /// <summary>How many answer sets the corpus draws from the seeded generator.</summary>
    public const int GeneratedCount = 3000;

    private static readonly Lazy<IReadOnlyList<CorpusEntry>> LazyCorpus = new(() =>
    {
        var golden = GoldenCaseFile.All.Select(c => c.Answers).ToList();
        IEnumerable<(AnswerSet Answers, CorpusSource Source)> all =
        [
            .. golden.Select(a => (a, CorpusSource.Golden)),
            .. golden.SelectMany(Neighbours).Select(a => (a, CorpusSource.Neighbour)),
            .. Generated(GeneratedCount, seed: 20240117).Select(a => (a, CorpusSource.Generated)),
        ];
        return [.. all.Select(e => new CorpusEntry(e.Answers, Evaluate(e.Answers), e.Source))];
    });

    /// <summary>
    /// The base answer sets of the property tests: golden cases, their one-answer neighbours and 3,000 generated sets
    /// (all complete and valid).
    /// </summary>
    public static IReadOnlyList<AnswerSet> Corpus => LazyCorpusAnswers.Value;

    private static readonly Lazy<IReadOnlyList<AnswerSet>> LazyCorpusAnswers = new(() => [.. LazyCorpus.Value.Select(e => e.Answers)]);

    /// <summary>The corpus with each answer set's result, evaluated once for every test that reads it.</summary>
    public static IReadOnlyList<CorpusEntry> CorpusResults => LazyCorpus.Value;

    /// <summary>A short, stable description of an answer set for failure messages.</summary>
    public static string Describe(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return "{" + string.Join(", ", QuestionCatalogue.Questions
            .Where(q => q.Type != QuestionType.Text && answers.ContainsKey(q.Id))
            .Select(q => $"{q.Id}={answers[q.Id]}")) + "}";
    }
}
