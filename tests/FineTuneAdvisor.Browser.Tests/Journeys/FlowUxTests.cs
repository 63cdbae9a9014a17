using FineTuneAdvisor.Browser.Tests.Pages.Admin;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// Issue 11, items 5, 6 and 8 in a real browser at 1280×800 and 390×844: clearing answers asks first on a page of its
/// own that works without JavaScript, "continue or start fresh" and "Your assessments" pass axe, and the admin pages
/// never scroll sideways on a phone, with chart labels of at least 12 px.
/// </summary>
public sealed class FlowUxTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Passphrase = "lanterns drift above the quiet canal at dusk";

    public static TheoryData<string> Widths => ["desktop", "phone"];

    private static ViewportSize Viewport(string width) => width == "phone" ? Viewports.Phone : new ViewportSize { Width = 1280, Height = 800 };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task ClearAllAnswers_WithoutJavaScript_AsksOnItsOwnPage_KeepOrClear(string width)
    {
        // axe needs JavaScript in the page; the confirmation is audited with axe in StartFresh_… below.
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = Viewport(width) }, runAxe: false);
        var page = session.Page;
        await page.GotoAsync("/assess/use_case");
        await page.Locator("#field-use_case_summary").FillAsync("Sort support tickets by urgency.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        // Step 1 has unanswered questions: the page comes back with errors, the summary saved in the draft.
        await Expect(page.Locator("#error-summary")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Clear all answers and start over…" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Clear all answers?");
        await session.AuditAsync($"clear confirmation ({width})");
        await page.GetByRole(AriaRole.Link, new() { Name = "Keep my answers" }).ClickAsync();
        await Expect(page.Locator("#field-use_case_summary")).ToHaveValueAsync("Sort support tickets by urgency.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Clear all answers and start over…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear all answers", Exact = true }).ClickAsync();

        await Expect(page.Locator(".status-message")).ToContainTextAsync("All answers were cleared");
        await Expect(page.Locator("#field-use_case_summary")).ToHaveValueAsync("");
        await Expect(page.Locator(".progress li.progress-done")).ToHaveCountAsync(0);
        await session.AuditAsync($"questionnaire after clearing ({width})");
        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task StartFresh_AndYourAssessments_PassAxe(string width)
    {
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = Viewport(width) });
        var page = session.Page;
        await page.GotoAsync("/yours");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Your assessments");
        await session.AuditAsync($"your assessments, none ({width})");
        await page.GotoAsync("/assess/use_case");
        await page.Locator("#field-use_case_summary").FillAsync("Sort support tickets by urgency.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and finish later", Exact = true }).ClickAsync();
        await page.GotoAsync("/assess/clear");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Clear all answers?");
        await session.AuditAsync($"clear confirmation ({width})");
        await AssertNoSidewaysScrollAsync(page, "clear confirmation");

        await page.GotoAsync("/");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Start an assessment" }).ClickAsync();

        await Expect(page.Locator("main h1")).ToHaveTextAsync("Continue or start fresh?");
        await session.AuditAsync($"continue or start fresh ({width})");
        await AssertNoSidewaysScrollAsync(page, "continue or start fresh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start fresh", Exact = true }).ClickAsync();
        await Expect(page.Locator("#field-use_case_summary")).ToHaveValueAsync("");

        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task AdminPages_NeverScrollSideways_AndChartLabelsAreAtLeast12Px(string width)
    {
        var email = $"layout-{width}@example.test";
        await browser.EnsureAdminAsync(email, Passphrase);
        await browser.CreateAssessmentAsync(Answers.StrongCase());
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = Viewport(width) });
        await (await SignInPage.OpenAsync(session)).SignInAsync(email, Passphrase);
        var page = session.Page;

        var labelSizes = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('.chart-label')].map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)");
        Assert.NotEmpty(labelSizes);
        Assert.All(labelSizes, size => Assert.True(size >= 12, $"A chart label is drawn at {size:0.0} px ({width})."));
        await AssertNoSidewaysScrollAsync(page, "admin overview");

        foreach (var path in new[] { "/admin/rules", "/admin/rules?q=bias", "/admin/rules/preview", "/admin/rules/versions", "/admin/audit", "/admin/accounts" })
        {
            await page.GotoAsync(path);
            await AssertNoSidewaysScrollAsync(page, path);
        }

        // Every rule group open: the widest the editor gets.
        await page.GotoAsync("/admin/rules");
        await page.EvaluateAsync("() => document.querySelectorAll('details.rule-group').forEach(d => d.open = true)");
        await AssertNoSidewaysScrollAsync(page, "/admin/rules, every group open");
        await Expect(page.GetByLabel("Examples for a pilot", new() { Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/admin/rules?q=bias");
        await session.AuditAsync($"admin rules filtered ({width})");
        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string screen)
    {
        var sizes = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        var (scroll, client) = (sizes[0], sizes[1]);
        Assert.True(scroll <= client, $"{screen} scrolls sideways: {scroll} px wide in a {client}-px window.");
    }
}
