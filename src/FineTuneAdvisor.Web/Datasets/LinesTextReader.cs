using System.Text;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// Serves checked lines (see <see cref="LineReader"/>) as text to the CSV parser, blank lines included so its line
/// numbers stay the file's. It also follows quotes: a quoted field may span lines, but a record longer than
/// <see cref="LineReader.MaxLineBytes"/> (usually an unclosed quote) is refused instead of buffered.
/// </summary>
public sealed class LinesTextReader(LineReader lines, LineBatch first, CancellationToken cancellationToken) : TextReader
{
    private readonly LineBatch _first = first;
    private const int TargetBytes = 64 * 1024;

    private LineBatch _batch = first;
    private int _index;
    private long _nextLine = 1;
    private char[] _chars = [];
    private int _charsStart, _charsLength;
    private bool _inQuotes;
    private long _recordStartLine = 1;
    private long _recordBytes;

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        while (_charsLength == 0)
        {
            if (!await NextLineAsync())
            {
                return 0;
            }
        }

        var n = Math.Min(buffer.Length, _charsLength);
        _chars.AsMemory(_charsStart, n).CopyTo(buffer);
        _charsStart += n;
        _charsLength -= n;
        return n;
    }

    public override int Read(Span<char> buffer) =>
        throw new NotSupportedException("The upload is read asynchronously.");

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Peek() => -1;

    private async ValueTask<bool> NextLineAsync()
    {
        if (_index >= _batch.Count)
        {
            if (!ReferenceEquals(_batch, _first))
            {
                _batch.Dispose();
            }

            _batch = new LineBatch(TargetBytes) { KeepBlankLines = true };
            _index = 0;
            if (!await lines.FillAsync(_batch, TargetBytes, 1024, cancellationToken))
            {
                return false;
            }
        }

        var number = _batch.LineAt(_index);
        var bytes = _batch[_index++].Span;

        // Lines the reader skipped as blank come back as empty lines, so the parser counts them.
        var blanks = (int)(number - _nextLine);
        _nextLine = number + 1;
        var needed = blanks + Encoding.UTF8.GetMaxCharCount(bytes.Length) + 1;
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, 4096)];
        }

        _chars.AsSpan(0, blanks).Fill('\n');
        var length = blanks + Encoding.UTF8.GetChars(bytes, _chars.AsSpan(blanks));
        _chars[length++] = '\n';
        _charsStart = 0;
        _charsLength = length;
        TrackQuotes(bytes, number);
        return true;
    }

    private void TrackQuotes(ReadOnlySpan<byte> line, long number)
    {
        if (!_inQuotes)
        {
            _recordStartLine = number;
            _recordBytes = 0;
        }

        _recordBytes += line.Length + 1;
        if (line.Count((byte)'"') % 2 == 1)
        {
            _inQuotes = !_inQuotes;
        }

        if (_inQuotes && _recordBytes > LineReader.MaxLineBytes)
        {
            throw new DatasetInputException(_recordStartLine,
                $"Line {_recordStartLine} opens a quoted CSV field that runs on for more than {LineReader.MaxLineBytes / (1024 * 1024)} MB: is a closing quote missing?");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !ReferenceEquals(_batch, _first))
        {
            _batch.Dispose();
        }

        base.Dispose(disposing);
    }
}
