using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// The real app as its own process (<c>dotnet FineTuneAdvisor.Web.dll</c>, Production settings) on a free loopback
/// port and a given SQLite file, for what an in-process host cannot show: <see cref="KillHard"/> is <c>kill -9</c>
/// (no shutdown hooks, no flush), and a second process may open the same file. Its output is kept for failure messages.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly List<string> _output = [];

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(40));
            }
        }
    }

    /// <summary>Starts the app on <paramref name="databasePath"/> and returns once <c>/health/ready</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [AppDll(), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AppDll())!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["RateLimiting__ApiWritesPerMinute"] = "1000000";
        start.Environment["RateLimiting__SharedLinksPerMinute"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        app._process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync();
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL: the process gets no chance to finish anything it was doing.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(StartLimit);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready", deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The app was not ready within {StartLimit.TotalSeconds} s:\n{Output}");
            }
            catch (TaskCanceledException)
            {
                // One slow probe while it migrates: ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    /// <summary>The web project's own build output (same configuration as these tests), where its appsettings and wwwroot are.</summary>
    private static string AppDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FineTuneAdvisor.sln")))
        {
            directory = directory.Parent;
        }

        var dll = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("FineTuneAdvisor.sln not found above the test binaries."),
            "src", "FineTuneAdvisor.Web", "bin", configuration, "net10.0", "FineTuneAdvisor.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the web project first.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
