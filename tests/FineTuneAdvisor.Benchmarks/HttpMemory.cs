using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace FineTuneAdvisor.Benchmarks;

/// <summary>
/// The extra working set of one upload through the real app: starts FineTuneAdvisor.Web (Release build) on a free
/// loopback port, waits until it is healthy and its tokenizers are loaded, then posts a sample of the given size to
/// /api/datasets/analyze while sampling the server's resident set (/proc/PID/status, VmRSS) every 20 ms.
/// </summary>
public static class HttpMemory
{
    public static async Task<int> RunAsync(int megabytes)
    {
        if (AppDll() is not { } app)
        {
            return 1;
        }

        var data = Directory.CreateTempSubdirectory("ftadvisor-bench-");

        // A first start creates and migrates the database; the second shows a normal start-up.
        using (var first = Start(app, data, out var firstPort))
        {
            (await WaitHealthyAsync(firstPort, "first start, new database")).Dispose();
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        using var server = Start(app, data, out var port);
        try
        {
            using var client = await WaitHealthyAsync(port, "second start");

            // Warm up: the tokenizers load in the background at start-up; a small analysis waits for them.
            using (var warm = new ByteArrayContent(SampleGenerator.ChatJsonl(200_000)))
            {
                warm.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
                (await client.PostAsync("/api/datasets/analyze", warm)).EnsureSuccessStatusCode();
            }

            var sample = SampleGenerator.ChatJsonl(megabytes * 1024L * 1024 - 4096);
            var before = await SteadyResidentBytesAsync(server.Id);
            var peak = before;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, ResidentBytes(server.Id));
                    await Task.Delay(20);
                }
            });

            var watch = Stopwatch.StartNew();
            using var content = new ByteArrayContent(sample);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
            using var response = await client.PostAsync("/api/datasets/analyze", content);
            var seconds = watch.Elapsed.TotalSeconds;
            await stop.CancelAsync();
            await sampler;
            Console.WriteLine($"POST {sample.Length / 1048576d:0.0} MB: {(int)response.StatusCode} in {seconds:0.00} s = {sample.Length / 1048576d / seconds:0.00} MB/s end to end over HTTP");
            Console.WriteLine($"server working set before {before / 1048576d:0} MB, peak {peak / 1048576d:0} MB, extra {(peak - before) / 1048576d:0} MB");
            return response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }

    /// <summary>The app's Release build, or null (with a message) when it has not been built.</summary>
    public static string? AppDll()
    {
        var app = Path.Combine(FindRepositoryRoot(), "src", "FineTuneAdvisor.Web", "bin", "Release", "net10.0", "FineTuneAdvisor.Web.dll");
        if (File.Exists(app))
        {
            return app;
        }

        Console.Error.WriteLine($"Build the app first: dotnet build -c Release src/FineTuneAdvisor.Web ({app} is missing)");
        return null;
    }

    public static Process Start(string app, DirectoryInfo data, out int port)
    {
        port = FreePort();
        // A framework-dependent build runs through the dotnet host; a self-contained one (no .dll given) on its own.
        var start = app.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet", [app, "--urls", $"http://127.0.0.1:{port}"])
            : new ProcessStartInfo(app, ["--urls", $"http://127.0.0.1:{port}"]);
        start.WorkingDirectory = Path.GetDirectoryName(app)!;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(data.FullName, "advisor.db")}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<HttpClient> WaitHealthyAsync(int port, string what, string path = "/healthz")
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        var watch = Stopwatch.StartNew();
        while (!await HealthyAsync(client, path))
        {
            await Task.Delay(20);
        }

        Console.WriteLine($"{what}: healthy {watch.ElapsedMilliseconds} ms after the process started");
        return client;
    }

    private static async Task<bool> HealthyAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>
    /// The server's resident set once the warm-up's garbage is gone: sampled every 100 ms until two readings are within
    /// 1 MB of each other (at most 5 s), so the baseline is not taken mid-collection.
    /// </summary>
    private static async Task<long> SteadyResidentBytesAsync(int pid)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var last = ResidentBytes(pid);
        for (var tick = 0; tick < 50 && await timer.WaitForNextTickAsync(); tick++)
        {
            var now = ResidentBytes(pid);
            if (Math.Abs(now - last) < 1024 * 1024)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    private static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FineTuneAdvisor.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
