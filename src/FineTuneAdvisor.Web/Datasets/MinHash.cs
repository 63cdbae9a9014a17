namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// MinHash signatures over word 5-shingles (Broder, 1997), for near-duplicate search with LSH banding: 112 hash
/// functions in 14 bands of 8 rows, the layout of Hugging Face datatrove. Two examples become candidates when a
/// whole band agrees: probability 1 − (1 − s⁸)¹⁴ for Jaccard similarity s, about 50% at s = 0.72, 92% at 0.8 and
/// over 99.9% at 0.9. Candidates count as near duplicates when their signatures agree on at least
/// <see cref="Threshold"/> of the 112 positions (the estimate of s). Each position keeps 16 bits of its minimum,
/// so a signature costs 224 bytes; a chance agreement of 1 in 65,536 is negligible.
/// </summary>
public static class MinHash
{
    public const int ShingleWords = 5;
    public const int Bands = 14;
    public const int Rows = 8;
    public const int Size = Bands * Rows;

    /// <summary>Estimated Jaccard similarity of the word 5-shingles at and above which two examples are near duplicates.</summary>
    public const double Threshold = 0.8;

    // Multiply-shift hash functions h(x) = (a·x + b) >> 32 with odd a, from a fixed seed: signatures are stable.
    private static readonly ulong[] A = new ulong[Size];
    private static readonly ulong[] B = new ulong[Size];

#pragma warning disable CA1810 // The table is filled from one generator; a static constructor says so plainly.
    static MinHash()
#pragma warning restore CA1810
    {
        var state = 0x5EED_0F_A11_C0FFEEUL;
        for (var i = 0; i < Size; i++)
        {
            A[i] = SplitMix64(ref state) | 1;
            B[i] = SplitMix64(ref state);
        }
    }

    /// <summary>Fills <paramref name="signature"/> (length <see cref="Size"/>) from the example's word hashes.</summary>
    public static void Compute(ReadOnlySpan<ulong> words, Span<ushort> signature)
    {
        if (signature.Length != Size)
        {
            throw new ArgumentException($"A signature has {Size} positions.", nameof(signature));
        }

        Span<uint> minimums = stackalloc uint[Size];
        minimums.Fill(uint.MaxValue);
        var shingles = Math.Max(1, words.Length - ShingleWords + 1);
        for (var s = 0; s < shingles; s++)
        {
            var x = Shingle(words.Slice(s, Math.Min(ShingleWords, words.Length - s)));
            for (var i = 0; i < Size; i++)
            {
                var h = (uint)(((A[i] * x) + B[i]) >> 32);
                if (h < minimums[i])
                {
                    minimums[i] = h;
                }
            }
        }

        for (var i = 0; i < Size; i++)
        {
            signature[i] = (ushort)(minimums[i] >> 16);
        }
    }

    /// <summary>The share of positions on which two signatures agree: the estimate of their Jaccard similarity.</summary>
    public static double Similarity(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        var same = 0;
        for (var i = 0; i < Size; i++)
        {
            if (a[i] == b[i])
            {
                same++;
            }
        }

        return same / (double)Size;
    }

    private static ulong Shingle(ReadOnlySpan<ulong> words)
    {
        var h = 0x243F6A8885A308D3UL;
        foreach (var word in words)
        {
            h = HyperLogLog.Mix(h ^ word);
        }

        return h;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
