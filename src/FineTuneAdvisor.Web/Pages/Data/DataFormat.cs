using System.Globalization;

namespace FineTuneAdvisor.Web.Pages.Data;

/// <summary>How the report's numbers read on the page.</summary>
public static class DataFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("#,0.#", CultureInfo.InvariantCulture);

    public static string Share(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1048576d).ToString("0.0 'MB'", CultureInfo.InvariantCulture)
        : (bytes / 1024d).ToString("0 'KB'", CultureInfo.InvariantCulture);

    public static string Lines(IEnumerable<long> lines) => string.Join(", ", lines.Select(l => Count(l)));

    /// <summary>The label of a suggested answer's value, as the questionnaire shows it.</summary>
    public static string AnswerLabel(string questionId, string value)
    {
        var question = FineTuneAdvisor.Scoring.Questionnaire.QuestionCatalogue.Questions.FirstOrDefault(q => q.Id == questionId);
        if (question is null)
        {
            return value;
        }

        return question.Type == FineTuneAdvisor.Scoring.Questionnaire.QuestionType.Number && long.TryParse(value, out var n)
            ? Count(n)
            : question.LabelOf(value) ?? value;
    }

    public static string QuestionLabel(string questionId) =>
        FineTuneAdvisor.Scoring.Questionnaire.QuestionCatalogue.Questions.FirstOrDefault(q => q.Id == questionId)?.Label ?? questionId;
}
