using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog.Core;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// The real app on its own temporary SQLite file, in the Production environment (no developer pages),
/// with every log event captured so tests can check what would have been written.
/// </summary>
public class AdvisorAppFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ftadvisor-tests", Path.GetRandomFileName());
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    static AdvisorAppFactory()
    {
        // Hundreds of hosts start in one test run; each would watch appsettings*.json and wwwroot with inotify and the
        // default limit (128 instances) runs out. Tests never edit configuration files, so nothing is watched.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        // asp-append-version watches wwwroot files too; polling needs no inotify instance.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public AdvisorAppFactory()
    {
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "advisor.db");

        // Every request of a test comes from one client; tests of the limiter itself set these low again.
        _settings["RateLimiting:SharedLinksPerMinute"] = "100000";
        _settings["RateLimiting:ApiWritesPerMinute"] = "100000";
        _settings["RateLimiting:AdminSignInsPerMinute"] = "100000";
        _settings["RateLimiting:QuestionnaireWritesPerMinute"] = "100000";
    }

    public string DatabasePath { get; }

    public CapturingSink Logs { get; } = new();

    public TimeProvider? Time { get; set; }

    /// <summary>Configuration to apply on top of appsettings (set before the first client is created).</summary>
    public AdvisorAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            if (Time is not null)
            {
                services.Replace(ServiceDescriptor.Singleton(Time));
            }
        });
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed, so tests see every Location.</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Keeps every log event with its rendered message and property values.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>
    /// The events that match, waiting for the first one for up to ten seconds. Some events are written after the
    /// client has its response: ASP.NET Core 10 logs an unhandled exception after the error page is served, and the
    /// request line after the pipeline returns. An empty answer means none came; the caller's assertion says so.
    /// </summary>
    public async Task<IReadOnlyList<LogEvent>> WaitForAsync(Func<LogEvent, bool> match)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var found = _events.Where(match).ToList();
            if (found.Count > 0)
            {
                return found;
            }

            await Task.Delay(50);
        }

        return [];
    }

    /// <summary>Everything a sink could write: messages, properties and exceptions, one string per event.</summary>
    public IEnumerable<string> AllText() => _events.Select(e =>
        e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + " " + e.Exception);
}
