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
    /// <summary>
    /// The example counts tried: both sides of the default thresholds for curated rows (100, 1,000, 10,000, 15,000,
    /// 20,000, 25,000) and for partly reviewed and raw rows (2,500, 25,000; 10,000, 100,000), and the limits.
    /// </summary>
    public static IReadOnlyList<long> ExampleCounts { get; } =
        [0, 1, 99, 200, 999, 1000, 1500, 2499, 2500, 9999, 10000, 14999, 15000, 19999, 20000, 25000, 60000, 100_000, 1_000_000, 100_000_000];

    public static RuleSet DefaultRules { get; } = RuleSetLoader.LoadDefault();

    public static AssessmentResult Evaluate(AnswerSet answers) => RulesEngine.Evaluate(answers, DefaultRules);

    /// <summary>
    /// The verdict and scores by the engine's fast path (<see cref="RulesEngine.Decide"/>: no explanation, plan or
    /// hinges, which are most of what <see cref="RulesEngine.Evaluate"/> costs), for properties over many answer sets.
    /// The corpus tests check it agrees with the full result.
    /// </summary>
    public static Decision Decide(AnswerSet answers) => RulesEngine.Decide(answers, DefaultRules);

    public static int Score(AnswerSet answers) => Decide(answers).ReadinessScore;

    /// <summary>
    /// The decisions for <paramref name="origin"/> with one answer set to each of <paramref name="values"/> in turn, by
    /// the path the hinge search takes (the answers turned into facts once, then only the rules the answer can affect
    /// fired again): what makes walks over thousands of answer sets cheap. A change that makes an unanswered question
    /// apply is decided in full instead. <see cref="Evaluation.HingeTests"/> checks this path agrees with a full decision.
    /// </summary>
    public static IReadOnlyList<Decision> Walk(AnswerSet origin, string questionId, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(values);
        var rules = DefaultRules;
        var question = QuestionCatalogue.Find(questionId)!;
        var facts = Facts.Of(origin, rules.Procedure);
        var baseline = new Tally(rules.Rules.Count);
        RulesEngine.FireAndDecide(facts, rules, baseline);
        var changed = facts.Copy();
        var scratch = new Tally(rules.Rules.Count);
        var decisions = new List<Decision>(values.Count);
        foreach (var value in values)
        {
            changed.CopyFrom(facts);
            decisions.Add(changed.TrySet(question.Position, Facts.ValueOf(question, value), rules.Procedure)
                ? RulesEngine.Redecide(changed, rules, baseline, scratch, question.Position)
                : Decide(origin.With(questionId, value)));
        }

        return decisions;
    }

    public static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every value a question can take in these tests, in the question's own order.</summary>
    public static IReadOnlyList<string> ValuesOf(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type switch
        {
            QuestionType.Choice => [.. question.Choices.Select(c => c.Value)],
            QuestionType.Boolean => ["true", "false"],
            QuestionType.Number => [.. ExampleCounts.Where(n => n >= question.Minimum && n <= question.Maximum).Select(Text)],
            _ => ["A generated use case."],
        };
    }

    /// <summary>
    /// Complete answer sets drawn from a seeded generator (every question that applies answered, none that does not);
    /// <paramref name="dropEvery"/> &gt; 0 leaves answers out.
    /// </summary>
    public static IReadOnlyList<AnswerSet> Generated(int count, ulong seed, int dropEvery = 0)
    {
        var random = new SplitMix64(seed);
        var sets = new List<AnswerSet>(count);
        for (var i = 0; i < count; i++)
        {
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            // The optional cost questions feed the cost estimate, not the rules (requests a month aside, which
            // CostAnswersTests covers): the corpus leaves them out, as most assessments do.
            foreach (var question in QuestionCatalogue.Questions.Where(q => !q.Optional))
            {
                var values = ValuesOf(question);
                var value = values[random.Below(values.Count)];
                if (dropEvery > 0 && random.Below(dropEvery) == 0)
                {
                    continue;
                }

                answers[question.Id] = value;
            }

            sets.Add(dropEvery > 0 ? new AnswerSet(answers) : QuestionCatalogue.Applicable(new AnswerSet(answers)));
        }

        return sets;
    }

    /// <summary>
    /// The answers with one changed, made valid again: answers to questions that no longer apply dropped, and a question
    /// that now applies answered with its first value.
    /// </summary>
    public static AnswerSet Changed(AnswerSet origin, string id, string value)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var changed = origin.With(id, value);
        foreach (var question in QuestionCatalogue.Questions.Where(q => q.AppliesWhen is not null && !changed.ContainsKey(q.Id)))
        {
            if (question.AppliesTo(changed))
            {
                changed = changed.With(question.Id, ValuesOf(question)[0]);
            }
        }

        return QuestionCatalogue.Applicable(changed);
    }

    /// <summary>Every valid answer set that differs from <paramref name="origin"/> in one answer (see <see cref="Changed"/>).</summary>
    public static IEnumerable<AnswerSet> Neighbours(AnswerSet origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        foreach (var question in QuestionCatalogue.Questions.Where(q => q.Type != QuestionType.Text && q.AppliesTo(origin)))
        {
            foreach (var value in ValuesOf(question))
            {
                if (!origin.TryGetValue(question.Id, out var current) || current != value)
                {
                    yield return Changed(origin, question.Id, value);
                }
            }
        }
    }

    /// <summary>How many answer sets the corpus draws from the seeded generator.</summary>
    public const int GeneratedCount = 3000;

    private static readonly Lazy<IReadOnlyList<CorpusEntry>> LazyCorpus = new(() =>
    {
        var golden = GoldenCaseFile.All.Select(c => QuestionCatalogue.Applicable(c.Answers)).ToList();
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
    /// (all complete and valid: every question that applies answered, none that does not).
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
