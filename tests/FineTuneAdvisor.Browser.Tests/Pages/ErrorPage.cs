using FineTuneAdvisor.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages;

/// <summary>The friendly error page (Pages/Error.cshtml), re-executed for bare status codes such as 404.</summary>
public sealed class ErrorPage(BrowserSession session)
{
    /// <summary>Opens an address that has nothing behind it and expects the 404 page, status included.</summary>
    public static async Task<ErrorPage> OpenMissingAsync(BrowserSession session, string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.ExpectHttpError(path);
        var response = await session.Page.GotoAsync(path);
        Assert.Equal(404, response?.Status);
        // A dead share or manage link gets its own wording (the same for unknown, revoked, expired and deleted).
        var secretLink = path.StartsWith("/a/", StringComparison.Ordinal) || path.StartsWith("/manage/", StringComparison.Ordinal);
        await Expect(session.Page.Locator(Selectors.Heading)).ToHaveTextAsync(secretLink ? "This assessment is not shared" : "Page not found");
        await session.AuditAsync(secretLink ? "not-shared page" : "404 page");
        return new ErrorPage(session);
    }

    public async Task<LandingPage> GoHomeAsync()
    {
        await session.Page.Locator(Selectors.HomeLink).ClickAsync();
        return await LandingPage.OpenAsync(session);
    }

    private static class Selectors
    {
        public const string Heading = "main h1";
        public const string HomeLink = "main a[href='/']";
    }
}
