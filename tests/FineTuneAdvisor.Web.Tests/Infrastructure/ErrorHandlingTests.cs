using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// Faults are injected from the test (checklist C31): an EF interceptor that fails the next database command
/// with a realistic SqliteException, and a middleware that throws for two test-only paths.
/// </summary>
public sealed partial class ErrorHandlingTests : IDisposable
{
    private const string Marker = "fault-marker-7f3c";

    private readonly AdvisorAppFactory _app = new();
    private readonly FailNextCommand _failNextCommand = new();
    private readonly WebApplicationFactory<Program> _faulty;

    public ErrorHandlingTests()
    {
        _faulty = _app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.ConfigureAdvisorDbContext(options => options.AddInterceptors(_failNextCommand));
            services.AddSingleton<IStartupFilter, ThrowOnTestPaths>();
        }));
    }

    public void Dispose()
    {
        _faulty.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task Get_SharePageWhenTheDatabaseFails_ShowsFriendly500WithReferenceAndNoDetails()
    {
        var client = CreateClient();
        var created = await ApiAssessments.CreateAsync(client);
        _failNextCommand.Arm();

        using var response = await client.GetAsync($"/a/{created.ShareToken}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Something went wrong", page.QuerySelector("h1")!.TextContent.Trim());
        var reference = page.QuerySelector("main code")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(reference), "The error page shows no reference.");
        // The reference leads to the logged exception: it carries the request's trace id.
        var traced = await _app.Logs.WaitForAsync(
            e => e.TraceId is not null && e.Exception?.ToString().Contains(Marker, StringComparison.Ordinal) == true);
        Assert.True(traced.Count > 0, string.Join("\n", _app.Logs.Events.Select(e => $"{e.TraceId} {e.MessageTemplate.Text} {e.Exception?.GetType()}")));
        Assert.All(traced, e => Assert.Contains(e.TraceId!.Value.ToHexString(), reference, StringComparison.Ordinal));
        AssertNoDetails(await response.Content.ReadAsStringAsync());
        SecurityHeadersTests.AssertSecurityHeaders(response);
    }

    /// <summary>
    /// Issue 10, item 4: the reference on the error page is found in the log as an operator reads it. Every event of
    /// the failed request, formatted with the console sink's template from appsettings.json, carries it, and every
    /// line starts with a UTC date and time.
    /// </summary>
    [Fact]
    public async Task ErrorReference_IsFoundInTheLogLinesAsTheConsoleWritesThem()
    {
        var client = CreateClient();
        var created = await ApiAssessments.CreateAsync(client);
        _failNextCommand.Arm();

        using var response = await client.GetAsync($"/a/{created.ShareToken}");

        var reference = (await response.ReadDocumentAsync()).QuerySelector("main code")!.TextContent.Trim();
        Assert.Matches("^[0-9a-f]{32}$", reference);
        await _app.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal) && e.Properties["StatusCode"].ToString() == "500");
        var lines = _app.Logs.Events.Select(ConsoleLine).ToList();
        Assert.Contains(lines, line => line.Contains(reference, StringComparison.Ordinal) && line.Contains(Marker, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(reference, StringComparison.Ordinal) && line.Contains("responded 500", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Matches(@"^\[\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z ", line));
    }

    [Fact]
    public void ConsoleTemplate_WritesTheTimeInUtcWhateverTheEventsOffset()
    {
        var at = new DateTimeOffset(2026, 12, 1, 12, 30, 0, TimeSpan.FromHours(2));
        var logEvent = new Serilog.Events.LogEvent(at, Serilog.Events.LogEventLevel.Information, null,
            new Serilog.Parsing.MessageTemplateParser().Parse("Hello"), [], System.Diagnostics.ActivityTraceId.CreateFromString("0123456789abcdef0123456789abcdef"), default);

        var line = ConsoleLine(logEvent);

        Assert.StartsWith("[2026-12-01T10:30:00.000Z INF 0123456789abcdef0123456789abcdef]", line, StringComparison.Ordinal);
    }

    /// <summary>A structured sink gets the same: CompactJsonFormatter writes the UTC time (@t) and the trace id (@tr).</summary>
    [Fact]
    public void CompactJson_CarriesUtcTimeAndTraceId()
    {
        var at = new DateTimeOffset(2026, 12, 1, 12, 30, 0, TimeSpan.FromHours(2));
        var logEvent = new Serilog.Events.LogEvent(at, Serilog.Events.LogEventLevel.Information, null,
            new Serilog.Parsing.MessageTemplateParser().Parse("Hello"), [], System.Diagnostics.ActivityTraceId.CreateFromString("0123456789abcdef0123456789abcdef"), default);
        using var writer = new StringWriter();

        new Serilog.Formatting.Compact.CompactJsonFormatter().Format(logEvent, writer);

        var json = JsonNode.Parse(writer.ToString())!;
        Assert.Equal("2026-12-01T10:30:00.0000000Z", json["@t"]!.GetValue<string>());
        Assert.Equal("0123456789abcdef0123456789abcdef", json["@tr"]!.GetValue<string>());
    }

    /// <summary>
    /// The console sink in appsettings.json sits inside the async wrapper: a request hands its line to a buffer and
    /// never waits for the console (the console's lock was the share page's largest cost under load).
    /// </summary>
    [Fact]
    public void Settings_ConsoleSink_IsWrappedInTheAsyncSink()
    {
        var sink = AppSettingsSink();

        Assert.Equal("Async", sink["Name"]!.GetValue<string>());
        Assert.Equal("Console", sink["Args"]!["configure"]![0]!["Name"]!.GetValue<string>());
    }

    private static JsonNode AppSettingsSink() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))!["Serilog"]!["WriteTo"]![0]!;

    /// <summary>The event as the console sink configured in appsettings.json writes it.</summary>
    private static string ConsoleLine(Serilog.Events.LogEvent logEvent)
    {
        var template = AppSettingsSink()["Args"]!["configure"]![0]!["Args"]!["outputTemplate"]!.GetValue<string>();
        using var writer = new StringWriter();
        new Serilog.Formatting.Display.MessageTemplateTextFormatter(template, System.Globalization.CultureInfo.InvariantCulture).Format(logEvent, writer);
        return writer.ToString();
    }

    [Fact]
    public async Task Get_ApiWhenTheDatabaseFails_AnswersProblemJsonWithoutDetails()
    {
        var client = CreateClient();
        var created = await ApiAssessments.CreateAsync(client);
        _failNextCommand.Arm();

        using var response = await client.GetAsync($"/api/assessments/{created.ShareToken}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(500, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["traceId"]?.GetValue<string>()), "The problem has no trace id to quote.");
        AssertNoDetails(body);
    }

    [Fact]
    public async Task Post_ApiWhenTheInsertFails_AnswersProblemJsonAndWritesNoRow()
    {
        var client = CreateClient();
        _failNextCommand.Arm();

        using var content = ApiAssessments.Json(Answers.ToJsonBody(Answers.StrongCase()));
        using var response = await client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        AssertNoDetails(await response.Content.ReadAsStringAsync());
        using var scope = _faulty.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Assessments.CountAsync());
    }

    [Fact]
    public async Task Get_PageThatThrows_ShowsFriendly500WithoutDetails()
    {
        var client = CreateClient();

        using var response = await client.GetAsync(ThrowOnTestPaths.PagePath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Something went wrong", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("main code")?.TextContent));
        AssertNoDetails(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_PageThatThrows_ShowsFriendly500WithoutDetails()
    {
        var client = CreateClient();
        using var content = new FormUrlEncodedContent([new("x", "1")]);

        using var response = await client.PostAsync(ThrowOnTestPaths.PagePath, content);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        AssertNoDetails(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_ApiPathThatThrows_AnswersProblemJsonWithoutDetails()
    {
        var client = CreateClient();

        using var response = await client.GetAsync(ThrowOnTestPaths.ApiPath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        AssertNoDetails(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_UnknownPage_IsFriendly404()
    {
        var client = CreateClient();

        using var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/']"));
        SecurityHeadersTests.AssertSecurityHeaders(response);
    }

    private HttpClient CreateClient() => _faulty.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://localhost"),
    });

    private void AssertNoDetails(string body)
    {
        Assert.DoesNotMatch(StackFrame(), body);
        foreach (var leak in new[]
        {
            Marker, "SqliteException", "PostgresException", "Npgsql", "InvalidOperationException", "DbUpdateException", "Exception", "Data Source",
            "Host=", "SELECT", "INSERT", "/home/", _app.ConnectionString, Path.GetTempPath(), "Kestrel", "Microsoft.", "FineTuneAdvisor.Web.",
        })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"at .*\.cs:line|\bat [A-Z]\w*(\.\w+)+\(")]
    private static partial Regex StackFrame();

    /// <summary>Fails the next command it sees, as SQLite would when the file is locked or corrupt.</summary>
    private sealed class FailNextCommand : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private int _armed;

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            FailIfArmed(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            FailIfArmed(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            FailIfArmed(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            FailIfArmed(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            FailIfArmed(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            FailIfArmed(command);
            return ValueTask.FromResult(result);
        }

        // The group commit's INSERTs are plain commands (AssessmentInsert), which EF's command interceptors never see; the
        // transaction they run in is begun through EF, so that is where the fault reaches a creation.
        public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result)
        {
            FailIfArmed(connection, "BEGIN");
            return result;
        }

        public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            FailIfArmed(connection, "BEGIN");
            return ValueTask.FromResult(result);
        }

        private void FailIfArmed(DbCommand command) => FailIfArmed(command.Connection, command.CommandText);

        private void FailIfArmed(DbConnection? connection, string commandText)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                throw new SqliteException(
                    $"SQLite Error 11: 'database disk image is malformed' ({Marker}). Data Source={connection?.DataSource}; {commandText}", 11);
            }
        }
    }

    /// <summary>Adds, after the app's own pipeline, a middleware that throws for two paths no endpoint serves.</summary>
    private sealed class ThrowOnTestPaths : IStartupFilter
    {
        public const string PagePath = "/test-only/throw";
        public const string ApiPath = "/api/test-only/throw";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
                context.Request.Path == PagePath || context.Request.Path == ApiPath
                    ? throw new InvalidOperationException($"Injected failure ({Marker}) reading /home/advisor/App_Data/advisor.db")
                    : nextMiddleware(context));
        };
    }
}
