using System.Diagnostics;
using System.Net.Http.Headers;

namespace FineTuneAdvisor.Benchmarks;

/// <summary>
/// Start-up to healthy: starts the Release build of FineTuneAdvisor.Web (<see cref="HttpMemory"/>'s way) several
/// times on one SQLite file and prints how long each start took until <c>/health/ready</c> answered 200, and how much
/// later the first analysis could run (the tokenizers are loaded by then). The first start creates the database and
/// is shown apart; the median is over the starts that followed.
/// </summary>
public static class StartUpTime
{
    /// <param name="starts">Starts after the first (which creates the database).</param>
    /// <param name="appDll">Another build of the app to measure (say, the main branch's, to compare); this repository's Release build by default.</param>
    public static async Task<int> RunAsync(int starts, string? appDll = null)
    {
        var app = appDll ?? HttpMemory.AppDll();
        if (app is null)
        {
            return 1;
        }

        var data = Directory.CreateTempSubdirectory("ftadvisor-startup-");
        var times = new List<long>();
        try
        {
            for (var run = 0; run <= starts; run++)
            {
                var watch = Stopwatch.StartNew();
                using var server = HttpMemory.Start(app, data, out var port);
                try
                {
                    using var client = await HttpMemory.WaitHealthyAsync(port, run == 0 ? "start 0 (new database)" : $"start {run}", "/health/ready");
                    var healthy = watch.ElapsedMilliseconds;
                    using var sample = new ByteArrayContent(SampleGenerator.ChatJsonl(20_000));
                    sample.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
                    (await client.PostAsync("/api/datasets/analyze", sample)).EnsureSuccessStatusCode();
                    Console.WriteLine($"  first analysis answered {watch.ElapsedMilliseconds} ms after the process started");
                    if (run > 0)
                    {
                        times.Add(healthy);
                    }
                }
                finally
                {
                    server.Kill(entireProcessTree: true);
                    await server.WaitForExitAsync();
                }
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }

        times.Sort();
        Console.WriteLine($"start-up to healthy over {times.Count} starts of an existing database: median {times[times.Count / 2]} ms, min {times[0]} ms, max {times[^1]} ms ({Environment.ProcessorCount} cores)");
        return 0;
    }
}
