using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Benchmarks;

/// <summary>The whole analyser on a generated 20 MB chat JSONL, as an upload would run it (MB/s = 20 / Mean).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AnalyzerBenchmarks
{
    private readonly DatasetAnalyzer _analyzer = new(new TokenizerProvider(), TimeProvider.System);
    private byte[] _sample = [];

    [GlobalSetup]
    public void Setup()
    {
        _sample = SampleGenerator.ChatJsonl(20L * 1024 * 1024);
        new TokenizerProvider().WarmUpAsync().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> Analyze20MegabyteChatJsonl()
    {
        var report = await _analyzer.AnalyzeAsync(PipeReader.Create(new MemoryStream(_sample)),
            new AnalysisRequest(TargetModels.Default, long.MaxValue, _sample.Length), null, CancellationToken.None);
        return report.Examples;
    }
}
