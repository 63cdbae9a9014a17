using System.Collections.Concurrent;
using FineTuneAdvisor.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog.Core;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// The real app on a database of its own (a temporary SQLite file, or on the PostgreSQL run a database made for it and
/// dropped afterwards: see <see cref="TestDatabases"/>), in the Production environment (no developer pages), with
/// every log event captured so tests can check what would have been written.
/// </summary>
public class AdvisorAppFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ftadvisor-tests", Path.GetRandomFileName());
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly string _databasePath;
    private PostgresTestDatabase? _postgres;

    static AdvisorAppFactory()
    {
        // Hundreds of hosts start in one test run; each would watch appsettings*.json and wwwroot with inotify and the
        // default limit (128 instances) runs out. Tests never edit configuration files, so nothing is watched.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        // asp-append-version watches wwwroot files too; polling needs no inotify instance.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    /// <summary>The app on this run's provider.</summary>
    public AdvisorAppFactory()
        : this(TestDatabases.Provider)
    {
    }

    /// <summary>The app on the given provider, whatever the run's (<c>db copy</c> reads SQLite and writes PostgreSQL).</summary>
    public AdvisorAppFactory(DatabaseProvider provider)
    {
        Provider = provider;
        Directory.CreateDirectory(_directory);
        _databasePath = Path.Combine(_directory, "advisor.db");
        // A background refresh's query must not land in the middle of a test that counts or fails commands; the tests of
        // the refresh itself set a short interval.
        _settings["RuleSets:RefreshSeconds"] = "3600";

        // Every request of a test comes from one client; tests of the limiter itself set these low again.
        _settings["RateLimiting:SharedLinksPerMinute"] = "100000";
        _settings["RateLimiting:ApiWritesPerMinute"] = "100000";
        _settings["RateLimiting:AdminSignInsPerMinute"] = "100000";
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file; only a test marked SQLite-only may read it.</summary>
    public string DatabasePath => Provider == DatabaseProvider.Sqlite
        ? _databasePath
        : throw new InvalidOperationException($"This test reads the SQLite file: mark it [Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)].");

    /// <summary>This host's database; a second host given it (<c>ConnectionStrings:Default</c>) shares it.</summary>
    public string ConnectionString => Provider == DatabaseProvider.Sqlite
        ? $"Data Source={_databasePath}"
        : (_postgres ??= PostgresTestDatabase.Create()).ConnectionString;

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
        builder.UseSetting("Database:Provider", Provider.ToString());
        if (!_settings.ContainsKey("ConnectionStrings:Default"))
        {
            // Made only now, so a host that shares another's database never makes one of its own.
            builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        }

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
        // WebApplicationFactory calls this twice (Dispose and DisposeAsync): the database is handed back once.
        Interlocked.Exchange(ref _postgres, null)?.Dispose();
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
