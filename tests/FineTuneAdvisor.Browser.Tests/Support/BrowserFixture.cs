using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FineTuneAdvisor.Browser.Tests.Support;

/// <summary>
/// One app server and one headless Debian Chromium per test class; every test opens its own
/// <see cref="BrowserSession"/> (a fresh browser context: no cookies, drafts or storage shared).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly KestrelAppFactory _app = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BaseAddress = _app.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A new browser context on the app. <paramref name="options"/> may turn JavaScript off or change the viewport;
    /// <paramref name="runAxe"/> false skips axe-core on screens another test already checks.
    /// </summary>
    public Task<BrowserSession> NewSessionAsync(BrowserNewContextOptions? options = null, bool runAxe = true)
    {
        var contextOptions = options ?? new BrowserNewContextOptions();
        contextOptions.BaseURL = BaseAddress.ToString();
        contextOptions.ViewportSize ??= Viewports.Desktop;
        contextOptions.Locale ??= "en-GB";
        return BrowserSession.StartAsync(_browser ?? throw new InvalidOperationException("The fixture is not initialised."), contextOptions, runAxe);
    }

    /// <summary>Saves an assessment straight through the JSON API, for tests that are about the result page only.</summary>
    public async Task<string> CreateAssessmentAsync(IReadOnlyDictionary<string, string> answers)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var body = new StringContent(Answers.ToJsonBody(answers), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/assessments", body);
        response.EnsureSuccessStatusCode();
        return response.Headers.Location?.OriginalString.Split('/')[^1]
            ?? throw new InvalidOperationException("The API answered without a Location.");
    }

    /// <summary>
    /// Makes sure an admin account exists, created through the app's own Identity services (the way the tests of the
    /// admin area do it; the browser then signs in through the real form).
    /// </summary>
    public Task EnsureAdminAsync(string email, string password) => _app.EnsureAdminAsync(email, password);

    /// <summary>The rule set new assessments are scored with right now, as the running app holds it.</summary>
    public RuleSet ActiveRuleSet => _app.Services.GetRequiredService<ActiveRuleSet>().Current;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>xunit calls this after <see cref="DisposeAsync"/>: the server stops once the browser is gone.</summary>
    public void Dispose() => _app.Dispose();
}

public static class Viewports
{
    public static ViewportSize Desktop => new() { Width = 1280, Height = 900 };

    public static ViewportSize Phone => new() { Width = 390, Height = 844 };
}
