using System.Net;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Tests.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// No share token and no free-text answer may reach a log, at any level (checklist C10). Each host logs to its own
/// logger, request lines included, so these run beside other tests.
/// </summary>
public sealed class LoggingTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WholeJourney_AtMostVerboseLevel_LogsNoShareTokenAndNoFreeText()
    {
        _app.WithSetting("Serilog:MinimumLevel:Default", "Verbose")
            .WithSetting("Serilog:MinimumLevel:Override:Microsoft", "Verbose")
            .WithSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Verbose")
            .WithSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Verbose");
        var secrets = await RunJourneyAsync();

        Assert.Contains(_app.Logs.Events, e => e.Level == LogEventLevel.Verbose);
        AssertNoneLogged(secrets);
    }

    [Fact]
    public async Task WholeJourney_AtProductionLevel_LogsNoShareTokenAndNoFreeText()
    {
        var secrets = await RunJourneyAsync();

        AssertNoneLogged(secrets);
    }

    [Fact]
    public async Task Get_SharePage_AtProductionLevel_LogsTheRequestLineWithTheTokenMasked()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        using var response = await client.GetAsync($"/a/{created.ShareToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestLine = Assert.Single(await _app.Logs.WaitForAsync(e => e.Properties.TryGetValue("RequestMethod", out var method)
            && method.ToString() == "\"GET\"" && e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)));
        Assert.Equal(SecretMaskingEnricher.Mask, ((ScalarValue)requestLine.Properties["RequestPath"]).Value!.ToString()!["/a/".Length..]);
        Assert.Matches(@"^HTTP ""GET"" ""/a/\[redacted\]"" responded 200 in ", requestLine.RenderMessage());
        Assert.DoesNotContain(_app.Logs.AllText(), line => line.Contains(created.ShareToken, StringComparison.Ordinal));
    }

    /// <summary>Each host logs to its own sinks: the request line must not follow the static Serilog logger to another host.</summary>
    [Fact]
    public async Task RequestLine_WhenAnotherHostStartedLater_IsCapturedByItsOwnHost()
    {
        var client = _app.CreateClient();
        using var other = new AdvisorAppFactory();
        using (other.CreateClient())
        {
        }

        using var response = await client.GetAsync("/api/questionnaire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await _app.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)
            && e.Properties["RequestPath"].ToString() == "\"/api/questionnaire\""));
        Assert.DoesNotContain(other.Logs.Events, e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/a/abc", "/a/[redacted]")]
    [InlineData("/a/abc?utm=1", "/a/[redacted]?utm=1")]
    [InlineData("/A/abc", "/A/[redacted]")]
    [InlineData("/api/assessments/abc", "/api/assessments/[redacted]")]
    [InlineData("/resume/abc/", "/resume/[redacted]/")]
    [InlineData("/manage/abc#x", "/manage/[redacted]#x")]
    [InlineData("GET https://localhost/a/abc responded 404", "GET https://localhost/a/[redacted] responded 404")]
    [InlineData("Location: '/a/abc'", "Location: '/a/[redacted]'")]
    [InlineData("advisor-draft=0123456789abcdefghijABCDEFGHIJ-_01; path=/", "advisor-draft=[redacted]; path=/")]
    public void MaskText_TextWithCapabilityToken_MasksIt(string text, string expected)
    {
        Assert.Equal(expected, SecretMaskingEnricher.MaskText(text));
    }

    [Fact]
    public void MaskText_ARealShareTokenAnywhere_IsMasked()
    {
        var token = ShareTokens.Create().Token;

        foreach (var text in new[] { token, $"token={token}", $"/a/{token}", $"\"{token}\"", $"x{token}y" })
        {
            Assert.DoesNotContain(token, SecretMaskingEnricher.MaskText(text), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("/assess/use_case")]
    [InlineData("/api/assessments")]
    [InlineData("/api/questionnaire")]
    [InlineData("/data/a")]
    [InlineData("HTTP POST /assess/review responded 302 in 12.5 ms")]
    [InlineData("0123456789abcdefghijABCDEFGHIJ1")]
    public void MaskText_TextWithoutToken_IsReturnedUnchanged(string text)
    {
        Assert.Same(text, SecretMaskingEnricher.MaskText(text));
    }

    [Fact]
    public void Enrich_TokenInAScalarProperty_IsMaskedInPropertyAndMessage()
    {
        var token = ShareTokens.Create().Token;
        var logEvent = Event("Opened {Path}", new LogEventProperty("Path", new ScalarValue($"/a/{token}")));

        new SecretMaskingEnricher().Enrich(logEvent, new PropertyFactory());

        Assert.DoesNotContain(token, logEvent.RenderMessage(), StringComparison.Ordinal);
        Assert.Equal("\"/a/[redacted]\"", logEvent.Properties["Path"].ToString());
    }

    /// <summary>
    /// Framework events carry values inside sequences and structures too: Razor Pages logs a handler's
    /// arguments (the share token of /a/{token}) as a string array at Trace level.
    /// </summary>
    [Fact]
    public void Enrich_TokenInsideSequenceStructureOrDictionary_IsMasked()
    {
        var token = ShareTokens.Create().Token;
        var logEvent = Event(
            "Executing handler method {HandlerName} with arguments ({Arguments}) {Route} {Values}",
            new LogEventProperty("HandlerName", new ScalarValue("ShowModel.OnGetAsync")),
            new LogEventProperty("Arguments", new SequenceValue([new ScalarValue(token), new ScalarValue("System.Threading.CancellationToken")])),
            new LogEventProperty("Route", new StructureValue([new LogEventProperty("token", new ScalarValue(token))])),
            new LogEventProperty("Values", new DictionaryValue([KeyValuePair.Create(new ScalarValue("token"), (LogEventPropertyValue)new ScalarValue(token))])));

        new SecretMaskingEnricher().Enrich(logEvent, new PropertyFactory());

        Assert.DoesNotContain(token, logEvent.RenderMessage(), StringComparison.Ordinal);
        Assert.All(logEvent.Properties, p => Assert.DoesNotContain(token, p.Value.ToString(), StringComparison.Ordinal));
    }

    private static LogEvent Event(string template, params LogEventProperty[] properties) =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Verbose, null, new Serilog.Parsing.MessageTemplateParser().Parse(template), properties);

    private sealed class PropertyFactory : Serilog.Core.ILogEventPropertyFactory
    {
        public LogEventProperty CreateProperty(string name, object? value, bool destructureObjects = false) => new(name, new ScalarValue(value));
    }

    /// <summary>Questionnaire by form, share page, API create and read, unknown tokens; returns every secret used.</summary>
    private async Task<string[]> RunJourneyAsync()
    {
        const string formSummary = "Quokka ledger reconciliation for the Ballymacarbry office";
        const string apiSummary = "Zebracorn invoice triage with strict Thursday templates";
        var client = _app.CreateBrowserClient();

        var answers = Answers.StrongCase();
        answers["use_case_summary"] = formSummary;
        var location = await QuestionnairePageTests.CompleteAsync(client, answers);
        var formToken = location["/a/".Length..];
        using (var page = await client.GetAsync(location))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var apiAnswers = Answers.StrongCase();
        apiAnswers["use_case_summary"] = apiSummary;
        var created = await ApiAssessments.CreateAsync(client, apiAnswers);
        using (var read = await client.GetAsync($"/api/assessments/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var page = await client.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var unknown = ShareTokens.Create().Token;
        using (var missing = await client.GetAsync($"/a/{unknown}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var missing = await client.GetAsync($"/api/assessments/{unknown}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Assert.True(ShareTokens.IsWellFormed(formToken), location);
        return [formToken, created.ShareToken, unknown, formSummary, apiSummary, "Quokka", "Zebracorn"];
    }

    private void AssertNoneLogged(string[] secrets)
    {
        var lines = _app.Logs.AllText().ToList();
        Assert.NotEmpty(lines);
        var leaks = lines.Where(l => secrets.Any(s => l.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log events hold a share token or free text:\n{string.Join("\n", leaks)}");
    }
}
