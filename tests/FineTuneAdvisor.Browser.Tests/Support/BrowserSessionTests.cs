using FineTuneAdvisor.Browser.Tests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FineTuneAdvisor.Browser.Tests.Support;

/// <summary>The watchers the journeys rely on catch what they claim to: a guard that never fires proves nothing.</summary>
public sealed class BrowserSessionTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task BrowserSession_RequestToAnotherHost_IsAbortedAndRecorded()
    {
        await using var session = await browser.NewSessionAsync(runAxe: false);

        var error = await Assert.ThrowsAsync<PlaywrightException>(() => session.Page.GotoAsync("https://cdn.example.com/library.js"));

        Assert.Contains("ERR_BLOCKED_BY_CLIENT", error.Message, StringComparison.Ordinal);
        Assert.Equal(["GET https://cdn.example.com/library.js"], session.OffMachineRequests);
    }

    [Fact]
    public async Task BrowserSession_InjectedImageWithInlineHandler_ReportsCspConsoleAndAxeProblems()
    {
        await using var session = await browser.NewSessionAsync();
        await LandingPage.OpenAsync(session);

        await session.Page.RunAndWaitForConsoleMessageAsync(
            () => session.Page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/favicon.svg\" onload=\"window.__ran=1\">')"),
            new() { Predicate = message => message.Text.Contains("Content Security Policy", StringComparison.Ordinal) });
        await session.Page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        await session.AuditAsync("landing with an injected image");

        const string screen = "landing with an injected image";
        foreach (var problem in session.Problems)
        {
            output.WriteLine(problem);
        }

        Assert.Contains(session.Problems, p => p.StartsWith($"[csp] {screen}: script-src-attr", StringComparison.Ordinal));
        Assert.Contains(session.Problems, p => p.StartsWith("[console]", StringComparison.Ordinal) && p.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Contains(session.Problems, p => p.StartsWith($"[axe critical] {screen}: image-alt", StringComparison.Ordinal));
        Assert.Null(await session.Page.EvaluateAsync<int?>("() => window.__ran"));
    }
}
