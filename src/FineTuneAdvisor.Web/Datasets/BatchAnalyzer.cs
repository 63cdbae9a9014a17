using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using FineTuneAdvisor.Web.Datasets.PersonalData;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>What one valid example contributes, without its content.</summary>
public readonly record struct ValidExample(
    long Line, int Tokens, int AssistantTokens, int Messages, bool HasSystem, bool HasUser,
    UInt128 TextHash, UInt128? SystemHash, UInt128? ReplyHash);

/// <summary>The facts of one batch of examples, merged in file order by <see cref="DatasetAccumulator"/>.</summary>
public sealed class BatchResult
{
    public required int Sequence { get; init; }

    public long BytesReadAfter { get; set; }

    public int Examples { get; set; }

    public List<(long Line, int[] Errors)> Invalid { get; } = [];

    public List<ValidExample> Valid { get; } = [];

    /// <summary>The valid examples' MinHash signatures, <see cref="MinHash.Size"/> positions each, in order.</summary>
    public List<ushort> Signatures { get; } = [];

    public HyperLogLog WordPairs { get; } = new();

    public long WordPairCount { get; set; }

    public List<(long Line, PersonalDataMatch Match)> PersonalData { get; } = [];
}

/// <summary>
/// The per-example work, run on several threads at once: parse, check, count tokens, hash the normalised text,
/// sign it with MinHash, collect word pairs and personal data. A worker owns its batch; nothing here is shared but
/// immutable tables (tokenizer, hash functions).
/// </summary>
public sealed class BatchAnalyzer(TokenCounter tokens, DatasetFormat format)
{
    public BatchResult Analyze(LineBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var result = new BatchResult { Sequence = batch.Sequence, BytesReadAfter = batch.BytesReadAfter };
        var example = new ParsedExample();
        var scratch = new Scratch();
        for (var i = 0; i < batch.Count; i++)
        {
            var line = batch.LineAt(i);
            ExampleParser.ParseJsonLine(batch[i], line, format, example);
            Add(line, example, result, scratch);
        }

        return result;
    }

    public BatchResult Analyze(int sequence, long bytesReadAfter, IReadOnlyList<(long Line, ParsedExample Example)> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var result = new BatchResult { Sequence = sequence, BytesReadAfter = bytesReadAfter };
        var scratch = new Scratch();
        foreach (var (line, example) in examples)
        {
            Add(line, example, result, scratch);
        }

        return result;
    }

    private void Add(long line, ParsedExample example, BatchResult result, Scratch scratch)
    {
        result.Examples++;
        if (!example.IsValid)
        {
            result.Invalid.Add((line, example.ErrorCounts.ToArray()));
            return;
        }

        var messages = example.Messages;
        var (total, assistant) = tokens.CountExample(messages);
        var hasher = scratch.Hasher;
        hasher.Reset();
        scratch.Words.Clear();
        UInt128? system = null, reply = null;
        bool hasSystem = false, hasUser = false;
        foreach (var message in messages)
        {
            var normalised = scratch.Normalise(message.Content);
            hasher.Append(MemoryMarshal.AsBytes(message.Role.AsSpan()));
            hasher.Append([0x1F]);
            hasher.Append(MemoryMarshal.AsBytes(normalised));
            hasher.Append([0x1E]);
            scratch.AddWords(normalised);
            switch (message.Role)
            {
                case ChatRoles.System:
                    system ??= XxHash128.HashToUInt128(MemoryMarshal.AsBytes(normalised));
                    hasSystem = true;
                    break;
                case ChatRoles.User:
                    hasUser = true;
                    break;
                case ChatRoles.Assistant:
                    reply = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(normalised));
                    break;
            }

            var before = scratch.Found.Count;
            PersonalDataScanner.Scan(message.Content, scratch.Found);
            for (var f = before; f < scratch.Found.Count; f++)
            {
                result.PersonalData.Add((line, scratch.Found[f]));
            }

            scratch.Found.Clear();
        }

        result.Valid.Add(new ValidExample(line, total, assistant, messages.Count, hasSystem, hasUser, hasher.GetCurrentHashAsUInt128(), system, reply));

        var words = CollectionsMarshal.AsSpan(scratch.Words);
        Span<ushort> signature = stackalloc ushort[MinHash.Size];
        MinHash.Compute(words, signature);
        result.Signatures.AddRange(signature);
        for (var w = 1; w < words.Length; w++)
        {
            result.WordPairs.Add(HyperLogLog.Mix(words[w - 1] ^ BitOperations.RotateLeft(words[w], 29)));
        }

        result.WordPairCount += Math.Max(0, words.Length - 1);
    }

    /// <summary>Buffers reused across one batch's examples.</summary>
    private sealed class Scratch
    {
        private char[] _buffer = new char[4096];

        public XxHash128 Hasher { get; } = new();

        public List<ulong> Words { get; } = new(1024);

        public List<PersonalDataMatch> Found { get; } = [];

        /// <summary>Lower case, whitespace runs as one space, no leading or trailing space: "Hello\n  World " → "hello world".</summary>
        public ReadOnlySpan<char> Normalise(string text)
        {
            if (_buffer.Length < text.Length)
            {
                _buffer = new char[Math.Max(text.Length, _buffer.Length * 2)];
            }

            var lower = _buffer.AsSpan(0, text.Length);
            text.AsSpan().ToLowerInvariant(lower);
            var n = 0;
            var pendingSpace = false;
            foreach (var c in lower)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = n > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    _buffer[n++] = ' ';
                    pendingSpace = false;
                }

                _buffer[n++] = c;
            }

            return _buffer.AsSpan(0, n);
        }

        /// <summary>Words are runs of letters and digits; each is kept as a 64-bit hash.</summary>
        public void AddWords(ReadOnlySpan<char> normalised)
        {
            var start = -1;
            for (var i = 0; i <= normalised.Length; i++)
            {
                var inWord = i < normalised.Length && char.IsLetterOrDigit(normalised[i]);
                if (inWord && start < 0)
                {
                    start = i;
                }
                else if (!inWord && start >= 0)
                {
                    Words.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(normalised[start..i])));
                    start = -1;
                }
            }
        }
    }
}
