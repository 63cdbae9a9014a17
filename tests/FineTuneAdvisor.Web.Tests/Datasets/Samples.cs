using System.IO.Pipelines;
using System.Text;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Tests.Datasets;

/// <summary>Builds samples and runs the analyser on them in memory.</summary>
public static class Samples
{
    public static readonly DatasetAnalyzer Analyzer = new(new TokenizerProvider(), TimeProvider.System);

    public static Task<DatasetReport> AnalyzeAsync(string text, TargetModel? model = null, long maxBytes = DatasetOptions.DefaultMaxUploadBytes) =>
        AnalyzeAsync(Encoding.UTF8.GetBytes(text), model, maxBytes);

    public static Task<DatasetReport> AnalyzeAsync(byte[] bytes, TargetModel? model = null, long maxBytes = DatasetOptions.DefaultMaxUploadBytes) =>
        Analyzer.AnalyzeAsync(PipeReader.Create(new MemoryStream(bytes), new StreamPipeReaderOptions(bufferSize: 4096)),
            new AnalysisRequest(model ?? TargetModels.Default, maxBytes, bytes.Length), null, CancellationToken.None);

    /// <summary>A chat example as one JSONL line.</summary>
    public static string Chat(string user, string assistant, string? system = null) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            messages = (system is null ? Array.Empty<object>() : [new { role = "system", content = system }])
                .Concat([new { role = "user", content = user }, new { role = "assistant", content = assistant }]),
        });

    /// <summary>Distinct, varied chat examples: each draws its words from a large vocabulary.</summary>
    public static IEnumerable<string> VariedChats(int count, int seed = 7)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return Chat(Sentence(random, 12), Sentence(random, 30), "You answer questions about the product.");
        }
    }

    public static string Sentence(Random random, int words)
    {
        ArgumentNullException.ThrowIfNull(random);
        var builder = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            builder.Append(Words[random.Next(Words.Length)]).Append(' ');
        }

        return builder.ToString().TrimEnd() + ".";
    }

    public static string Lines(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    private static readonly string[] Words = BuildWords();

    private static string[] BuildWords()
    {
        // 2,000 pronounceable nonsense words: varied enough that random sentences share almost no 5-word runs.
        var syllables = new[] { "ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "den", "bar", "pol", "quin", "ex", "ur", "zan", "fe", "gri", "hol", "jax", "wen" };
        var words = new List<string>();
        foreach (var a in syllables)
        {
            foreach (var b in syllables)
            {
                foreach (var c in syllables.Take(5))
                {
                    words.Add(a + b + c);
                }
            }
        }

        return [.. words];
    }
}
