using System.Globalization;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// What the verdict hinges on: every single-answer change that changes the verdict (or its fine-tuning stage), found by
/// deciding again with the change (the fast path: no messages rendered). Every other value of every answered choice
/// and yes/no question is tried (except "Not sure": nobody moves to not knowing); for the example count, the nearest
/// count above and below that changes it, searched between the counts where the rules' conditions change (their
/// thresholds turned into counts through the quality factor), then by bisection to within 1%, since between those only
/// the readiness score moves (and it never falls as examples grow). Only the rules an answer can affect are fired
/// again for each alternative (<see cref="RuleDependencies"/>). A change that would make a question apply that has no answer is not tried.
/// </summary>
internal sealed class HingeSearch
{
    /// <summary>At most this many hinges are listed: the few most useful, not every one.</summary>
    public const int MaxHinges = 6;

    private const int MaxPerQuestion = 2;

    private static readonly Question ExampleCount = QuestionCatalogue.Find("example_count")!;

    private readonly Decision _current;
    private readonly List<Change> _changes = [];
    private Change? _countUp;
    private Change? _countDown;

    private readonly Tally _baseline;
    private readonly Tally _scratch;

    private HingeSearch(Decision current, Tally baseline, Tally scratch) => (_current, _baseline, _scratch) = (current, baseline, scratch);

    private Decision Redecide(Facts changed, RuleSet ruleSet, Question question) =>
        RulesEngine.Redecide(changed, ruleSet, _baseline, _scratch, question.Position);

    /// <summary>One answer change and what it gives; <c>Distance</c> is how far it moves along the question's list.</summary>
    private sealed record Change(Question Question, string From, string To, int Distance, Decision Decision);

    /// <summary>The unsure answers (question ids) that some other answer would change the verdict of.</summary>
    public IReadOnlySet<string> Deciding => field ??= _changes.Where(c => c.Question.IsUnsure(c.From)).Select(c => c.Question.Id).ToHashSet(StringComparer.Ordinal);

    // Questions are records whose equality compares every field, help texts included: compare positions instead.

    public static HingeSearch Run(Facts facts, Decision current, Tally baseline, RuleSet ruleSet)
    {
        var search = new HingeSearch(current, baseline, new Tally(baseline.Fired.Length));
        var procedure = ruleSet.Procedure!;
        var scratch = facts.Copy();
        foreach (var question in QuestionCatalogue.Questions)
        {
            var value = facts[question.Position];
            if (question.Type == QuestionType.Text || double.IsNaN(value))
            {
                continue;
            }

            if (question.Type == QuestionType.Number)
            {
                search.SearchCounts(question, (long)value, facts, scratch, ruleSet);
                continue;
            }

            var from = (int)value;
            for (var to = 0; to < question.Choices.Count; to++)
            {
                if (to == from || question.Choices[to].Unranked)
                {
                    continue;
                }

                scratch.CopyFrom(facts);
                if (scratch.TrySet(question.Position, to, procedure) && search.Redecide(scratch, ruleSet, question) is var decision && search.Differs(decision))
                {
                    var distance = question.Choices[from].Unranked ? 1 : Math.Abs(to - from);
                    search._changes.Add(new(question, question.Choices[from].Value, question.Choices[to].Value, distance, decision));
                }
            }
        }

        return search;
    }

    private bool Differs(Decision decision) => decision.Verdict != _current.Verdict || decision.FineTuneStage != _current.FineTuneStage;

    private void SearchCounts(Question question, long count, Facts facts, Facts scratch, RuleSet ruleSet)
    {
        var procedure = ruleSet.Procedure!;
        Decision? At(long candidate)
        {
            scratch.CopyFrom(facts);
            return scratch.TrySet(question.Position, candidate, procedure) ? Redecide(scratch, ruleSet, question) : null;
        }

        bool Changed(long candidate) => At(candidate) is { } decision && Differs(decision);

        var points = Breakpoints(facts, ruleSet, procedure, question);
        var text = count.ToString(CultureInfo.InvariantCulture);

        // Upward: the first point that differs ends a stretch where only the readiness score moves, so the change
        // lies between the previous point and it: bisect for the smallest count that differs.
        var previous = count;
        foreach (var point in points)
        {
            if (point <= count)
            {
                continue;
            }

            if (Changed(point))
            {
                long low = previous + 1, high = point;
                while (high - low > Tolerance(high))
                {
                    var middle = low + ((high - low) / 2);
                    if (Changed(middle))
                    {
                        high = middle;
                    }
                    else
                    {
                        low = middle + 1;
                    }
                }

                _countUp = new(question, text, high.ToString(CultureInfo.InvariantCulture), 1, At(high)!);
                break;
            }

            previous = point;
        }

        previous = count;
        for (var i = points.Count - 1; i >= 0; i--)
        {
            var point = points[i];
            if (point >= count)
            {
                continue;
            }

            if (Changed(point))
            {
                long low = point, high = previous - 1;
                while (high - low > Tolerance(low))
                {
                    var middle = low + ((high - low + 1) / 2);
                    if (Changed(middle))
                    {
                        low = middle;
                    }
                    else
                    {
                        high = middle - 1;
                    }
                }

                _countDown = new(question, text, low.ToString(CultureInfo.InvariantCulture), 1, At(low)!);
                break;
            }

            previous = point;
        }
    }

    /// <summary>
    /// How close the bisection gets: within 1% of the count (a change of readiness between two thresholds is gradual).
    /// The count reported always changes the verdict; at most 1% further than the exact one, never on the wrong side.
    /// </summary>
    private static long Tolerance(long count) => count / 100;

    /// <summary>The counts on either side of every place a condition can change, within the question's range, in order.</summary>
    private static List<long> Breakpoints(Facts facts, RuleSet ruleSet, ProcedureParameters procedure, Question question)
    {
        var factor = facts.QualityFactor(procedure);
        var thresholds = ruleSet.CountThresholds;
        var points = new List<long>(4 + (3 * (thresholds.Counts.Count + thresholds.Effective.Count))) { question.Minimum, question.Maximum };
        void Around(double boundary)
        {
            if (!double.IsFinite(boundary))
            {
                return;
            }

            var at = (long)Math.Ceiling(boundary);
            for (var p = at - 1; p <= at + 1; p++)
            {
                if (p >= question.Minimum && p <= question.Maximum)
                {
                    points.Add(p);
                }
            }
        }

        foreach (var count in thresholds.Counts)
        {
            Around(count);
        }

        if (factor > 0)
        {
            foreach (var quantity in thresholds.Effective)
            {
                Around(quantity.ValueIn(facts) / factor);
            }
        }

        points.Sort();
        var distinct = 0;
        for (var i = 0; i < points.Count; i++)
        {
            if (i == 0 || points[i] != points[distinct - 1])
            {
                points[distinct++] = points[i];
            }
        }

        points.RemoveRange(distinct, points.Count - distinct);
        return points;
    }

    /// <summary>
    /// How firm the verdict is: each unsure answer, and an example count within the confidence margin of a count that
    /// changes the verdict, is a reason; those that could change the verdict set the level (none high, one medium,
    /// two or more low).
    /// </summary>
    public Confidence Confidence(Facts facts, ProcedureParameters procedure)
    {
        var reasons = new List<string>();
        var deciding = 0;
        foreach (var question in QuestionCatalogue.Questions.Where(q => q.Type == QuestionType.Choice))
        {
            var value = facts[question.Position];
            if (double.IsNaN(value) || !question.Choices[(int)value].Unsure)
            {
                continue;
            }

            var choice = question.Choices[(int)value];
            var countedAs = choice.Unranked && choice.Hint is { } hint ? $" ({hint.ToLowerInvariant()})" : "";
            var change = _changes.Where(c => c.Question.Position == question.Position).OrderBy(c => c.Distance).FirstOrDefault();
            if (change is null)
            {
                reasons.Add($"{question.Topic} is “{choice.Label}”{countedAs}, but no answer to it would change the verdict.");
                continue;
            }

            deciding++;
            reasons.Add($"{question.Topic} is “{choice.Label}”{countedAs}: the verdict would be “{Verdicts.Headline(change.Decision.Verdict, change.Decision.FineTuneStage)}” " +
                        $"if it were “{question.LabelOf(change.To)}”.");
        }

        var count = facts[ExampleCount.Position];
        var near = new[] { _countDown, _countUp }
            .Where(c => c is not null && count > 0 && Math.Abs(long.Parse(c.To, CultureInfo.InvariantCulture) - count) <= procedure.ConfidenceMargin * count)
            .OrderBy(c => Math.Abs(long.Parse(c!.To, CultureInfo.InvariantCulture) - count))
            .FirstOrDefault();
        if (near is not null)
        {
            deciding++;
            var margin = (procedure.ConfidenceMargin * 100).ToString("0.#", CultureInfo.InvariantCulture);
            reasons.Add($"The verdict changes at {long.Parse(near.To, CultureInfo.InvariantCulture):N0} examples, within {margin}% of your {count:N0}: a small change in the data could change it.");
        }

        return new Confidence
        {
            Level = deciding switch { 0 => ConfidenceLevel.High, 1 => ConfidenceLevel.Medium, _ => ConfidenceLevel.Low },
            Reasons = reasons,
        };
    }

    /// <summary>
    /// The hinges worth reading, most plausible first: answers the team is unsure of, then the example count, then
    /// what the team can change by work, then facts of the use case; in questionnaire order within each; per
    /// question the nearest change for each verdict it leads to, at most two; at most <see cref="MaxHinges"/>.
    /// </summary>
    public IReadOnlyList<Hinge> Hinges(Facts facts)
    {
        var candidates = new List<Change>(_changes.Count + 2);
        candidates.AddRange(_changes);
        if (_countUp is not null)
        {
            candidates.Add(_countUp);
        }

        if (_countDown is not null)
        {
            candidates.Add(_countDown);
        }

        // Most plausible first; per question, nearest first.
        candidates.Sort((a, b) => (Plausibility(a), a.Question.Position, a.Distance).CompareTo((Plausibility(b), b.Question.Position, b.Distance)));
        var hinges = new List<Hinge>(MaxHinges);
        for (var i = 0; i < candidates.Count && hinges.Count < MaxHinges; i++)
        {
            var change = candidates[i];
            var sameQuestion = 0;
            var sameOutcome = false;
            foreach (var hinge in hinges)
            {
                if (hinge.Question == change.Question.Id)
                {
                    sameQuestion++;
                    sameOutcome |= hinge.Verdict == change.Decision.Verdict && hinge.FineTuneStage == change.Decision.FineTuneStage;
                }
            }

            if (sameQuestion < MaxPerQuestion && !sameOutcome)
            {
                hinges.Add(new Hinge(change.Question.Id, change.From, change.To, change.Decision.Verdict, change.Decision.FineTuneStage, Sentence(change, facts)));
            }
        }

        return hinges;
    }

    private static int Plausibility(Change change) =>
        change.Question.IsUnsure(change.From) ? 0
        : change.Question.Type == QuestionType.Number ? 1
        : change.Question.TeamCanChange ? 2
        : 3;

    private static string Sentence(Change change, Facts facts)
    {
        var becomes = $"would make it “{Verdicts.Headline(change.Decision.Verdict, change.Decision.FineTuneStage)}”";
        var question = change.Question;
        if (question.Type == QuestionType.Number)
        {
            var to = long.Parse(change.To, CultureInfo.InvariantCulture);
            var now = facts[question.Position];
            var direction = to > now ? "or more" : "or fewer";
            return $"{question.Topic}: {to:N0} {direction} instead of {now:N0} {becomes}.";
        }

        return $"{question.Topic}: “{question.LabelOf(change.To)}” instead of “{question.LabelOf(change.From)}” {becomes}.";
    }
}
