using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Datasets.PersonalData;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// Merges batch results in file order (so "first lines" and "same as line" are deterministic, whatever thread
/// finished first) and turns the totals into a <see cref="DatasetReport"/>. Memory grows with the number of
/// examples, not their size: a few ints and a 16-byte hash each, plus the capped MinHash index.
/// </summary>
public sealed class DatasetAccumulator(TargetModel model, DatasetFormat format, int nearDuplicateCapacity = NearDuplicateIndex.DefaultCapacity)
{
    private const int MaxDistinctValues = 10_000;

    private readonly long[] _errors = new long[FormatErrors.All.Count];
    private readonly List<long>[] _errorLines = [.. FormatErrors.All.Select(_ => new List<long>())];
    private readonly List<int> _tokens = [];
    private readonly List<int> _assistantTokens = [];
    private readonly List<int> _messages = [];
    private readonly List<long> _overLimitLines = [];
    private readonly Dictionary<UInt128, long> _firstLineOfText = [];
    private readonly List<LinePair> _exactLines = [];
    private readonly HashSet<UInt128> _systemPrompts = [];
    private readonly Dictionary<UInt128, int> _replies = [];
    private readonly NearDuplicateIndex _near = new(nearDuplicateCapacity);
    private readonly HyperLogLog _wordPairs = new();
    private readonly PiiTally[] _pii = [.. PersonalDataKinds.All.Select(_ => new PiiTally())];

    private int _examples, _valid, _exact, _overLimit, _missingSystem, _missingUser, _withSystem, _withReply;
    private long _totalTokens, _billedPerEpoch, _wordPairCount;

    public long BytesRead { get; private set; }

    public int Examples => _examples;

    public void Add(BatchResult batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        BytesRead = batch.BytesReadAfter;
        _examples += batch.Examples;
        foreach (var (line, errors) in batch.Invalid)
        {
            for (var type = 0; type < errors.Length; type++)
            {
                if (errors[type] > 0)
                {
                    _errors[type] += errors[type];
                    AddLine(_errorLines[type], line);
                }
            }
        }

        for (var i = 0; i < batch.Valid.Count; i++)
        {
            AddValid(batch.Valid[i], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch.Signatures).Slice(i * MinHash.Size, MinHash.Size));
        }

        _wordPairs.Merge(batch.WordPairs);
        _wordPairCount += batch.WordPairCount;
        var lastLine = -1L;
        var kindsInExample = new HashSet<PersonalDataKind>();
        foreach (var (line, match) in batch.PersonalData)
        {
            if (line != lastLine)
            {
                kindsInExample.Clear();
                lastLine = line;
            }

            var tally = _pii[(int)match.Kind];
            tally.Count++;
            if (kindsInExample.Add(match.Kind))
            {
                tally.ExamplesWith++;
            }

            if (tally.Distinct.Count < MaxDistinctValues)
            {
                tally.Distinct.Add(match.ValueHash);
            }

            if (tally.Samples.Count < DatasetReport.SampleLines)
            {
                tally.Samples.Add(new MaskedSample(line, match.Masked));
            }
        }
    }

    private void AddValid(ValidExample example, ReadOnlySpan<ushort> signature)
    {
        _valid++;
        _tokens.Add(example.Tokens);
        _assistantTokens.Add(example.AssistantTokens);
        _messages.Add(example.Messages);
        _totalTokens += example.Tokens;
        _billedPerEpoch += TrainingEpochs.BilledTokens(example.Tokens, model.TrainingTokensPerExample);
        if (example.Tokens > model.TrainingTokensPerExample)
        {
            _overLimit++;
            AddLine(_overLimitLines, example.Line);
        }

        if (!example.HasSystem)
        {
            _missingSystem++;
        }

        if (!example.HasUser)
        {
            _missingUser++;
        }

        if (example.SystemHash is { } system)
        {
            _withSystem++;
            _systemPrompts.Add(system);
        }

        if (example.ReplyHash is { } reply)
        {
            _withReply++;
            _replies[reply] = _replies.GetValueOrDefault(reply) + 1;
        }

        if (_firstLineOfText.TryGetValue(example.TextHash, out var first))
        {
            _exact++;
            if (_exactLines.Count < DatasetReport.SampleLines)
            {
                _exactLines.Add(new LinePair(example.Line, first));
            }

            return;
        }

        _firstLineOfText.Add(example.TextHash, example.Line);
        _near.Add(example.Line, signature);
    }

    private static void AddLine(List<long> lines, long line)
    {
        if (lines.Count < DatasetReport.SampleLines)
        {
            lines.Add(line);
        }
    }

    public DatasetReport Build(string analyzerVersion, DateTimeOffset measuredAt, long bytes, long lines, CancellationToken cancellationToken)
    {
        var near = _near.Find(cancellationToken);
        var epochs = TrainingEpochs.ForExamples(_valid);
        var perExample = Distribution.Of(_tokens);
        var distinctPairs = Math.Min(_wordPairs.Estimate(), _wordPairCount);
        var topReply = _replies.Count == 0 ? 0 : _replies.Values.Max();
        var variety = new VarietyReport(
            distinctPairs,
            _wordPairCount,
            _wordPairCount == 0 ? 0 : Math.Round(distinctPairs / (double)_wordPairCount, 3),
            true,
            near.Clusters,
            _near.Count == 0 ? 0 : Math.Round(near.ClusteredExamples / (double)_near.Count, 3),
            _systemPrompts.Count,
            _withSystem,
            _withReply == 0 ? 0 : Math.Round(topReply / (double)_withReply, 3),
            topReply,
            perExample is null || perExample.P10 <= 0 ? 0 : Math.Round(perExample.P90 / perExample.P10, 2));
        var duplicates = new DuplicateReport(_exact, near.NearDuplicates, MinHash.Threshold, near.Clusters, near.LargestCluster,
            _exactLines, near.FirstPairs, _near.Count, _near.Truncated);
        var pii = PersonalDataKinds.All.Select(kind =>
        {
            var tally = _pii[(int)kind];
            return new PersonalDataFinding(kind.Key(), kind.Label(), tally.Count, tally.ExamplesWith,
                _examples == 0 ? 0 : Math.Round(tally.Count * 1000d / _examples, 2), tally.Distinct.Count, tally.Samples);
        }).ToList();

        var measures = new DatasetMeasures(_examples, _valid, _exact, near.NearDuplicates, _overLimit, variety,
            pii.ToDictionary(p => p.Kind, p => (p.Count, p.DistinctValues), StringComparer.Ordinal));
        var suggestions = SuggestionRules.Suggest(measures);

        return new DatasetReport
        {
            AnalyzerVersion = analyzerVersion,
            MeasuredAt = measuredAt,
            Format = format.Code(),
            FormatDescription = format.Describe(),
            Model = model.Id,
            Bytes = bytes,
            Lines = lines,
            Examples = _examples,
            ValidExamples = _valid,
            FormatErrors = FormatErrors.All.ToDictionary(e => e.Key(), e => (int)_errors[(int)e], StringComparer.Ordinal),
            FormatErrorLines = FormatErrors.All.Where(e => _errorLines[(int)e].Count > 0)
                .ToDictionary(e => e.Key(), e => (IReadOnlyList<long>)_errorLines[(int)e], StringComparer.Ordinal),
            Warnings = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["missing_system"] = _missingSystem,
                ["missing_user"] = _missingUser,
            },
            Tokens = new TokenReport(model.Encoding, _totalTokens, perExample, Distribution.Of(_assistantTokens), Distribution.Of(_messages)),
            TokenLimit = model.TrainingTokensPerExample,
            OverLimit = _overLimit,
            OverLimitLines = _overLimitLines,
            Epochs = epochs,
            BilledTokensPerEpoch = _billedPerEpoch,
            BilledTrainingTokens = epochs * _billedPerEpoch,
            Duplicates = duplicates,
            Pii = pii.ToDictionary(p => p.Kind, p => p.Count, StringComparer.Ordinal),
            PiiDetails = pii,
            Variety = variety,
            SuggestedAnswers = suggestions.ToDictionary(s => s.QuestionId, s => s.JsonValue, StringComparer.Ordinal),
            Suggestions = suggestions,
        };
    }

    private sealed class PiiTally
    {
        public int Count { get; set; }

        public int ExamplesWith { get; set; }

        public HashSet<ulong> Distinct { get; } = [];

        public List<MaskedSample> Samples { get; } = [];
    }
}
