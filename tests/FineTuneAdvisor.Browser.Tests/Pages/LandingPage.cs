using FineTuneAdvisor.Browser.Tests.Pages.Assess;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Web.Pages.Assess;
using static Microsoft.Playwright.Assertions;
using Microsoft.Playwright;

namespace FineTuneAdvisor.Browser.Tests.Pages;

/// <summary>The landing page, <c>/</c> (Pages/Index.cshtml).</summary>
public sealed class LandingPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public static async Task<LandingPage> OpenAsync(BrowserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.Page.GotoAsync("/");
        await Expect(session.Page.Locator(Selectors.Heading)).ToHaveTextAsync("Should we fine-tune an LLM for this?");
        await Expect(session.Page.Locator(Selectors.VerdictCards)).ToHaveCountAsync(6);
        await session.AuditAsync("landing");
        return new LandingPage(session);
    }

    public async Task<QuestionnaireStepPage> StartAssessmentAsync()
    {
        await Page.Locator(Selectors.Main).GetByRole(AriaRole.Link, new() { Name = Selectors.StartLinkName }).ClickAsync();
        return await QuestionnaireStepPage.ExpectAsync(session, QuestionnaireSteps.First);
    }

    private static class Selectors
    {
        public const string Main = "main";
        public const string Heading = "main h1";
        public const string VerdictCards = ".verdict-grid > li";
        public const string StartLinkName = "Start an assessment";
    }
}
