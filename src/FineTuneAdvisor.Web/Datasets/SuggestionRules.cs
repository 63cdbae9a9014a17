using System.Globalization;
using FineTuneAdvisor.Web.Datasets.PersonalData;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>The figures the suggestion rules read.</summary>
/// <remarks>
/// <para><c>PersonalData</c>: By kind key: findings and distinct values.</para>
/// </remarks>
public sealed record DatasetMeasures(
    int Examples,
    int ValidExamples,
    int ExactDuplicates,
    int NearDuplicates,
    int OverLimit,
    VarietyReport Variety,
    IReadOnlyDictionary<string, (int Count, int Distinct)> PersonalData);

/// <summary>
/// Turns measurements into proposed answers for example_count, data_quality, data_variety and data_sensitivity.
/// Every threshold is here and in docs/scoring.md ("Measured data"); a suggestion is a proposal the product
/// manager accepts or changes, never an answer written for them.
/// </summary>
public static class SuggestionRules
{
    // data_quality
    public const double RawErrorShare = 0.05;
    public const double RawDuplicateShare = 0.10;
    public const double CuratedDuplicateShare = 0.01;

    // data_variety
    public const int MinExamplesForVariety = 20;
    public const double NarrowTopReplyShare = 0.20;
    public const double NarrowClusteredShare = 0.30;
    public const double NarrowDistinctPairShare = 0.15;
    public const double BroadTopReplyShare = 0.02;
    public const double BroadClusteredShare = 0.05;
    public const double BroadDistinctPairShare = 0.35;

    // data_sensitivity
    public const int PersonalDistinctValues = 3;

    public static IReadOnlyList<SuggestedAnswer> Suggest(DatasetMeasures m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var suggestions = new List<SuggestedAnswer> { ExampleCount(m) };
        if (Quality(m) is { } quality)
        {
            suggestions.Add(quality);
        }

        if (Variety(m) is { } variety)
        {
            suggestions.Add(variety);
        }

        suggestions.Add(Sensitivity(m));
        return suggestions;
    }

    public static SuggestedAnswer ExampleCount(DatasetMeasures m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var count = m.ValidExamples - m.ExactDuplicates;
        return new SuggestedAnswer("example_count", count.ToString(CultureInfo.InvariantCulture),
            "Valid examples minus exact duplicates.",
            [
                $"{N(m.ValidExamples)} of {N(m.Examples)} examples pass the format checks.",
                $"{N(m.ExactDuplicates)} of them repeat an earlier example word for word.",
                $"{N(m.NearDuplicates)} more are near duplicates; they still count, but see variety.",
            ]);
    }

    /// <summary>Errors, duplicates and over-long examples are the marks of unreviewed data. None when nothing was read.</summary>
    public static SuggestedAnswer? Quality(DatasetMeasures m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Examples == 0)
        {
            return null;
        }

        var errorShare = (m.Examples - m.ValidExamples) / (double)m.Examples;
        var duplicateShare = m.ValidExamples == 0 ? 0 : (m.ExactDuplicates + m.NearDuplicates) / (double)m.ValidExamples;
        string value, rule;
        if (m.ValidExamples == 0 || errorShare > RawErrorShare || duplicateShare > RawDuplicateShare)
        {
            value = "raw";
            rule = $"More than {P(RawErrorShare)} of examples with format errors, or more than {P(RawDuplicateShare)} duplicates (exact and near).";
        }
        else if (errorShare > 0 || duplicateShare > CuratedDuplicateShare || m.OverLimit > 0)
        {
            value = "partially_reviewed";
            rule = $"Some format errors (up to {P(RawErrorShare)}), more than {P(CuratedDuplicateShare)} duplicates (up to {P(RawDuplicateShare)}), or examples over the token limit.";
        }
        else
        {
            value = "curated";
            rule = $"No format errors, at most {P(CuratedDuplicateShare)} duplicates and nothing over the token limit. The analyser sees the marks of review, not the review: change this if nobody has read the examples.";
        }

        return new SuggestedAnswer("data_quality", value, rule,
        [
            $"Format errors: {N(m.Examples - m.ValidExamples)} of {N(m.Examples)} examples ({P(errorShare)}).",
            $"Duplicates: {N(m.ExactDuplicates)} exact and {N(m.NearDuplicates)} near, {P(duplicateShare)} of valid examples.",
            $"Over the token limit: {N(m.OverLimit)}.",
        ]);
    }

    /// <summary>One reply repeated, clusters of near-identical examples and repetitive wording mean narrow data.</summary>
    public static SuggestedAnswer? Variety(DatasetMeasures m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var distinct = m.ValidExamples - m.ExactDuplicates;
        if (distinct < MinExamplesForVariety)
        {
            return null;
        }

        var v = m.Variety;
        string value, rule;
        if (v.TopAssistantReplyShare >= NarrowTopReplyShare || v.ClusteredShare >= NarrowClusteredShare || v.DistinctWordPairShare < NarrowDistinctPairShare)
        {
            value = "narrow";
            rule = $"One assistant reply in {P(NarrowTopReplyShare)} or more of examples, {P(NarrowClusteredShare)} or more of examples in near-duplicate clusters, or under {P(NarrowDistinctPairShare)} distinct word pairs.";
        }
        else if (v.TopAssistantReplyShare < BroadTopReplyShare && v.ClusteredShare < BroadClusteredShare && v.DistinctWordPairShare >= BroadDistinctPairShare)
        {
            value = "broad";
            rule = $"No reply in {P(BroadTopReplyShare)} or more of examples, under {P(BroadClusteredShare)} in near-duplicate clusters and at least {P(BroadDistinctPairShare)} distinct word pairs.";
        }
        else
        {
            value = "moderate";
            rule = "Neither narrow nor broad by the thresholds of docs/scoring.md.";
        }

        return new SuggestedAnswer("data_variety", value, rule,
        [
            $"Most common assistant reply: {P(v.TopAssistantReplyShare)} of examples.",
            $"Near-duplicate clusters: {N(v.NearDuplicateClusters)}, holding {P(v.ClusteredShare)} of distinct examples.",
            $"Distinct word pairs: about {N(v.DistinctWordPairs)} of {N(v.WordPairs)} ({P(v.DistinctWordPairShare)}, estimated).",
            $"Distinct system prompts: {N(v.DistinctSystemPrompts)}; length spread (p90/p10 tokens): {v.LengthSpread.ToString("0.##", CultureInfo.InvariantCulture)}.",
        ]);
    }

    /// <summary>
    /// Card numbers or SSNs make the data regulated; three or more distinct e-mail addresses, phone numbers, IBANs or IP
    /// addresses make it personal (one or two repeated values are usually the company's own). Without either the
    /// analyser cannot tell public from internal data, so it proposes the safer internal.
    /// </summary>
    public static SuggestedAnswer Sensitivity(DatasetMeasures m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var found = m.PersonalData;
        int Count(string kind) => found.TryGetValue(kind, out var f) ? f.Count : 0;
        int Distinct(string kind) => found.TryGetValue(kind, out var f) ? f.Distinct : 0;
        var regulated = Count("payment_card") + Count("us_ssn");
        var personal = Distinct("email") + Distinct("phone") + Distinct("iban") + Distinct("ip_address");
        var evidence = found.Where(f => f.Value.Count > 0)
            .Select(f => $"{Label(f.Key)}: {N(f.Value.Count)} found, {N(f.Value.Distinct)} distinct.")
            .DefaultIfEmpty("No e-mail addresses, phone numbers, card numbers, IBANs, US social security numbers or IP addresses found.")
            .ToList();
        var (value, rule) = regulated > 0
            ? ("regulated", "Payment card numbers (PCI DSS) or US social security numbers found.")
            : personal >= PersonalDistinctValues
                ? ("personal", $"{PersonalDistinctValues} or more distinct e-mail addresses, phone numbers, IBANs or IP addresses.")
                : ("internal", $"No regulated identifiers and fewer than {PersonalDistinctValues} distinct personal values. The analyser cannot tell public from internal data, so it proposes internal; names and health details are not detected.");
        return new SuggestedAnswer("data_sensitivity", value, rule, evidence);
    }

    private static string Label(string kind) =>
        PersonalDataKinds.All.Where(k => k.Key() == kind).Select(k => k.Label()).FirstOrDefault() ?? kind;

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(double share) => share.ToString("0.##%", CultureInfo.InvariantCulture);
}
