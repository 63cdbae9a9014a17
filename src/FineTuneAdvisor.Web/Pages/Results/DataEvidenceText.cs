using System.Globalization;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Pages.Assess;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>One data answer against the measured suggestion.</summary>
public sealed record DataEvidenceLine(string QuestionId, bool Measured, string Text);

/// <summary>
/// How a result (page and Markdown) words its data evidence: "Measured from a sample of N examples on DATE", each
/// suggested answer as measured or "answered differently from the measured suggestion", and the key figures.
/// </summary>
public static class DataEvidenceText
{
    public static IReadOnlyList<DataEvidenceLine> AnswerLines(DataEvidence evidence, IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(answers);
        var lines = new List<DataEvidenceLine>();
        foreach (var (id, suggested) in evidence.SuggestedAnswers)
        {
            if (QuestionCatalogue.Find(id) is not { } question)
            {
                continue;
            }

            var measured = evidence.Matches(answers, id);
            lines.Add(new DataEvidenceLine(id, measured, measured
                ? $"{question.Label}: {IndexModel.Display(question, suggested)}, as measured."
                : $"{question.Label}: {IndexModel.Display(question, answers)}, answered differently from the measured suggestion ({IndexModel.Display(question, suggested)})."));
        }

        return lines;
    }

    /// <summary>The figures behind the suggestions, in one sentence.</summary>
    public static string Figures(DataEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var errors = evidence.FormatErrors.Values.Sum();
        var pii = evidence.Pii.Values.Sum();
        var median = evidence.Tokens.PerExample is { } perExample ? $", median {N(perExample.Median)} tokens an example" : "";
        return $"{N(evidence.ValidExamples)} of {N(evidence.Examples)} examples valid ({N(errors)} format {(errors == 1 ? "error" : "errors")}); "
            + $"{N(evidence.Duplicates.Exact)} exact and {N(evidence.Duplicates.Near)} near duplicates; "
            + $"{N(evidence.Tokens.Total)} tokens ({evidence.Tokens.Encoding}){median}; "
            + $"{N(pii)} personal-data {(pii == 1 ? "finding" : "findings")}. Analyser {evidence.AnalyzerVersion}.";
    }

    /// <summary>The evidence as a Markdown paragraph and list (text escaped); empty when nothing was measured.</summary>
    public static string Markdown(StoredAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.DataEvidence is not { } evidence)
        {
            return "";
        }

        var md = new System.Text.StringBuilder("\n**").Append(MarkdownReport.Escape(evidence.Summary)).Append(".**\n\n");
        foreach (var line in AnswerLines(evidence, assessment.Answers))
        {
            md.Append("- ").Append(MarkdownReport.Escape(line.Text)).Append('\n');
        }

        return md.Append("- ").Append(MarkdownReport.Escape(Figures(evidence))).Append('\n').ToString();
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
