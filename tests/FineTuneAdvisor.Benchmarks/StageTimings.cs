using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Datasets.PersonalData;

namespace FineTuneAdvisor.Benchmarks;

/// <summary>Single-thread cost of each stage of the per-example work, to see where the time goes.</summary>
public static class StageTimings
{
    public static async Task RunAsync(int megabytes)
    {
        var sample = SampleGenerator.ChatJsonl(megabytes * 1024L * 1024);
        var lines = Encoding.UTF8.GetString(sample).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes).ToList();
        var tokenizer = await new TokenizerProvider().GetAsync(TargetModels.O200kBase);
        var counter = new TokenCounter(tokenizer);
        var parsed = new List<List<ChatMessage>>();
        var example = new ParsedExample();
        for (var round = 0; round < 2; round++)
        {
            parsed.Clear();
            var watch = Stopwatch.StartNew();
            foreach (var line in lines)
            {
                ExampleParser.ParseJsonLine(line, 1, DatasetFormat.ChatJsonl, example);
                parsed.Add([.. example.Messages]);
            }

            Report("parse + checks", watch, sample.Length);
            watch.Restart();
            long tokens = 0;
            foreach (var messages in parsed)
            {
                tokens += counter.CountExample(messages).Total;
            }

            Report("count tokens", watch, sample.Length);
            watch.Restart();
            var found = new List<PersonalDataMatch>();
            foreach (var messages in parsed)
            {
                foreach (var m in messages)
                {
                    PersonalDataScanner.Scan(m.Content, found);
                }
            }

            Report($"personal data ({found.Count})", watch, sample.Length);
            watch.Restart();
            var words = new List<ulong>();
            var signature = new ushort[MinHash.Size];
            long wordCount = 0;
            foreach (var messages in parsed)
            {
                words.Clear();
                foreach (var m in messages)
                {
                    var lower = m.Content.ToLowerInvariant();
                    foreach (var w in lower.Split(' '))
                    {
                        words.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(w.AsSpan())));
                    }
                }

                wordCount += words.Count;
                MinHash.Compute(CollectionsMarshal.AsSpan(words), signature);
            }

            Report($"words + minhash ({wordCount:N0} words)", watch, sample.Length);
            watch.Restart();
            var analyzer = new BatchAnalyzer(counter, DatasetFormat.ChatJsonl);
            var batch = new LineBatch(sample.Length);
            foreach (var line in lines)
            {
                line.CopyTo(batch.Reserve(line.Length));
                batch.Commit(1, line.Length);
            }

            watch.Restart();
            analyzer.Analyze(batch);
            Report("whole worker, one thread", watch, sample.Length);
            batch.Dispose();
            Console.WriteLine();
        }
    }

    private static void Report(string stage, Stopwatch watch, long bytes) =>
        Console.WriteLine($"{stage,-40} {watch.Elapsed.TotalSeconds,6:0.00} s  {bytes / 1048576d / watch.Elapsed.TotalSeconds,7:0.0} MB/s");
}
