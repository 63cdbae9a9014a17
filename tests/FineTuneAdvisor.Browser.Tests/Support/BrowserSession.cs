using System.Collections.Concurrent;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FineTuneAdvisor.Browser.Tests.Support;

/// <summary>
/// One browser context and its page, watched for everything a visitor should never meet: console errors, uncaught
/// script errors, Content-Security-Policy violations, requests leaving the machine, and serious or critical axe-core
/// findings. Page objects call <see cref="AuditAsync"/> on every screen they land on; a test ends with
/// <see cref="AssertNoProblems"/>, which names every problem with its screen and element.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Runs before any page script; CSP reports survive in the page until <see cref="AuditAsync"/> reads them.</summary>
    private const string CspRecorder = """
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", function (e) {
            window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
                " (" + (e.sourceFile || e.documentURI) + ":" + e.lineNumber + ")");
        });
        """;

    private static readonly HashSet<string> LocalHosts = new(StringComparer.OrdinalIgnoreCase) { "127.0.0.1", "localhost", "[::1]" };
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _axeNotes = new();
    private readonly ConcurrentQueue<string> _offMachineRequests = new();
    private readonly ConcurrentQueue<string> _expectedErrorUrls = new();
    private readonly List<string> _audited = [];
    private readonly HashSet<string> _axeChecked = new(StringComparer.Ordinal);

    private BrowserSession(IBrowserContext context, bool javaScriptEnabled, bool runAxe)
    {
        Context = context;
        JavaScriptEnabled = javaScriptEnabled;
        RunAxe = runAxe;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; private set; } = null!;

    public bool JavaScriptEnabled { get; }

    /// <summary>
    /// Whether <see cref="AuditAsync"/> runs axe-core (once per screen name). Off for journeys that only repeat
    /// screens another test already checks with axe: it is the slow part of an audit.
    /// </summary>
    public bool RunAxe { get; }

    /// <summary>Problems met so far (console, script, CSP, axe); <see cref="AssertNoProblems"/> reports them with the requests below.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>Requests the browser tried to send anywhere but this machine; each was aborted.</summary>
    public IReadOnlyCollection<string> OffMachineRequests => _offMachineRequests;

    /// <summary>Every axe finding of any impact, for the test output (only serious and critical ones fail a test).</summary>
    public IReadOnlyCollection<string> AxeNotes => _axeNotes;

    public static async Task<BrowserSession> StartAsync(IBrowser browser, BrowserNewContextOptions options, bool runAxe)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(options);
        var context = await browser.NewContextAsync(options);
        var session = new BrowserSession(context, options.JavaScriptEnabled ?? true, runAxe);
        await context.AddInitScriptAsync(CspRecorder);
        await context.RouteAsync("**/*", session.KeepOnMachineAsync);
        context.Page += (_, page) => session.Watch(page);
        session.Page = await context.NewPageAsync();
        return session;
    }

    /// <summary>
    /// The browser logs a failed resource (a 404 document included) as a console error; a test that asks for a missing
    /// page on purpose names it here so that one message is not counted as a problem.
    /// </summary>
    public void ExpectHttpError(string pathAndQuery) => _expectedErrorUrls.Enqueue(pathAndQuery);

    /// <summary>Checks the screen now shown: CSP violations so far, then (the first time a screen is seen) axe-core on the whole document.</summary>
    public async Task AuditAsync(string screen)
    {
        _audited.Add(screen);
        // With JavaScript off the recorder never ran; Chromium still logs each violation as a console error.
        if (JavaScriptEnabled)
        {
            var violations = await Page.EvaluateAsync<string[]>("() => (window.__cspViolations || []).splice(0)");
            foreach (var violation in violations)
            {
                _problems.Enqueue($"[csp] {screen}: {violation}");
            }
        }

        if (!RunAxe || !_axeChecked.Add(screen))
        {
            return;
        }

        // RunAxe() finishes each run in a new blank browser context (built for cross-origin frames): about 4 s a
        // screen on this machine against under 1 s in the page. The app has no frames, so both check the same.
#pragma warning disable CS0618 // "Legacy Mode is being removed in the future": switch to RunAxe(ViolationsOnly) then.
        var result = await Page.RunAxeLegacy(options: ViolationsOnly);
#pragma warning restore CS0618
        foreach (var violation in result.Violations)
        {
            var line = Describe(screen, violation);
            _axeNotes.Enqueue(line);
            if (BlockingImpacts.Contains(violation.Impact, StringComparer.OrdinalIgnoreCase))
            {
                _problems.Enqueue(line);
            }
        }
    }

    /// <summary>Every axe finding of this session, whatever its impact, into the test output.</summary>
    public void WriteAxeNotes(Xunit.Abstractions.ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var note in AxeNotes)
        {
            output.WriteLine(note);
        }
    }

    /// <summary>Fails with the full list of problems met in this session, grouped by kind, each with its screen.</summary>
    public void AssertNoProblems()
    {
        var problems = _problems.Concat(_offMachineRequests.Select(r => $"[network] left the machine (aborted): {r}")).ToList();
        Assert.True(problems.Count == 0,
            $"{problems.Count} problem(s) on the screens [{string.Join(", ", _audited)}]:{Environment.NewLine}" +
            string.Join(Environment.NewLine, problems));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private static string Describe(string screen, AxeResultItem violation)
    {
        var nodes = violation.Nodes.Select(n => $"    {n.Target}: {n.Html}");
        return $"[axe {violation.Impact}] {screen}: {violation.Id} — {violation.Help} ({violation.HelpUrl}){Environment.NewLine}" +
            string.Join(Environment.NewLine, nodes);
    }

    private async Task KeepOnMachineAsync(IRoute route)
    {
        // data: and blob: URLs have no host and never touch the network.
        var host = new Uri(route.Request.Url).Host;
        if (host.Length > 0 && !LocalHosts.Contains(host))
        {
            _offMachineRequests.Enqueue($"{route.Request.Method} {route.Request.Url}");
            await route.AbortAsync("blockedbyclient");
            return;
        }

        await route.ContinueAsync();
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type != "error" || IsExpectedHttpError(page, message))
            {
                return;
            }

            _problems.Enqueue($"[console] {page.Url}: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _problems.Enqueue($"[script error] {page.Url}: {error}");
    }

    private bool IsExpectedHttpError(IPage page, IConsoleMessage message) =>
        message.Text.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal)
        && _expectedErrorUrls.Contains(new Uri(page.Url).PathAndQuery);
}
