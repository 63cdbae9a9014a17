using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Costs;
using FluentValidation;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// Raw answers as a form or the API sent them. <see cref="Only"/> limits validation to the questions of one step of the
/// questionnaire (by question id); null checks every question (a submission).
/// </summary>
public sealed record AnswersInput(IReadOnlyDictionary<string, string?> Answers, IReadOnlySet<string>? Only = null);

/// <summary>
/// The one validator for answers, shared by the questionnaire pages and the JSON API: every question of the
/// catalogue in scope that applies must be answered with a value it allows, and no unknown question id is accepted.
/// A question that does not apply (bias mitigation when the risk is low) is not required, and an answer to it is
/// never refused: it is dropped before storing and scoring (<see cref="ToAnswerSet"/>). Errors are keyed
/// <c>Answers[question_id]</c>, so pages show them beside the field.
/// </summary>
public sealed class AnswersValidator : AbstractValidator<AnswersInput>
{
    public static string Key(string questionId) => $"Answers[{questionId}]";

    /// <summary>
    /// Optional questions (the costs step) may be left blank. Their bounds are the cost model's (<see cref="CostLimits"/>,
    /// through the questions' minimum and maximum); answers that do not fit together are named beside the later one;
    /// a model must be one of the active provider catalogue.
    /// </summary>
    public AnswersValidator(ActiveCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        RuleFor(x => x.Answers).Custom((answers, context) =>
        {
            var only = context.InstanceToValidate.Only;
            foreach (var id in answers.Keys)
            {
                if (QuestionCatalogue.Find(id) is null)
                {
                    context.AddFailure(Key(id), $"'{AnswerCheck.Shorten(id)}' is not a question id of this questionnaire.");
                }
            }

            var valid = Valid(answers);
            foreach (var question in QuestionCatalogue.Questions)
            {
                if ((only is not null && !only.Contains(question.Id)) || !question.AppliesTo(valid))
                {
                    continue;
                }

                var raw = answers.GetValueOrDefault(question.Id);
                if (question.Optional && PlainText.IsBlank(raw))
                {
                    continue;
                }

                var problem = AnswerCheck.Problem(question, raw);
                if (problem is null && question.ChoicesFromCatalogue && question.IndexOf(raw!) < 0 && catalogue.Current.Find(raw) is null)
                {
                    problem = $"'{AnswerCheck.Shorten(raw!)}' is not a model of the provider catalogue: choose one from the list, or {question.Choices[0].Label}.";
                }

                if (problem is not null)
                {
                    context.AddFailure(Key(question.Id), problem);
                }
            }

            foreach (var (id, message) in CostAnswers.Problems(valid))
            {
                if (only is null || only.Contains(id))
                {
                    context.AddFailure(Key(id), message);
                }
            }
        });
    }

    /// <summary>
    /// Canonical answers from raw ones that passed validation, without answers to questions that do not apply: what is
    /// stored and scored.
    /// </summary>
    public static AnswerSet ToAnswerSet(IReadOnlyDictionary<string, string?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var valid = Valid(answers);
        return new AnswerSet(valid.Where(a => QuestionCatalogue.Find(a.Key)!.AppliesTo(valid)));
    }

    /// <summary>Whether a question is asked, given the answers so far (raw, as typed).</summary>
    public static bool Applies(Question question, IReadOnlyDictionary<string, string?> answers)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.AppliesTo(Valid(answers));
    }

    /// <summary>The answers that are acceptable, in canonical form: what decides whether a question applies.</summary>
    public static AnswerSet Valid(IReadOnlyDictionary<string, string?> answers) =>
        new(QuestionCatalogue.Questions
            .Where(q => answers.TryGetValue(q.Id, out var raw) && AnswerCheck.Problem(q, raw) is null)
            .Select(q => KeyValuePair.Create(q.Id, AnswerCheck.Normalize(q, answers[q.Id]!))));
}
