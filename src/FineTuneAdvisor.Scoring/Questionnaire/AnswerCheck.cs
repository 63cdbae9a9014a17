using System.Globalization;

namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>
/// Checks one raw answer against its question and gives it canonical form.
/// Answers are kept as canonical strings: choice values, invariant integers, "true"/"false".
/// </summary>
public static class AnswerCheck
{
    public const int MaxTextLength = 2000;

    /// <summary>
    /// Returns null when the raw value is acceptable, else a message naming what is wrong. A blank answer is always a
    /// problem here; callers skip blank answers to <see cref="Question.Optional"/> questions (nothing to check).
    /// </summary>
    public static string? Problem(Question question, string? raw)
    {
        ArgumentNullException.ThrowIfNull(question);
        // Zero-width spaces and other invisible characters alone are no answer either.
        if (PlainText.IsBlank(raw))
        {
            return question.Type switch
            {
                QuestionType.Text => "Describe your use case in a sentence or two.",
                QuestionType.Number => "Enter a number (0 if you have none yet).",
                _ => "Choose one of the options.",
            };
        }

        switch (question.Type)
        {
            case QuestionType.Text:
                if (PlainText.Problem(raw) is { } textProblem)
                {
                    return textProblem;
                }

                var length = raw.Trim().Length;
                return length > MaxTextLength
                    ? $"Keep it under {MaxTextLength:N0} characters (this is {length:N0})."
                    : null;
            case QuestionType.Choice when question.ChoicesFromCatalogue:
                return question.IndexOf(raw) >= 0 || Costs.CatalogueValidator.IsModelId(raw)
                    ? null
                    : $"'{Shorten(raw)}' is not a model of the provider catalogue: choose one from the list, or {question.Choices[0].Label}.";
            case QuestionType.Choice:
                return question.IndexOf(raw) >= 0
                    ? null
                    : $"'{Shorten(raw)}' is not one of the options: {string.Join(", ", question.Choices.Select(c => c.Value))}.";
            case QuestionType.Number when question.Optional && raw.Trim() == Choice.NotSure:
                return null;
            case QuestionType.Number:
                if (!TryParseNumber(raw, out var number))
                {
                    return question.Optional
                        ? "Enter a whole number, such as 2500, or tick \"Not sure\"."
                        : "Enter a whole number, such as 2500.";
                }

                return number < question.Minimum || number > question.Maximum
                    ? $"Enter a number between {question.Minimum:N0} and {question.Maximum:N0}."
                    : null;
            case QuestionType.Boolean:
                return raw is "true" or "false" ? null : "Answer yes or no.";
            default:
                return "Unknown question type.";
        }
    }

    /// <summary>The canonical form of an acceptable raw value (call <see cref="Problem"/> first).</summary>
    public static string Normalize(Question question, string raw)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(raw);
        return question.Type switch
        {
            QuestionType.Text => raw.Trim(),
            QuestionType.Number when question.Optional && raw.Trim() == Choice.NotSure => Choice.NotSure,
            QuestionType.Number when TryParseNumber(raw, out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => raw,
        };
    }

    /// <summary>Whole numbers as people type them: "2500", " 2,500 " or "2_500".</summary>
    private static bool TryParseNumber(string raw, out long number) =>
        long.TryParse(raw.Trim().Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal),
            NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    /// <summary>A value short enough to quote back in a message.</summary>
    public static string Shorten(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 40 ? value : value[..40] + "…";
    }
}
