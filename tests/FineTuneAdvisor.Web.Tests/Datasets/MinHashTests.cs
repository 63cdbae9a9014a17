using System.IO.Hashing;
using System.Runtime.InteropServices;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Tests.Datasets;

public sealed class MinHashTests
{
    private static ulong[] Words(string text) =>
        [.. text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(w.AsSpan())))];

    private static ushort[] Sign(string text)
    {
        var signature = new ushort[MinHash.Size];
        MinHash.Compute(Words(text), signature);
        return signature;
    }

    private static readonly string Base = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));

    [Fact]
    public void Similarity_SameText_IsOne()
    {
        Assert.Equal(1.0, MinHash.Similarity(Sign(Base), Sign(Base)));
    }

    [Fact]
    public void Similarity_OneWordChangedIn200_StaysAboveTheThreshold()
    {
        // One changed word removes 5 of 196 shingles from each side: Jaccard 191/201 ≈ 0.95.
        var similarity = MinHash.Similarity(Sign(Base), Sign(Base.Replace("word100", "other", StringComparison.Ordinal)));

        Assert.InRange(similarity, MinHash.Threshold, 1.0);
    }

    [Fact]
    public void Similarity_UnrelatedTexts_IsNearZero()
    {
        var other = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"term{i}"));

        Assert.InRange(MinHash.Similarity(Sign(Base), Sign(other)), 0, 0.1);
    }

    [Fact]
    public void Similarity_HalfTheTextShared_IsBelowTheThreshold()
    {
        var half = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"word{i}").Concat(Enumerable.Range(0, 100).Select(i => $"term{i}")));

        Assert.InRange(MinHash.Similarity(Sign(Base), Sign(half)), 0.2, 0.5);
    }

    [Fact]
    public void Index_FindsClustersOfNearDuplicatesAndNamesTheFirstLine()
    {
        var index = new NearDuplicateIndex(100);
        index.Add(1, Sign(Base));
        index.Add(2, Sign(string.Join(' ', Enumerable.Range(0, 200).Select(i => $"term{i}"))));
        index.Add(3, Sign(Base.Replace("word10 ", "changed ", StringComparison.Ordinal)));
        index.Add(4, Sign(Base.Replace("word150", "altered", StringComparison.Ordinal)));

        var result = index.Find(CancellationToken.None);

        Assert.Equal(2, result.NearDuplicates);
        Assert.Equal(1, result.Clusters);
        Assert.Equal(3, result.ClusteredExamples);
        Assert.Equal([new LinePair(3, 1), new LinePair(4, 1)], result.FirstPairs);
    }

    [Fact]
    public void Index_OverCapacity_SaysItWasTruncated()
    {
        var index = new NearDuplicateIndex(1);
        index.Add(1, Sign(Base));
        index.Add(2, Sign(Base));

        Assert.Equal(1, index.Count);
        Assert.True(index.Truncated);
    }
}
