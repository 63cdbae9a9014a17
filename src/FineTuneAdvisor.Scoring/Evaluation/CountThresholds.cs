using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// Where a rule set's conditions can change as the example count moves: the counts its conditions on
/// <c>example_count</c> compare with, and the quantities its conditions on <c>effective_examples</c> compare with
/// (turned into counts through the quality factor when searching). Gathered once per rule set, for the hinge search.
/// </summary>
internal sealed record CountThresholds(IReadOnlyList<double> Counts, IReadOnlyList<Quantity> Effective)
{
    public static CountThresholds Of(IEnumerable<Rule> rules)
    {
        var counts = new List<double>();
        var effective = new List<Quantity>();
        var exampleCount = QuestionCatalogue.Find("example_count")!;
        void Walk(Condition condition)
        {
            switch (condition)
            {
                case AllCondition all:
                    all.Conditions.ToList().ForEach(Walk);
                    break;
                case AnyCondition any:
                    any.Conditions.ToList().ForEach(Walk);
                    break;
                case NotCondition not:
                    Walk(not.Inner);
                    break;
                case AnswerCondition answer when answer.Question.Id == exampleCount.Id:
                    counts.AddRange(answer.Operands.Select(o => o.Rank));
                    break;
                case MeasureCondition { Measure: Measure.EffectiveExamples } measure:
                    effective.AddRange(measure.Operands);
                    break;
            }
        }

        foreach (var rule in rules)
        {
            Walk(rule.When);
        }

        // The questions that apply only with examples: their answers come and go at 0.
        foreach (var question in QuestionCatalogue.Questions.Where(q => q.AppliesWhen is not null))
        {
            Walk(question.AppliesWhen!);
        }

        return new([.. counts.Distinct()], [.. effective.Distinct()]);
    }
}
