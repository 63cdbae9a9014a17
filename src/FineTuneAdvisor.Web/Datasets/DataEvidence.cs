using System.Globalization;
using System.Text.Json;
using FineTuneAdvisor.Web.Assessments;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// What an assessment keeps of a measured sample: the report's aggregates and the analyser's version, never the
/// content, hashes of it, line numbers or samples (masked or not). A draft carries it from "Use these answers" to
/// submission; the assessment stores it (<c>DataEvidenceJson</c>) and a revision inherits it until a new sample is
/// measured.
/// </summary>
/// <remarks>
/// <para><c>Examples</c>: Non-blank lines (CSV: data rows) in the sample.</para>
/// <para><c>FormatErrors</c>: Error type (the cookbook notebook's names) → how often it occurred.</para>
/// <para><c>Pii</c>: Kind of personal data → findings; counts only.</para>
/// <para><c>SuggestedAnswers</c>: Question id → the raw answer the rules of docs/scoring.md proposed.</para>
/// </remarks>
public sealed record DataEvidence(
    string AnalyzerVersion,
    DateTimeOffset MeasuredAt,
    string Format,
    string Model,
    int Examples,
    int ValidExamples,
    IReadOnlyDictionary<string, int> FormatErrors,
    DataEvidenceTokens Tokens,
    int OverLimit,
    int Epochs,
    long BilledTrainingTokens,
    DataEvidenceDuplicates Duplicates,
    IReadOnlyDictionary<string, int> Pii,
    IReadOnlyDictionary<string, string> SuggestedAnswers)
{
    /// <summary>The aggregates of <paramref name="report"/>: everything content-derived (samples, line numbers) is left behind.</summary>
    public static DataEvidence From(DatasetReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.AnalyzerVersion,
            report.MeasuredAt,
            report.Format,
            report.Model,
            report.Examples,
            report.ValidExamples,
            new SortedDictionary<string, int>(report.FormatErrors.ToDictionary(), StringComparer.Ordinal),
            new DataEvidenceTokens(report.Tokens.Encoding, report.Tokens.Total, report.TokenLimit, report.Tokens.PerExample),
            report.OverLimit,
            report.Epochs,
            report.BilledTrainingTokens,
            new DataEvidenceDuplicates(report.Duplicates.Exact, report.Duplicates.Near, report.Duplicates.NearThreshold),
            new SortedDictionary<string, int>(report.Pii.ToDictionary(), StringComparer.Ordinal),
            report.SuggestedDraftAnswers());
    }

    /// <summary>"Measured from a sample of 1,234 examples on 30 November 2026".</summary>
    public string Summary =>
        $"Measured from a sample of {Examples.ToString("N0", CultureInfo.InvariantCulture)} {(Examples == 1 ? "example" : "examples")} on {Date}";

    public string Date => MeasuredAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The suggested answers the given answers still hold: these were measured.</summary>
    public IReadOnlyList<string> AnswersAsMeasured(IReadOnlyDictionary<string, string> answers) =>
        [.. SuggestedAnswers.Where(s => Matches(answers, s.Key)).Select(s => s.Key)];

    /// <summary>The suggested answers the given answers replaced: these were not measured and must not be presented as if they were.</summary>
    public IReadOnlyList<string> AnsweredDifferently(IReadOnlyDictionary<string, string> answers) =>
        [.. SuggestedAnswers.Where(s => !Matches(answers, s.Key)).Select(s => s.Key)];

    public bool Matches(IReadOnlyDictionary<string, string> answers, string questionId)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return SuggestedAnswers.TryGetValue(questionId, out var suggested)
            && answers.TryGetValue(questionId, out var given)
            && string.Equals(suggested, given?.Trim(), StringComparison.Ordinal);
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonDefaults.Options);

    /// <summary>The stored JSON read back; null for none, and for anything unreadable (evidence is never worth a failed page).</summary>
    public static DataEvidence? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DataEvidence>(json, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Token counts of the valid examples: the encoding, the total, the model's per-example limit and the distribution per example.</summary>
public sealed record DataEvidenceTokens(string Encoding, long Total, int Limit, Distribution? PerExample);

/// <summary>Exact and near duplicates, with the Jaccard threshold from which examples count as near duplicates.</summary>
public sealed record DataEvidenceDuplicates(int Exact, int Near, double NearThreshold);

/// <summary>
/// The evidence as the API and <c>export.json</c> give it (<c>dataEvidence</c>, only on assessments with a measured
/// sample): the sentence the result page shows, the stored aggregates, and which data answers still hold the measured
/// suggestion and which were answered differently (those were not measured).
/// </summary>
public sealed record DataEvidenceExport(string Summary, DataEvidence Measured, IReadOnlyList<string> AnswersAsMeasured, IReadOnlyList<string> AnsweredDifferently)
{
    public static DataEvidenceExport? Of(string? dataEvidenceJson, string answersJson)
    {
        if (DataEvidence.FromJson(dataEvidenceJson) is not { } evidence)
        {
            return null;
        }

        var answers = AnswersJson.Deserialize(answersJson);
        return new(evidence.Summary, evidence, evidence.AnswersAsMeasured(answers), evidence.AnsweredDifferently(answers));
    }
}
