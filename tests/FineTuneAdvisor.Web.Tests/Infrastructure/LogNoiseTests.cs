using System.Diagnostics.Metrics;
using System.Net;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// A log an operator reads: normal requests log no warning, each request logs one line (an error page re-executed
/// for it adds none), and a client over a rate limit is logged once per window as a warning, counted by a metric,
/// instead of two lines per rejected request.
/// </summary>
public sealed class LogNoiseTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new AdvisorAppFactory().WithSetting("RateLimiting:SharedLinksPerMinute", "3");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task OwnerAndRevisePages_NormalGets_LogNoWarning()
    {
        // On Kestrel, where a page's body is written out as it renders.
        using var app = new KestrelAppFactory();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Start() };
        var created = await ApiAssessments.CreateAsync(client);
        var startUp = app.Logs.Events.Count;

        foreach (var path in new[] { $"/manage/{created.ManageToken}", $"/a/{created.ShareToken}/revise", "/assess/use_case", "/" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var warnings = app.Logs.Events.Skip(startUp).Where(e => e.Level >= LogEventLevel.Warning).Select(e => e.RenderMessage()).ToList();
        Assert.True(warnings.Count == 0, string.Join(Environment.NewLine, warnings));
    }

    [Fact]
    public async Task ErrorPage_ReExecutedForA404_AddsNoSecondRequestLine()
    {
        var client = _app.CreateBrowserClient();

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var lines = await _app.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal));
        var line = Assert.Single(lines);
        Assert.Equal("\"/no-such-page\"", line.Properties["RequestPath"].ToString());
        Assert.Equal("404", line.Properties["StatusCode"].ToString());
    }

    [Fact]
    public async Task SharePage_OverTheLimit_LogsOneWarningPerClientAndWindowAndCountsEveryRejection()
    {
        var rejections = new List<(long Value, string? Policy)>();
        using var listener = new MeterListener();
        var meters = _app.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RateLimitRejections.MeterName && instrument.Name == RateLimitRejections.CounterName && instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (rejections)
            {
                rejections.Add((value, tags.ToArray().FirstOrDefault(t => t.Key == "policy").Value as string));
            }
        });
        listener.Start();
        var client = _app.CreateBrowserClient();
        var unknown = "/a/" + new string('A', 43);

        for (var i = 0; i < 8; i++)
        {
            using var response = await client.GetAsync(unknown);
            Assert.Equal(i < 3 ? HttpStatusCode.NotFound : HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        var warnings = await _app.Logs.WaitForAsync(e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("rate limit", StringComparison.OrdinalIgnoreCase));
        var warning = Assert.Single(warnings);
        Assert.Contains(RateLimitingSetup.SharedLinks, warning.RenderMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Logs.Events, e => e.Level >= LogEventLevel.Information && e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)
            && e.Properties["StatusCode"].ToString() == "429");
        lock (rejections)
        {
            Assert.Equal(5, rejections.Sum(r => r.Value));
            Assert.All(rejections, r => Assert.Equal(RateLimitingSetup.SharedLinks, r.Policy));
        }
    }
}
