using System.Diagnostics;
using System.IO.Pipelines;
using BenchmarkDotNet.Running;
using FineTuneAdvisor.Benchmarks;
using FineTuneAdvisor.Web.Datasets;

// dotnet run -c Release --project tests/FineTuneAdvisor.Benchmarks -- --throughput [MB]   end to end, MB/s
// dotnet run -c Release --project tests/FineTuneAdvisor.Benchmarks -- --memory [MB]       extra working set of one analysis (in process)
// dotnet run -c Release --project tests/FineTuneAdvisor.Benchmarks -- --http-memory [MB]  the same upload through the real app over HTTP
// dotnet run -c Release --project tests/FineTuneAdvisor.Benchmarks -- --stages [MB]       single-thread cost of each stage
// dotnet run -c Release --project tests/FineTuneAdvisor.Benchmarks -- --startup [starts] [app]  start-up to /health/ready of the Release app (app: its .dll, or a self-contained build's executable)
// anything else goes to BenchmarkDotNet: the analyser's (AnalyzerBenchmarks) and the scoring's (EvaluateBenchmarks:
// Evaluate with its hinges and Decide over the golden cases, per assessment; docs/scoring.md, "Speed"), e.g.
// dotnet run -c Release --project tests/FineTuneAdvisor.Benchmarks -- --filter '*EvaluateBenchmarks*' --job short
if (args.Length > 0 && args[0] == "--throughput")
{
    var megabytes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
    await Measurements.ThroughputAsync(megabytes);
    return 0;
}

if (args.Length > 0 && args[0] == "--memory")
{
    var megabytes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50;
    return await Measurements.WorkingSetAsync(megabytes);
}

if (args.Length > 0 && args[0] == "--http-memory")
{
    return await HttpMemory.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50);
}

if (args.Length > 0 && args[0] == "--startup")
{
    return await StartUpTime.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5, args.Length > 2 ? args[2] : null);
}

if (args.Length > 0 && args[0] == "--stages")
{
    await StageTimings.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerBenchmarks).Assembly).Run(args);
return 0;

internal static class Measurements
{
    private static readonly DatasetAnalyzer Analyzer = new(new TokenizerProvider(), TimeProvider.System);

    public static async Task ThroughputAsync(int megabytes)
    {
        var sample = SampleGenerator.ChatJsonl(megabytes * 1024L * 1024);
        await Analyzer.AnalyzeAsync(PipeReader.Create(new MemoryStream(sample[..(sample.Length / 10)])), Request(sample.Length), null, CancellationToken.None);
        for (var run = 1; run <= 3; run++)
        {
            var watch = Stopwatch.StartNew();
            var report = await Analyzer.AnalyzeAsync(PipeReader.Create(new MemoryStream(sample)), Request(sample.Length), null, CancellationToken.None);
            watch.Stop();
            Console.WriteLine($"run {run}: {sample.Length / 1048576d:0.0} MB, {report.Examples:N0} examples, {report.Tokens.Total:N0} tokens in {watch.Elapsed.TotalSeconds:0.00} s = {sample.Length / 1048576d / watch.Elapsed.TotalSeconds:0.00} MB/s ({Environment.ProcessorCount} cores)");
        }
    }

    /// <summary>Analyses a file of the given size from disk, sampling the working set; prints the peak above the start.</summary>
    public static async Task<int> WorkingSetAsync(int megabytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ftadvisor-bench-{megabytes}mb.jsonl");
        await File.WriteAllBytesAsync(path, SampleGenerator.ChatJsonl(megabytes * 1024L * 1024));
        await new TokenizerProvider().WarmUpAsync();
        GC.Collect(2, GCCollectionMode.Aggressive, true, true);
        var before = Environment.WorkingSet;
        var peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                await Task.Delay(20);
            }
        });

        await using (var file = File.OpenRead(path))
        {
            var report = await Analyzer.AnalyzeAsync(PipeReader.Create(file), Request(file.Length, 1L << 32), null, CancellationToken.None);
            Console.WriteLine($"{file.Length / 1048576d:0.0} MB, {report.Examples:N0} examples");
        }

        await stop.CancelAsync();
        await sampler;
        File.Delete(path);
        Console.WriteLine($"working set before {before / 1048576d:0} MB, peak {peak / 1048576d:0} MB, extra {(peak - before) / 1048576d:0} MB");
        return 0;
    }

    private static AnalysisRequest Request(long total, long max = 1L << 32) => new(TargetModels.Default, max, total);
}
