using System.Buffers;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// A run of consecutive non-blank lines copied into one pooled buffer: the unit handed to a worker, so that a
/// worker never touches the pipe and memory stays bounded by the batches in flight.
/// </summary>
public sealed class LineBatch(int capacity) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int _length;
    private readonly List<(long Line, int Start, int Length)> _lines = new(256);

    /// <summary>The position of this batch in the file (0, 1, 2…): results are merged in this order.</summary>
    public int Sequence { get; init; }

    /// <summary>Keep blank lines (CSV counts them); JSONL skips them.</summary>
    public bool KeepBlankLines { get; init; }

    /// <summary>Bytes of the file read up to the end of this batch, for progress.</summary>
    public long BytesReadAfter { get; set; }

    public int Count => _lines.Count;

    public int ByteCount => _length;

    public long LineAt(int index) => _lines[index].Line;

    public ReadOnlyMemory<byte> this[int index]
    {
        get
        {
            var (_, start, length) = _lines[index];
            return new ReadOnlyMemory<byte>(_buffer, start, length);
        }
    }

    /// <summary>Room for a line of <paramref name="length"/> bytes; the caller fills it and calls <see cref="Commit"/>.</summary>
    public Span<byte> Reserve(int length)
    {
        if (_buffer.Length - _length < length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + length));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsSpan(_length, length);
    }

    public void Commit(long line, int length)
    {
        _lines.Add((line, _length, length));
        _length += length;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
