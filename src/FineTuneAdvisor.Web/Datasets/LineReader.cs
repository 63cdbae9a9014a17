using System.Buffers;
using System.IO.Pipelines;
using System.Text.Unicode;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// Reads a sample line by line from a pipe without ever holding more than one line beyond the pipe's own
/// buffer. Every line is checked before anyone parses it: at most <see cref="MaxLineBytes"/> bytes, valid UTF-8,
/// no binary control bytes. A byte-order mark on line 1 is dropped (Azure asks for one, others do not), and so are
/// line ends (LF or CRLF). Blank lines are counted but not returned.
/// </summary>
public sealed class LineReader(PipeReader pipe, long maxBytes)
{
    public const int MaxLineBytes = 1024 * 1024;

    // NUL and the C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC are allowed).
    private static readonly SearchValues<byte> BinaryBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31]);

    private long _consumed;
    private bool _completed;

    /// <summary>Lines seen so far, blank ones included: the number of the last line read.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes of the file consumed so far.</summary>
    public long BytesRead => _consumed;

    /// <summary>
    /// Appends lines to <paramref name="batch"/> until it holds <paramref name="targetBytes"/> or
    /// <paramref name="maxLines"/> lines, or the file ends. False when nothing was added because the file ended.
    /// </summary>
    public async ValueTask<bool> FillAsync(LineBatch batch, int targetBytes, int maxLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        while (!_completed && batch.ByteCount < targetBytes && batch.Count < maxLines)
        {
            var result = await pipe.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var full = false;
            try
            {
                if (_consumed + buffer.Length > maxBytes)
                {
                    throw new UploadTooLargeException(maxBytes);
                }

                while (true)
                {
                    if (batch.ByteCount >= targetBytes || batch.Count >= maxLines)
                    {
                        full = true;
                        break;
                    }

                    if (!TryTakeLine(ref buffer, out var line))
                    {
                        break;
                    }

                    Add(batch, line);
                }

                if (!full && result.IsCompleted && buffer.Length > 0)
                {
                    // The last line has no line end.
                    Add(batch, buffer);
                    buffer = buffer.Slice(buffer.End);
                }
                else if (!full && buffer.Length > MaxLineBytes + 2)
                {
                    throw LineTooLong(LineNumber + 1);
                }
            }
            catch
            {
                // A refused sample still hands the buffer back: Kestrel drains the rest of the body after the 400,
                // and a pipe left mid-read makes that drain fail ("Reading is already in progress").
                pipe.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                throw;
            }

            _consumed += result.Buffer.Length - buffer.Length;
            _completed = result.IsCompleted && buffer.Length == 0;

            // A full batch leaves whole lines in the pipe: mark them unexamined so the next read returns them at once.
            if (full)
            {
                pipe.AdvanceTo(buffer.Start);
            }
            else
            {
                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }

        batch.BytesReadAfter = _consumed;
        return batch.Count > 0;
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var end = buffer.PositionOf((byte)'\n');
        if (end is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        return true;
    }

    private void Add(LineBatch batch, ReadOnlySequence<byte> raw)
    {
        var number = ++LineNumber;
        if (raw.Length > MaxLineBytes + 1)
        {
            throw LineTooLong(number);
        }

        var length = (int)raw.Length;
        var target = batch.Reserve(length);
        raw.CopyTo(target);
        var line = target[..length];
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        var skip = number == 1 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        line = line[skip..];
        if (line.Length > MaxLineBytes)
        {
            throw LineTooLong(number);
        }

        Check(line, number);
        if (!batch.KeepBlankLines && line.IsWhiteSpace())
        {
            return;
        }

        if (skip > 0)
        {
            line.CopyTo(target);
        }

        batch.Commit(number, line.Length);
    }

    /// <summary>Refuses binary data and invalid UTF-8, naming the line and the byte (never the content).</summary>
    public static void Check(ReadOnlySpan<byte> line, long number)
    {
        var control = line.IndexOfAny(BinaryBytes);
        if (control >= 0)
        {
            throw new DatasetInputException(number,
                $"Line {number} holds binary data (byte 0x{line[control]:X2} at position {control + 1}). Upload the sample as text: JSONL or CSV in UTF-8.");
        }

        if (!Utf8.IsValid(line))
        {
            throw new DatasetInputException(number,
                $"Line {number} is not valid UTF-8 (at byte {FirstInvalidByte(line) + 1}). Save the file as UTF-8 and upload it again.");
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> line)
    {
        var offset = 0;
        while (offset < line.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(line[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private static DatasetInputException LineTooLong(long number) =>
        new(number, $"Line {number} is longer than {MaxLineBytes / (1024 * 1024)} MB. JSONL holds one example a line; an example this long is far over any model's limit.");
}

internal static class ByteSpanExtensions
{
    public static bool IsWhiteSpace(this Span<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0B or 0x0C))
            {
                return false;
            }
        }

        return true;
    }
}
