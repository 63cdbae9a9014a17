using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// For each question, the rules whose outcome can change when its answer changes: those whose condition or ramp reads
/// it, reads a measure computed from it, or reads a question whose applicability depends on it. The hinge search
/// re-decides only those rules for each alternative answer, which keeps <c>Evaluate</c> with its hinges fast.
/// </summary>
internal sealed class RuleDependencies
{
    private static readonly Dictionary<Measure, string[]> MeasureInputs = new()
    {
        [Measure.EffectiveExamples] = ["example_count", "data_quality"],
        [Measure.ProductionTarget] = ["domain", "output_requirements"],
    };

    private readonly int[][] _byQuestion;

    private RuleDependencies(int[][] byQuestion) => _byQuestion = byQuestion;

    /// <summary>The positions (in the rule set) of the rules that can change with the answer at this question position.</summary>
    public int[] RulesReading(int questionPosition) => _byQuestion[questionPosition];

    public static RuleDependencies Of(IReadOnlyList<Rule> rules)
    {
        var questions = QuestionCatalogue.Questions;
        var byQuestion = new List<int>[questions.Count];
        for (var q = 0; q < questions.Count; q++)
        {
            byQuestion[q] = [];
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var read = new HashSet<string>(StringComparer.Ordinal);
            Walk(rules[i].When, read);
            if (rules[i].Ramp is { } ramp)
            {
                Read(ramp.Measure, read);
                Read(ramp.From, read);
                Read(ramp.To, read);
            }

            // A question that applies only given another answer is dropped when that answer changes.
            foreach (var question in questions.Where(q => q.AppliesWhen is not null && read.Contains(q.Id)).ToList())
            {
                Walk(question.AppliesWhen!, read);
            }

            // Requests a month, when given, decides the request volume (Facts).
            if (read.Contains(Costs.RequestVolume.QuestionId))
            {
                read.Add(Costs.CostAnswers.RequestsPerMonth);
            }

            foreach (var id in read)
            {
                byQuestion[QuestionCatalogue.Find(id)!.Position].Add(i);
            }
        }

        return new([.. byQuestion.Select(list => list.ToArray())]);
    }

    private static void Walk(Condition condition, HashSet<string> read)
    {
        switch (condition)
        {
            case AllCondition all:
                foreach (var part in all.Conditions)
                {
                    Walk(part, read);
                }

                break;
            case AnyCondition any:
                foreach (var part in any.Conditions)
                {
                    Walk(part, read);
                }

                break;
            case NotCondition not:
                Walk(not.Inner, read);
                break;
            case AnswerCondition answer:
                read.Add(answer.Question.Id);
                break;
            case MeasureCondition measure:
                Read(measure.Measure, read);
                foreach (var operand in measure.Operands)
                {
                    Read(operand, read);
                }

                break;
        }
    }

    private static void Read(Quantity quantity, HashSet<string> read)
    {
        if (quantity.Measure is { } measure)
        {
            Read(measure, read);
        }
    }

    private static void Read(Measure measure, HashSet<string> read)
    {
        foreach (var id in MeasureInputs[measure])
        {
            read.Add(id);
            // Quality applies only with examples: reading it reads the count too (covered by the applicability walk).
            if (QuestionCatalogue.Find(id)!.AppliesWhen is { } applies)
            {
                Walk(applies, read);
            }
        }
    }
}
