using System.Globalization;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// What conditions read: each answer as a number at its question's position (a whole number as itself, a choice or
/// yes/no as its position in the question's list, NaN when unanswered or when the question does not apply), then the
/// measures, and, once the rules have fired, which did (steps read it). Mutable on purpose: the hinge search changes
/// one answer at a time on a copy instead of allocating a new answer set per alternative.
/// </summary>
internal sealed class Facts
{
    public static readonly int QuestionCount = QuestionCatalogue.Questions.Count;
    private static readonly int Length = QuestionCount + Enum.GetValues<Measure>().Length;
    private static readonly Question[] Conditional = [.. QuestionCatalogue.Questions.Where(q => q.AppliesWhen is not null)];

    private static readonly Question ExampleCount = QuestionCatalogue.Find("example_count")!;
    private static readonly Question DataQuality = QuestionCatalogue.Find("data_quality")!;
    private static readonly Question Domain = QuestionCatalogue.Find("domain")!;
    private static readonly Question Output = QuestionCatalogue.Find("output_requirements")!;
    private static readonly Question Volume = QuestionCatalogue.Find(Costs.RequestVolume.QuestionId)!;
    private static readonly Question RequestsPerMonth = QuestionCatalogue.Find(Costs.CostAnswers.RequestsPerMonth)!;
    private static readonly double Raw = DataQuality.IndexOf("raw");
    private static readonly double PartiallyReviewed = DataQuality.IndexOf("partially_reviewed");
    private static readonly double Curated = DataQuality.IndexOf("curated");
    private static readonly double Specialized = Domain.IndexOf("specialized");
    private static readonly double StrictFormat = Output.IndexOf("strict_format");

    private readonly double[] _values = new double[Length];
    private readonly bool[] _skipped = new bool[QuestionCount];

    private Facts()
    {
    }

    /// <summary>Which rules fired, by position in the rule set; null before the rules have run.</summary>
    public bool[]? Fired { get; set; }

    public double this[int position] => _values[position];

    public double Measure(Measure measure) => _values[QuestionCount + (int)measure];

    /// <summary>True when the question does not apply to these answers (its answer, if any, was dropped).</summary>
    public bool IsSkipped(int position) => _skipped[position];

    /// <summary>The answers without those to questions that do not apply (<paramref name="answers"/> itself when none was dropped).</summary>
    public AnswerSet Applicable(AnswerSet answers)
    {
        foreach (var question in Conditional)
        {
            if (_skipped[question.Position] && answers.ContainsKey(question.Id))
            {
                return new AnswerSet(answers.Where(a => QuestionCatalogue.Find(a.Key) is not { } q || !_skipped[q.Position]));
            }
        }

        return answers;
    }

    /// <summary>
    /// The answers as facts; measures need the procedure's parameters (NaN without them). <paramref name="keepAll"/>
    /// keeps answers to questions that do not apply, as version 1 of the rules read them (tests replay version 1).
    /// </summary>
    public static Facts Of(AnswerSet answers, ProcedureParameters? procedure, bool keepAll = false)
    {
        var facts = new Facts();
        Array.Fill(facts._values, double.NaN);
        foreach (var (id, value) in answers)
        {
            if (QuestionCatalogue.Find(id) is { } question)
            {
                facts._values[question.Position] = ValueOf(question, value);
            }
        }

        if (!keepAll)
        {
            facts.Settle(procedure);
        }

        return facts;
    }

    /// <summary>An answer as conditions compare it; NaN for anything the question does not take.</summary>
    public static double ValueOf(Question question, string answer) => question.Type switch
    {
        QuestionType.Number => double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN,
        QuestionType.Choice or QuestionType.Boolean => question.IndexOf(answer) is var i and >= 0 ? i : double.NaN,
        _ => double.NaN,
    };

    public Facts Copy()
    {
        var copy = new Facts();
        copy.CopyFrom(this);
        return copy;
    }

    public void CopyFrom(Facts other)
    {
        Array.Copy(other._values, _values, Length);
        Array.Copy(other._skipped, _skipped, QuestionCount);
        Fired = null;
    }

    /// <summary>
    /// Replaces one answer and settles what follows from it. False when the change makes a question apply that has no
    /// answer (nothing can be said about it then); the facts must be copied afresh before the next use.
    /// </summary>
    public bool TrySet(int position, double value, ProcedureParameters? procedure)
    {
        _values[position] = value;
        Fired = null;
        foreach (var question in Conditional)
        {
            if (_skipped[question.Position] && question.AppliesWhen!.Holds(this))
            {
                return false;
            }
        }

        Settle(procedure);
        return true;
    }

    /// <summary>Drops the answers to questions that do not apply, then computes the measures from what is left.</summary>
    private void Settle(ProcedureParameters? procedure)
    {
        // A number of requests a month, when given, decides the request volume (docs/scoring.md, "Costs from the
        // questionnaire"); settled here so that a "what if" on either answer sees the same rule.
        if (_values[RequestsPerMonth.Position] is var perMonth && !double.IsNaN(perMonth))
        {
            _values[Volume.Position] = Volume.IndexOf(Costs.RequestVolume.LevelFor((long)perMonth));
        }

        foreach (var question in Conditional)
        {
            var skipped = !question.AppliesWhen!.Holds(this);
            _skipped[question.Position] = skipped;
            if (skipped)
            {
                _values[question.Position] = double.NaN;
            }
        }

        if (procedure is null)
        {
            _values[QuestionCount + (int)RuleSets.Measure.EffectiveExamples] = double.NaN;
            _values[QuestionCount + (int)RuleSets.Measure.ProductionTarget] = double.NaN;
            return;
        }

        // Unanswered counts as none; unanswered quality (with examples) as "not sure".
        var count = _values[ExampleCount.Position];
        count = double.IsNaN(count) ? 0 : Math.Max(0, count);
        _values[QuestionCount + (int)RuleSets.Measure.EffectiveExamples] = count * QualityFactor(procedure);

        var bonus = (_values[Domain.Position] == Specialized ? procedure.ProductionBonusSpecialized : 0)
            + (_values[Output.Position] == StrictFormat ? procedure.ProductionBonusStrictFormat : 0);
        _values[QuestionCount + (int)RuleSets.Measure.ProductionTarget] = procedure.ProductionExamples * (1 + bonus);
    }

    /// <summary>What one row counts for in effective examples: the factor of the data's quality (unanswered: not sure).</summary>
    public double QualityFactor(ProcedureParameters procedure)
    {
        var quality = _values[DataQuality.Position];
        return quality == Curated ? procedure.QualityFactorCurated
            : quality == PartiallyReviewed ? procedure.QualityFactorPartiallyReviewed
            : quality == Raw ? procedure.QualityFactorRaw
            : procedure.QualityFactorNotSure;
    }
}
