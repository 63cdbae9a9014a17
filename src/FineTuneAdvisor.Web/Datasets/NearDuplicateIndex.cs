using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>Near duplicates found by LSH banding over MinHash signatures (see <see cref="MinHash"/>).</summary>
/// <remarks>
/// <para><c>NearDuplicates</c>: Examples that could go: in each cluster, every member but the first.</para>
/// <para><c>Clusters</c>: Groups of two or more near-identical examples.</para>
/// <para><c>ClusteredExamples</c>: Examples in such a group, the first of each included.</para>
/// <para><c>FirstPairs</c>: The first few near duplicates by line, each with the line of its cluster's first member.</para>
/// </remarks>
public sealed record NearDuplicateResult(int NearDuplicates, int Clusters, int ClusteredExamples, int LargestCluster, IReadOnlyList<LinePair> FirstPairs);

/// <summary>A line and the earlier line it repeats.</summary>
public sealed record LinePair(long Line, long SameAs);

/// <summary>
/// Keeps the signatures of distinct examples (224 bytes each, in 1,024-signature chunks) up to a capacity, then
/// finds near-duplicate clusters once all are in. The cap bounds memory on files of many tiny examples.
/// </summary>
public sealed class NearDuplicateIndex(int capacity)
{
    public const int DefaultCapacity = 100_000;
    private const int ChunkSignatures = 1024;

    private readonly List<ushort[]> _chunks = [];
    private readonly List<long> _lines = [];

    public int Count => _lines.Count;

    /// <summary>True when examples were left out because the index was full.</summary>
    public bool Truncated { get; private set; }

    public void Add(long line, ReadOnlySpan<ushort> signature)
    {
        if (Count >= capacity)
        {
            Truncated = true;
            return;
        }

        var offset = Count % ChunkSignatures;
        if (offset == 0)
        {
            _chunks.Add(new ushort[ChunkSignatures * MinHash.Size]);
        }

        signature.CopyTo(_chunks[^1].AsSpan(offset * MinHash.Size, MinHash.Size));
        _lines.Add(line);
    }

    private ReadOnlySpan<ushort> Signature(int index) =>
        _chunks[index / ChunkSignatures].AsSpan(index % ChunkSignatures * MinHash.Size, MinHash.Size);

    public NearDuplicateResult Find(CancellationToken cancellationToken)
    {
        var count = Count;
        var parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            parent[i] = i;
        }

        var keys = new (ulong Key, int Index)[count];
        for (var band = 0; band < MinHash.Bands; band++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < count; i++)
            {
                var rows = Signature(i).Slice(band * MinHash.Rows, MinHash.Rows);
                keys[i] = (XxHash3.HashToUInt64(MemoryMarshal.AsBytes(rows), band), i);
            }

            Array.Sort(keys, static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Index.CompareTo(b.Index));
            for (var start = 0; start < count;)
            {
                var end = start + 1;
                while (end < count && keys[end].Key == keys[start].Key)
                {
                    end++;
                }

                // A bucket compares each member with its first and its neighbour, not every pair: a bucket of
                // thousands of templated examples stays linear.
                for (var j = start + 1; j < end; j++)
                {
                    TryJoin(keys[start].Index, keys[j].Index, parent);
                    if (j - 1 > start)
                    {
                        TryJoin(keys[j - 1].Index, keys[j].Index, parent);
                    }
                }

                start = end;
            }
        }

        return Summarise(parent);
    }

    private void TryJoin(int a, int b, int[] parent)
    {
        var rootA = Root(parent, a);
        var rootB = Root(parent, b);
        if (rootA == rootB || MinHash.Similarity(Signature(a), Signature(b)) < MinHash.Threshold)
        {
            return;
        }

        // The earlier example stays the root, so a cluster is named by its first line.
        if (rootA < rootB)
        {
            parent[rootB] = rootA;
        }
        else
        {
            parent[rootA] = rootB;
        }
    }

    private static int Root(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private NearDuplicateResult Summarise(int[] parent)
    {
        var sizes = new Dictionary<int, int>();
        var pairs = new List<LinePair>();
        for (var i = 0; i < parent.Length; i++)
        {
            var root = Root(parent, i);
            if (root == i)
            {
                continue;
            }

            sizes[root] = sizes.GetValueOrDefault(root, 1) + 1;
            if (pairs.Count < DatasetReport.SampleLines)
            {
                pairs.Add(new LinePair(_lines[i], _lines[root]));
            }
        }

        var near = sizes.Values.Sum(s => s - 1);
        return new NearDuplicateResult(near, sizes.Count, sizes.Values.Sum(), sizes.Count == 0 ? 0 : sizes.Values.Max(), pairs);
    }
}
