using FineTuneAdvisor.Browser.Tests.Pages;
using FineTuneAdvisor.Browser.Tests.Pages.Admin;
using FineTuneAdvisor.Browser.Tests.Pages.Data;
using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// Every page of the app in the light and the dark colour scheme (<c>prefers-color-scheme</c>), each checked with
/// axe-core (contrast included) on the way: landing, every questionnaire step, review, the result as its owner and as
/// anyone with the link sees it, revise, manage and delete, compare, data, the not-found page, admin sign-in and every
/// admin page.
/// </summary>
public sealed class ColourSchemeTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Passphrase = "lanterns drift above the quiet canal at dusk";

    /// <summary>The page colour of each scheme (site.css, :root): the dark one must really apply.</summary>
    public static TheoryData<string, string> Schemes => new()
    {
        { "light", "rgb(255, 255, 255)" },
        { "dark", "rgb(20, 23, 28)" },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task EveryPage_InScheme_IsAxeClean(string scheme, string paper)
    {
        var email = $"scheme-{scheme}@example.test";
        await browser.EnsureAdminAsync(email, Passphrase);
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions
        {
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        var page = session.Page;

        var landing = await LandingPage.OpenAsync(session);
        Assert.Equal(paper, await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor"));
        Written(await Screenshots.CaptureAsync(page, $"scheme-{scheme}-landing"));

        // The questionnaire (each step audits itself), its review, and the result as its owner first sees it.
        var step = await landing.StartAssessmentAsync();
        var review = await step.AnswerRemainingStepsAsync(ResultLayoutTests.VariedStrongCase("rag_and_fine_tune"));
        var owner = await review.SeeResultAsync();
        var ownerUrl = page.Url;
        Written(await Screenshots.CaptureAsync(page, $"scheme-{scheme}-result-owner"));

        // Open "How this was scored" so its tables are checked too.
        await page.Locator("details.how-scored summary").ClickAsync();
        await session.AuditAsync("result, how this was scored open");

        await page.GetByRole(AriaRole.Link, new() { Name = "Manage this assessment" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await session.AuditAsync("manage");
        Written(await Screenshots.CaptureAsync(page, $"scheme-{scheme}-manage"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete this assessment…" }).ClickAsync();
        await session.AuditAsync("manage: delete confirmation");

        await page.GotoAsync(ownerUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a revision" }).ClickAsync();
        await session.AuditAsync("revise");

        // The result as anyone with the link sees it, every verdict's card, then a comparison of two.
        foreach (var verdict in new[] { "fine_tune", "pilot", "rag", "prompt_engineering", "not_ready" })
        {
            var token = await browser.CreateAssessmentAsync(ResultLayoutTests.VariedStrongCase(verdict));
            await page.GotoAsync($"/a/{token}");
            await Expect(owner.Verdict).ToBeVisibleAsync();
            await session.AuditAsync($"result shared ({verdict})");
        }

        Written(await Screenshots.CaptureAsync(page, $"scheme-{scheme}-result-not_ready"));
        var sharedUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare with another assessment" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await session.AuditAsync("compare");
        var (other, otherId) = await CreateAsync("fine_tune");
        await page.GotoAsync($"/compare?a={Uri.EscapeDataString(sharedUrl)}&b={Uri.EscapeDataString(new Uri(browser.BaseAddress, $"/a/{other}").ToString())}");
        await Expect(page.Locator("main h2").First).ToBeVisibleAsync();
        await session.AuditAsync("compare, two assessments");
        Written(await Screenshots.CaptureAsync(page, $"scheme-{scheme}-compare"));

        var data = await DataPage.OpenAsync(session);
        await data.PasteAsync("""
            {"messages":[{"role":"user","content":"Where is my order 1234?"},{"role":"assistant","content":"It left the warehouse today."}]}
            {"messages":[{"role":"user","content":"Can I change my address?"},{"role":"assistant","content":"Yes, until the parcel ships."}]}
            """);
        await data.ExpectReportAsync();

        session.ExpectHttpError("/a/" + new string('x', 43));
        await ErrorPage.OpenMissingAsync(session, "/a/" + new string('x', 43));

        // The admin area: sign-in, then every page of its navigation and a stored assessment.
        var signIn = await SignInPage.OpenAsync(session);
        await signIn.SignInAsync(email, Passphrase);
        foreach (var kind in new[] { AdminScreen.Rules, AdminScreen.Preview, AdminScreen.Versions, AdminScreen.Import, AdminScreen.AuditLog, AdminScreen.Accounts, AdminScreen.Password })
        {
            await AdminScreen.OpenAsync(session, kind);
        }

        Written(await Screenshots.CaptureAsync(page, $"scheme-{scheme}-admin-password"));
        await AdminScreen.OpenAsync(session, AdminScreen.Overview);
        await page.GotoAsync($"/admin/assessments/{otherId}");
        await Expect(page.Locator("main h1")).ToContainTextAsync(otherId);
        await session.AuditAsync("admin assessment");

        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    /// <summary>Saves an assessment through the JSON API; its share token and its public id (the admin area's address).</summary>
    private async Task<(string Token, string PublicId)> CreateAsync(string verdict)
    {
        using var client = new HttpClient { BaseAddress = browser.BaseAddress };
        using var body = new StringContent(FineTuneAdvisor.Web.Tests.Support.Answers.ToJsonBody(ResultLayoutTests.VariedStrongCase(verdict)), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/assessments", body);
        response.EnsureSuccessStatusCode();
        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (json["shareToken"]!.GetValue<string>(), json["id"]!.GetValue<string>());
    }

    private void Written(string? path) => output.WriteLine(path is null
        ? $"Screenshot rendered, not written ({Screenshots.DirectoryVariable} is not set)."
        : $"Screenshot: {path}");
}
