using System.IO.Pipelines;
using System.Text.Json;
using System.Threading.Channels;
using nietras.SeparatedValues;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>What to analyse a sample for.</summary>
/// <remarks>
/// <para><c>MaxBytes</c>: Refuse the sample past this many bytes (<see cref="UploadTooLargeException"/>).</para>
/// <para><c>TotalBytes</c>: The sample's size when known, for progress.</para>
/// </remarks>
public sealed record AnalysisRequest(TargetModel Model, long MaxBytes, long? TotalBytes = null);

/// <summary>
/// The training-data analyser, shared by the API, the /data page and (later) the questionnaire's data step. It
/// streams: one reader splits and checks lines into ~256 KB batches, workers (one per core) parse and measure
/// batches in parallel, and the results are merged in file order. Memory holds the batches in flight and a few
/// numbers per example, never the file. Bad input throws <see cref="DatasetInputException"/> naming the line,
/// a sample over the limit <see cref="UploadTooLargeException"/>.
/// </summary>
public sealed class DatasetAnalyzer(TokenizerProvider tokenizers, TimeProvider time)
{
    /// <summary>Stored with every report: which rules and measures produced it (docs/scoring.md, "Measured data").</summary>
    public const string Version = "data-analyser/1";

    private const int BatchBytes = 256 * 1024;
    private const int BatchLines = 4096;
    private const int CsvBatchRows = 512;

    private static readonly int Workers = Math.Max(2, Environment.ProcessorCount);

    public async Task<DatasetReport> AnalyzeAsync(
        PipeReader input, AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(request);
        var tokenizer = await tokenizers.GetAsync(request.Model.Encoding).WaitAsync(cancellationToken);
        var counter = new TokenCounter(tokenizer);
        var lines = new LineReader(input, request.MaxBytes);

        var first = new LineBatch(BatchBytes);
        try
        {
            if (!await lines.FillAsync(first, BatchBytes, 1, cancellationToken))
            {
                throw new DatasetInputException(1, "The sample is empty: there is no line to analyse.");
            }

            var format = Detect(first[0].Span, first.LineAt(0));
            var accumulator = new DatasetAccumulator(request.Model, format);
            var worker = new BatchAnalyzer(counter, format);
            progress?.Report(new AnalysisProgress(lines.BytesRead, request.TotalBytes, 0));

            // The producer owns the first batch from here on.
            var opening = first;
            first = null;
            var channel = Channel.CreateBounded<Task<BatchResult>>(new BoundedChannelOptions(Workers) { SingleReader = true, SingleWriter = true });
            var producer = format == DatasetFormat.Csv
                ? Task.Run(() => ProduceCsvAsync(lines, opening, worker, channel.Writer, cancellationToken), cancellationToken)
                : Task.Run(() => ProduceJsonlAsync(lines, opening, worker, channel.Writer, cancellationToken), cancellationToken);

            try
            {
                await foreach (var next in channel.Reader.ReadAllAsync(cancellationToken))
                {
                    accumulator.Add(await next);
                    progress?.Report(new AnalysisProgress(accumulator.BytesRead, request.TotalBytes, accumulator.Examples));
                }
            }
            finally
            {
                // The producer's own failure (bad line, too large, cancelled) is the one to report.
                await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await producer;
            var report = accumulator.Build(Version, time.GetUtcNow(), lines.BytesRead, lines.LineNumber, cancellationToken);
            progress?.Report(new AnalysisProgress(lines.BytesRead, request.TotalBytes, report.Examples));
            return report;
        }
        finally
        {
            first?.Dispose();
        }
    }

    /// <summary>
    /// Tells the format from the first non-blank line: a JSON object is JSONL (prompt/completion when it has those keys
    /// and no messages, chat otherwise); anything else must be a CSV header, checked when the CSV is opened.
    /// </summary>
    public static DatasetFormat Detect(ReadOnlySpan<byte> firstLine, long lineNumber)
    {
        var trimmed = firstLine.TrimStart(" \t"u8);
        if (trimmed.IsEmpty)
        {
            throw new DatasetInputException(lineNumber, "The sample is empty: there is no line to analyse.");
        }

        if (trimmed[0] == (byte)'[')
        {
            throw new DatasetInputException(lineNumber,
                $"Line {lineNumber} starts a JSON array: that is a JSON file, not JSONL. Write one example object a line.");
        }

        if (trimmed[0] != (byte)'{')
        {
            return DatasetFormat.Csv;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed.ToArray(), new JsonDocumentOptions { MaxDepth = ExampleParser.MaxDepth });
            var root = document.RootElement;
            return !root.TryGetProperty("messages", out _) && (root.TryGetProperty("prompt", out _) || root.TryGetProperty("completion", out _))
                ? DatasetFormat.PromptCompletionJsonl
                : DatasetFormat.ChatJsonl;
        }
        catch (JsonException)
        {
            if (ExampleParser.NestingDepth(trimmed) > ExampleParser.MaxDepth)
            {
                throw new DatasetInputException(lineNumber,
                    $"Line {lineNumber} nests JSON more than {ExampleParser.MaxDepth} levels deep. A training example needs two or three levels.");
            }

            throw new DatasetInputException(lineNumber,
                $"Line {lineNumber} starts like JSON but is not a complete JSON object. JSONL holds one whole example a line; a pretty-printed JSON file is not JSONL.");
        }
    }

    private static async Task ProduceJsonlAsync(LineReader lines, LineBatch first, BatchAnalyzer worker,
        ChannelWriter<Task<BatchResult>> writer, CancellationToken cancellationToken)
    {
        try
        {
            var sequence = 0;
            var batch = first;
            while (true)
            {
                var current = batch;
                await writer.WriteAsync(Task.Run(() => AnalyzeThenDispose(worker, current), CancellationToken.None), cancellationToken);
                batch = new LineBatch(BatchBytes) { Sequence = ++sequence };
                bool filled;
                try
                {
                    filled = await lines.FillAsync(batch, BatchBytes, BatchLines, cancellationToken);
                }
                catch
                {
                    batch.Dispose();
                    throw;
                }

                if (!filled)
                {
                    batch.Dispose();
                    break;
                }
            }
        }
        finally
        {
            writer.Complete();
        }
    }

    private static BatchResult AnalyzeThenDispose(BatchAnalyzer worker, LineBatch batch)
    {
        using (batch)
        {
            return worker.Analyze(batch);
        }
    }

    private static async Task ProduceCsvAsync(LineReader lines, LineBatch first, BatchAnalyzer worker,
        ChannelWriter<Task<BatchResult>> writer, CancellationToken cancellationToken)
    {
        using var header0 = first;
        try
        {
            using var text = new LinesTextReader(lines, first, cancellationToken);
            using var reader = await Sep.Reader(o => o with
            {
                Unescape = true,
                DisableColCountCheck = true,
                ColNameComparer = StringComparer.OrdinalIgnoreCase,
            }).FromAsync(text, cancellationToken);

            var header = reader.Header;
            var names = header.ColNames;
            int Column(string name) => names.ToList().FindIndex(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase));
            var prompt = Column("prompt");
            var completion = Column("completion");
            var system = Column("system");
            if (prompt < 0 || completion < 0)
            {
                throw new DatasetInputException(first.LineAt(0), names.Count <= 1
                    ? $"Line {first.LineAt(0)} is neither a JSON object (JSONL) nor a CSV header. Upload chat JSONL, prompt/completion JSONL, or CSV with prompt and completion columns."
                    : $"Line {first.LineAt(0)} is a CSV header without {(prompt < 0 ? "a \"prompt\"" : "a \"completion\"")} column. Name the columns prompt and completion (and optionally system).");
            }

            var sequence = 0;
            var rows = new List<(long Line, ParsedExample Example)>(CsvBatchRows);
            while (await reader.MoveNextAsync(cancellationToken))
            {
                var (line, example) = ReadRow(reader.Current, prompt, completion, system);
                if (example is not null)
                {
                    rows.Add((line, example));
                }

                if (rows.Count == CsvBatchRows)
                {
                    await WriteCsvBatchAsync(rows, ++sequence);
                    rows = new List<(long, ParsedExample)>(CsvBatchRows);
                }
            }

            if (rows.Count > 0)
            {
                await WriteCsvBatchAsync(rows, ++sequence);
            }
        }
        finally
        {
            writer.Complete();
        }

        async Task WriteCsvBatchAsync(List<(long Line, ParsedExample Example)> rows, int sequence)
        {
            var bytes = lines.BytesRead;
            await writer.WriteAsync(Task.Run(() => worker.Analyze(sequence, bytes, rows), CancellationToken.None), cancellationToken);
        }
    }

    /// <summary>A CSV row as an example: prompt → user, completion → assistant, system (if any) first. Empty rows are skipped.</summary>
    private static (long Line, ParsedExample? Example) ReadRow(SepReader.Row row, int prompt, int completion, int system)
    {
        var line = row.LineNumberFrom;
        var promptText = Cell(row, prompt);
        var completionText = Cell(row, completion);
        var systemText = Cell(row, system);
        if (promptText.Length == 0 && completionText.Length == 0 && systemText.Length == 0 && row.Span.Trim().IsEmpty)
        {
            return (line, null);
        }

        var example = new ParsedExample();
        if (systemText.Trim().Length > 0)
        {
            example.Messages.Add(new ChatMessage(ChatRoles.System, systemText));
        }

        if (promptText.Trim().Length == 0)
        {
            example.AddError(FormatError.MissingPrompt);
        }

        if (completionText.Trim().Length == 0)
        {
            example.AddError(FormatError.MissingCompletion);
        }

        if (example.IsValid)
        {
            example.Messages.Add(new ChatMessage(ChatRoles.User, promptText));
            example.Messages.Add(new ChatMessage(ChatRoles.Assistant, completionText));
        }

        return (line, example);
    }

    private static string Cell(SepReader.Row row, int index) => index >= 0 && index < row.ColCount ? row[index].ToString() : "";
}
