using System.Text.Json.Serialization;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// What the analyser measured in a sample. Apart from <see cref="PersonalDataFinding.Samples"/> (masked) it holds
/// only aggregates and line numbers: never the content, nor hashes of it. <see cref="WithoutSamples"/> is the form
/// to store beside an assessment. The JSON is the API's contract (docs/scoring.md, "Measured data").
/// </summary>
public sealed record DatasetReport
{
    /// <summary>How many line numbers or samples a list keeps.</summary>
    public const int SampleLines = 5;

    public required string AnalyzerVersion { get; init; }

    /// <summary>When the sample was measured (UTC, from the injected clock).</summary>
    public required DateTimeOffset MeasuredAt { get; init; }

    /// <summary><c>chat_jsonl</c>, <c>prompt_completion_jsonl</c> or <c>csv</c>.</summary>
    public required string Format { get; init; }

    public required string FormatDescription { get; init; }

    /// <summary>The target model's catalogue id; it decides the tokenizer and the per-example limit.</summary>
    public required string Model { get; init; }

    public required long Bytes { get; init; }

    /// <summary>Lines read, blank ones included.</summary>
    public required long Lines { get; init; }

    /// <summary>Non-blank lines (CSV: data rows): the examples in the file.</summary>
    public required int Examples { get; init; }

    /// <summary>Examples without any format error.</summary>
    public required int ValidExamples { get; init; }

    /// <summary>Every error type (the notebook's names) with how often it occurred; message-level types count messages.</summary>
    public required IReadOnlyDictionary<string, int> FormatErrors { get; init; }

    /// <summary>The first lines showing each error type that occurred.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<long>> FormatErrorLines { get; init; }

    /// <summary>Valid examples without a system message, and without a user message (the notebook's warnings).</summary>
    public required IReadOnlyDictionary<string, int> Warnings { get; init; }

    public required TokenReport Tokens { get; init; }

    /// <summary>The target model's limit for one training example, in tokens.</summary>
    public required int TokenLimit { get; init; }

    /// <summary>Valid examples over <see cref="TokenLimit"/>: they would be truncated from the end.</summary>
    public required int OverLimit { get; init; }

    public required IReadOnlyList<long> OverLimitLines { get; init; }

    /// <summary>The default epochs for this many valid examples (the notebook's rule, <c>TrainingEpochs</c>).</summary>
    public required int Epochs { get; init; }

    /// <summary>Tokens billed for one pass: every valid example, each capped at the limit.</summary>
    public required long BilledTokensPerEpoch { get; init; }

    /// <summary><see cref="Epochs"/> × <see cref="BilledTokensPerEpoch"/>.</summary>
    public required long BilledTrainingTokens { get; init; }

    public required DuplicateReport Duplicates { get; init; }

    /// <summary>Findings by kind (<c>email</c>, <c>phone</c>, <c>payment_card</c>, <c>iban</c>, <c>us_ssn</c>, <c>ip_address</c>).</summary>
    public required IReadOnlyDictionary<string, int> Pii { get; init; }

    public required IReadOnlyList<PersonalDataFinding> PiiDetails { get; init; }

    public required VarietyReport Variety { get; init; }

    /// <summary>Suggested answers by question id: <c>example_count</c> as a number, the others as choice values.</summary>
    public required IReadOnlyDictionary<string, object> SuggestedAnswers { get; init; }

    /// <summary>Each suggestion with its rule and the figures behind it.</summary>
    public required IReadOnlyList<SuggestedAnswer> Suggestions { get; init; }

    /// <summary>The report without anything derived from the content: what an assessment may keep.</summary>
    public DatasetReport WithoutSamples() => this with
    {
        PiiDetails = [.. PiiDetails.Select(p => p with { Samples = [] })],
    };

    /// <summary>The suggestions as raw answers, the way the questionnaire's draft stores them.</summary>
    public IReadOnlyDictionary<string, string> SuggestedDraftAnswers() =>
        Suggestions.ToDictionary(s => s.QuestionId, s => s.Value, StringComparer.Ordinal);
}

/// <summary>Token counts of the valid examples, by the target model's encoding.</summary>
public sealed record TokenReport(string Encoding, long Total, Distribution? PerExample, Distribution? AssistantPerExample, Distribution? MessagesPerExample);

/// <summary>
/// A distribution with truthful labels: p10 and p90 are the 10th and 90th percentiles (the notebook prints
/// np.quantile(0.1/0.9) as "p5/p95"), interpolated linearly like np.quantile.
/// </summary>
public sealed record Distribution(int Min, double P10, double Median, double P90, int Max, double Mean)
{
    public static Distribution? Of(List<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return new Distribution(values[0], Quantile(values, 0.1), Quantile(values, 0.5), Quantile(values, 0.9), values[^1],
            Math.Round(values.Average(v => (double)v), 1));
    }

    /// <summary>np.quantile's default ("linear") on sorted values.</summary>
    public static double Quantile(IReadOnlyList<int> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var position = (sorted.Count - 1) * q;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return Math.Round(sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower)), 1);
    }
}

/// <remarks>
/// <para><c>Exact</c>: Valid examples identical to an earlier one after normalising (case, spacing).</para>
/// <para><c>Near</c>: Distinct examples near-identical to an earlier one (see <see cref="NearThreshold"/>).</para>
/// <para><c>NearThreshold</c>: Estimated Jaccard similarity of word 5-shingles from which examples are near duplicates.</para>
/// <para><c>NearSearchedExamples</c>: Distinct examples searched for near duplicates (all, up to a cap).</para>
/// </remarks>
public sealed record DuplicateReport(
    int Exact,
    int Near,
    double NearThreshold,
    int NearClusters,
    int LargestNearCluster,
    IReadOnlyList<LinePair> ExactLines,
    IReadOnlyList<LinePair> NearLines,
    int NearSearchedExamples,
    bool NearSearchLimited);

/// <remarks>
/// <para><c>Count</c>: Findings in the whole sample.</para>
/// <para><c>ExamplesWith</c>: Examples with at least one finding.</para>
/// <para><c>Per1000Examples</c>: Findings per 1,000 examples.</para>
/// <para><c>DistinctValues</c>: Different values found (up to 10,000 are told apart).</para>
/// <para><c>Samples</c>: A few findings, masked, with their line.</para>
/// </remarks>
public sealed record PersonalDataFinding(string Kind, string Label, int Count, int ExamplesWith, double Per1000Examples, int DistinctValues, IReadOnlyList<MaskedSample> Samples);

public sealed record MaskedSample(long Line, string Masked);

/// <remarks>
/// <para><c>DistinctWordPairs</c>: Estimated (HyperLogLog, about ±1%) number of different consecutive word pairs.</para>
/// <para><c>WordPairs</c>: Consecutive word pairs in all valid examples.</para>
/// <para><c>DistinctWordPairShare</c>: Distinct / all word pairs ("distinct-2"): lower means more repetitive wording.</para>
/// <para><c>TopAssistantReplyShare</c>: Share of valid examples whose final assistant reply is the most common one.</para>
/// <para><c>ClusteredShare</c>: Share of distinct examples that sit in a near-duplicate cluster.</para>
/// <para><c>LengthSpread</c>: Tokens per example at p90 divided by p10: 1 means every example is about as long.</para>
/// </remarks>
public sealed record VarietyReport(
    long DistinctWordPairs,
    long WordPairs,
    double DistinctWordPairShare,
    bool DistinctWordPairsEstimated,
    int NearDuplicateClusters,
    double ClusteredShare,
    int DistinctSystemPrompts,
    int ExamplesWithSystemPrompt,
    double TopAssistantReplyShare,
    int TopAssistantReplyCount,
    double LengthSpread);

/// <summary>A proposed answer with the rule that produced it and the figures it rests on.</summary>
/// <remarks>
/// <para><c>Value</c>: The raw answer as the questionnaire stores it ("1234", "curated").</para>
/// </remarks>
public sealed record SuggestedAnswer(string QuestionId, string Value, string Rule, IReadOnlyList<string> Evidence)
{
    [JsonIgnore]
    public object JsonValue => QuestionId == "example_count" ? long.Parse(Value, System.Globalization.CultureInfo.InvariantCulture) : Value;
}

/// <summary>Progress of a running analysis.</summary>
/// <remarks>
/// <para><c>TotalBytes</c>: The upload's size when known (Content-Length, or the stored file).</para>
/// </remarks>
public sealed record AnalysisProgress(long BytesRead, long? TotalBytes, int Examples)
{
    public int? Percent => TotalBytes is > 0 ? (int)Math.Min(100, BytesRead * 100 / TotalBytes.Value) : null;
}
