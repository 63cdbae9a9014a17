using System.Numerics;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// Counts distinct items in 16 KB whatever their number (Flajolet et al., 2007; precision 14, standard error
/// about 0.8%), with the linear-counting correction for small counts. Items arrive as well-mixed 64-bit hashes.
/// Sketches merge, so each worker fills its own.
/// </summary>
public sealed class HyperLogLog
{
    public const int Precision = 14;
    private const int Registers = 1 << Precision;

    private readonly byte[] _registers = new byte[Registers];

    public void Add(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        var rest = (hash << Precision) | (1UL << (Precision - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > _registers[index])
        {
            _registers[index] = rank;
        }
    }

    public void Merge(HyperLogLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = _registers.AsSpan();
        var theirs = other._registers.AsSpan();
        var i = 0;
        for (; i <= Registers - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            Vector.Max(new Vector<byte>(mine[i..]), new Vector<byte>(theirs[i..])).CopyTo(mine[i..]);
        }

        for (; i < Registers; i++)
        {
            mine[i] = Math.Max(mine[i], theirs[i]);
        }
    }

    public long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var register in _registers)
        {
            sum += Math.ScaleB(1, -register);
            if (register == 0)
            {
                zeros++;
            }
        }

        const double alpha = 0.7213 / (1 + (1.079 / Registers));
        var estimate = alpha * Registers * (double)Registers / sum;
        if (estimate <= 2.5 * Registers && zeros > 0)
        {
            estimate = Registers * Math.Log(Registers / (double)zeros);
        }

        return (long)Math.Round(estimate);
    }

    /// <summary>The 64-bit finaliser of MurmurHash3: spreads combined word hashes over all bits.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xFF51AFD7ED558CCDUL;
        value ^= value >> 33;
        value *= 0xC4CEB9FE1A85EC53UL;
        value ^= value >> 33;
        return value;
    }
}
