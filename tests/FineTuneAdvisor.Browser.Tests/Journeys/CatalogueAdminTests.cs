using FineTuneAdvisor.Browser.Tests.Pages.Admin;
using FineTuneAdvisor.Browser.Tests.Pages.Admin.Catalogue;
using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// The provider catalogue in a real browser at desktop and phone widths: the stale-price warning, a bad price refused
/// beside its field, the fix saved, reviewed and published. Every screen passes axe-core and none scrolls sideways.
/// </summary>
public sealed class CatalogueAdminTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Passphrase = "seven lanterns drift above the salt marsh";
    private const string Mini = "GPT-4o mini (2024-07-18)";
    private const string FineTunedInput = "Fine-tuned input, $ per million";

    public static TheoryData<string, int, int> Widths => new()
    {
        { "desktop", 1280, 800 },
        { "phone", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Catalogue_EditWithAMistakeFixAndPublish_AxeCleanAndNoSidewaysScroll(string device, int width, int height)
    {
        var email = $"catalogue-{device}@example.test";
        await browser.EnsureAdminAsync(email, Passphrase);
        await using var session = await browser.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var overview = await (await SignInPage.OpenAsync(session)).SignInAsync(email, Passphrase);
        var overflow = new List<string>();
        var catalogue = new CataloguePage(session);

        await overview.FollowNavigationAsync("Provider catalogue", CataloguePage.Editor);
        // The seed holds prices checked in 2025: the warning names those models.
        await Expect(catalogue.StaleWarning).ToContainTextAsync("Gemini 2.5 Pro");
        Written(await Screenshots.CaptureAsync(session.Page, $"admin-catalogue-{device}"));
        overflow.AddRange((await catalogue.SidewaysOverflowAsync()).Select(o => "editor: " + o));

        await catalogue.OpenModelAsync(Mini);
        var price = catalogue.Field(Mini, FineTunedInput);
        var current = await price.InputValueAsync();
        await price.FillAsync("-0.30");
        await catalogue.SaveDraftAsync(" with an error");
        await Expect(catalogue.ErrorSummary).ToContainTextAsync($"{Mini}, fine-tuned input, $ per million: Must be 0 or more.");
        await Expect(price).ToHaveValueAsync("-0.30");
        await Expect(price).ToHaveAttributeAsync("aria-invalid", "true");
        await price.ScrollIntoViewIfNeededAsync();
        Written(await Screenshots.CaptureAsync(session.Page, $"admin-catalogue-error-{device}"));
        overflow.AddRange((await catalogue.SidewaysOverflowAsync()).Select(o => "editor with an error: " + o));

        var raised = device == "phone" ? "0.45" : "0.4";
        await price.FillAsync(raised);
        await catalogue.SaveDraftAsync();
        await Expect(new AdminScreen(session).Notice).ToContainTextAsync("Draft saved.");
        await catalogue.OpenPublishAsync();
        await Expect(catalogue.Changes).ToContainTextAsync([$"fineTuned.inputPerMillion: {decimal.Parse(current, System.Globalization.CultureInfo.InvariantCulture):0.##} → {raised}"]);
        Written(await Screenshots.CaptureAsync(session.Page, $"admin-catalogue-publish-{device}"));
        overflow.AddRange((await catalogue.SidewaysOverflowAsync()).Select(o => "publish: " + o));
        var next = int.Parse((await session.Page.GetByRole(AriaRole.Button, new() { NameString = "Publish as version" }).TextContentAsync())!.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await catalogue.PublishAsync(next);
        overflow.AddRange((await catalogue.SidewaysOverflowAsync()).Select(o => "versions: " + o));

        await AdminScreen.OpenAsync(session, CataloguePage.Import);
        overflow.AddRange((await catalogue.SidewaysOverflowAsync()).Select(o => "import: " + o));

        Assert.True(overflow.Count == 0, $"At {width}px wide a catalogue page scrolls sideways (WCAG 1.4.10 Reflow):{Environment.NewLine}" + string.Join(Environment.NewLine, overflow));
        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    private void Written(string? path)
    {
        if (path is not null)
        {
            output.WriteLine($"Screenshot: {path}");
        }
    }
}
